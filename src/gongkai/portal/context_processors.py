"""The footer's site identity (settings.GONGKAI_SITE: 主办单位, 网站标识码, ICP备案, 公安机关备案;
《政府网站发展指引》, docs/law.md §10.3) and the 「我为政府网站找错」 link on every page."""

from django.conf import settings
from django.urls import reverse

#: The 长者模式 preference (GB/T 37668-2019 适老化): a cookie set by the header's switch (portal.views.elder_mode).
ELDER_COOKIE = "gk_elder"


def site(request):
    return {"site": getattr(settings, "GONGKAI_SITE", {}), "error_report_url": reverse("portal:error-report"),
            "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1"}
