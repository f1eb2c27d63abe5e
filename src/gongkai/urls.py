"""URL map. Public pages first, staff pages under /staff/, the admin for administrators only.

Each app owns its own prefix:
  portal   /  /gk/<agency>/  /search/  /api/  /feeds/  /sitemap.xml  /reports/  /zfxxgk/  /zhaocuo/  /deadline/
           /staff/portal/ (the 专栏's error reports and 指南 texts)
  cases    /apply/  /track/  /staff/cases/
  catalog  /staff/catalog/
  remedies /staff/remedies/
  reports  /staff/reports/
  workcal  /staff/calendar/
  audit    /staff/audit/
  agencies /accounts/  /staff/  /staff/agencies/
"""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.agencies import views as agency_views
from gongkai.portal import views as portal_views


class _Favicon(RedirectView):
    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("gongkai/favicon.svg")  # resolved per request: the manifest may be built after import


admin.site.site_header = "gongkai 系统管理"
admin.site.site_title = "gongkai 系统管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("", portal_views.home, name="home"),
    # One favicon (static/gongkai/favicon.svg, linked from base.html); clients that ask for /favicon.ico get it too.
    path("favicon.ico", _Favicon.as_view()),
    path("accounts/", include("gongkai.agencies.urls")),
    path("staff/", agency_views.staff_home, name="staff-home"),
    path("staff/agencies/", include("gongkai.agencies.staff_urls")),
    path("staff/audit/", include("gongkai.audit.urls")),
    path("staff/calendar/", include("gongkai.workcal.urls")),
    path("staff/catalog/", include("gongkai.catalog.urls")),
    path("staff/remedies/", include("gongkai.remedies.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("", include("gongkai.cases.urls")),
    path("admin/", admin.site.urls),
    path("nianbao/", include("gongkai.reports.public_urls")),
    path("", include("gongkai.portal.urls")),
]

handler404 = "gongkai.agencies.views.not_found"
handler403 = "gongkai.agencies.views.forbidden"
