"""What the system records by itself: views of personal data, deadlines moved by a calendar change.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.audit.services import record_event

from .. import clock
from ..documents.templates import d
from ..models import (
    Application,
    EventKind,
)
from .base import add_event, today


def record_case_view(case: Application, *, acting_user, request=None) -> None:
    """Every view of a case's personal data is logged."""
    record_event(acting_user, "case.viewed", case, details={"number": case.number}, request=request)


def recompute_for_calendar_change(changed_dates) -> int:
    """Recompute every open case whose clock may touch a changed day; note each moved deadline."""
    changed = sorted(set(changed_dates))
    if not changed:
        return 0
    moved = 0
    calendars: dict[int, object] = {}
    open_cases = Application.objects.filter(
        in_progress=True, received_on__isnull=False, received_on__lte=changed[-1]
    ).select_related("agency")
    days = "、".join(d(x) for x in changed[:5]) + ("等" if len(changed) > 5 else "")
    for case in open_cases.iterator():
        old = case.due_date
        if case.agency_id not in calendars:
            calendars[case.agency_id] = clock.get_calendar(case.agency)
        with transaction.atomic():
            clock.refresh(case, calendar=calendars[case.agency_id])
            if case.due_date != old:
                moved += 1
                text = (
                    f"因工作日历变更，答复期限由{d(old) or '未定'}调整为{d(case.due_date) or '未定'}"
                    f"（变更的日期：{days}）。"
                )
                add_event(case, EventKind.DEADLINE_RECOMPUTED, today(), None, text, old=old and old.isoformat(),
                       new=case.due_date and case.due_date.isoformat())
                record_event(None, "case.deadline_recomputed", case, details={"old": old, "new": case.due_date, "dates": changed[:20]})
    return moved

