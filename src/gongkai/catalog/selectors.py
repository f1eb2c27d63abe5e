"""Read-side queries of the catalogue shared by the staff list and the 待办 queues (one definition)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import Status

#: Items not yet public: their 第二十六条 deadline still runs.
PENDING = (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED)
#: 「即将到期」 in the staff list: the 公开期限 within this many calendar days.
DUE_SOON_CALENDAR_DAYS = 14


def publication_warning(qs: QuerySet, warn: str, today: dt.date) -> QuerySet:
    """Items past (warn="overdue") or near (warn="due_soon") their 公开期限 and not yet published."""
    pending = qs.filter(status__in=PENDING)
    if warn == "overdue":
        return pending.filter(publish_due__lt=today)
    if warn == "due_soon":
        return pending.filter(publish_due__gte=today, publish_due__lte=today + dt.timedelta(days=DUE_SOON_CALENDAR_DAYS))
    return qs
