"""Navigation for the base template: each entry shows only when its URL exists and the user may use it."""

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from .permissions import Perm, has_perm

STAFF_NAV = (
    # (label, url name, permission)
    ("工作台", "staff-home", None),
    ("依申请公开", "cases:inbox", Perm.CASE_VIEW),
    ("申请统计", "cases:stats", Perm.CASE_STATS),
    ("主动公开目录", "catalog:staff-list", Perm.CATALOG_EDIT),
    ("保密审查", "catalog:review-queue", Perm.CATALOG_REVIEW),
    ("复议诉讼", "remedies:list", Perm.REMEDY_EDIT),
    ("年度报告", "reports:list", Perm.REPORT_EDIT),
    ("主管部门", "reports:supervise", Perm.REPORT_SUPERVISE),
    ("工作日历", "workcal:index", Perm.CALENDAR_MANAGE),
    ("机关信息", "agencies:list", Perm.AGENCY_READ),
    ("审计日志", "audit:list", Perm.AUDIT_VIEW),
)
PUBLIC_NAV = (
    ("首页", "home"),
    ("信息公开目录", "portal:catalog"),
    ("检索", "portal:search"),
    ("依申请公开", "cases:apply"),
    ("申请查询", "cases:track"),
    ("年度报告", "portal:reports"),
)


_URLS: dict[tuple, str | None] = {}


def _url(name: str) -> str | None:
    """The menu entry's URL; reversed once per URL configuration and prefix (every page shows the menus)."""
    key = (name, get_urlconf(), get_script_prefix())
    if key not in _URLS:
        try:
            _URLS[key] = reverse(name)
        except NoReverseMatch:
            _URLS[key] = None
    return _URLS[key]


def navigation(request):
    user = getattr(request, "user", None)
    public = [(label, url) for label, name in PUBLIC_NAV if (url := _url(name))]
    staff = []
    if user is not None and user.is_authenticated and user.is_staff_member:
        for label, name, perm in STAFF_NAV:
            if (perm is None or has_perm(user, perm)) and (url := _url(name)):
                staff.append((label, url))
    todo_total = 0
    if staff:
        from .queues import nav_total

        todo_total = nav_total(user)
    return {"public_nav": public, "staff_nav": staff, "todo_total": todo_total}
