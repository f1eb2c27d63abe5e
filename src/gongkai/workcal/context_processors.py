"""The calendar-gap banner on every staff page (gap.py)."""

from gongkai.agencies.permissions import Perm, has_perm

from . import gap


def calendar_gap(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_staff_member", False):
        return {}
    if not gap.concerns(user):
        return {}
    found = gap.calendar_gap()
    return {"calendar_gap": found, "calendar_gap_can_enter": bool(found) and has_perm(user, Perm.CALENDAR_MANAGE)}
