"""Read-side queries of the catalogue shared by the staff list and the 待办 queues (one definition)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.core.law.calendar import UnknownCalendarYear
from gongkai.core.law.publication import publication_days

from . import deadlines
from .models import Status

#: Items not yet public: their 第二十六条 deadline still runs.
PENDING = (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED)


def due_soon_limit(calendar, today: dt.date) -> dt.date:
    """Today + `deadlines.due_soon_days()` working days (条例第二十六条 counts working days, docs/law.md
    §6.2): an unpublished item due on or before it is 「临近公开期限」. With next year's 节假日安排 not
    entered the count runs on the provisional calendar (statutory holidays, docs/law.md §9.3), as the
    case clock does — it is a reminder, never a date in a document."""
    return calendar.reminder_date(today, deadlines.due_soon_days())


def provisional_due(item, calendar) -> dt.date | None:
    """The estimated 公开期限 of an item whose due date is unknown because its period runs into a year
    whose 节假日安排 is not entered (docs/law.md §9.3); None when it cannot be estimated either."""
    if item.formed_on is None:
        return None
    from django.conf import settings

    overrides = getattr(settings, "GONGKAI_LAW", {}).get("PUBLICATION_DAYS_BY_CATEGORY") or {}
    days = publication_days(item.category, overrides)
    try:
        return calendar.provisional_extension(item.formed_on.year + 2).add_working_days(item.formed_on, days)
    except UnknownCalendarYear:
        return None


def _agency_calendars(qs: QuerySet) -> dict[int, object]:
    from gongkai.agencies.models import Agency

    ids = set(qs.order_by().values_list("agency_id", flat=True).distinct())
    return {a.pk: deadlines.get_calendar(a) for a in Agency.objects.filter(pk__in=ids)}


def publication_warning(qs: QuerySet, warn: str, today: dt.date) -> QuerySet:
    """Items past (warn="overdue") or near (warn="due_soon": within `deadlines.due_soon_days()` working
    days of each agency's calendar) their 公开期限 and not yet published. An item whose 公开期限 is
    unknown (calendar year not entered) is placed by its provisional date."""
    pending = qs.filter(status__in=PENDING)
    if warn not in ("overdue", "due_soon"):
        return qs
    calendars = _agency_calendars(pending)
    if warn == "overdue":
        cond = Q(publish_due__lt=today)
    else:
        cond = Q(pk__in=[])
        for agency_id, cal in calendars.items():
            cond |= Q(agency_id=agency_id, publish_due__gte=today, publish_due__lte=due_soon_limit(cal, today))
    provisional = []
    for item in pending.filter(publish_due__isnull=True).only("pk", "agency_id", "formed_on", "category"):
        cal = calendars[item.agency_id]
        guess = provisional_due(item, cal)
        if guess is None:
            continue
        if (guess < today) if warn == "overdue" else (today <= guess <= due_soon_limit(cal, today)):
            provisional.append(item.pk)
    if provisional:
        cond |= Q(pk__in=provisional)
    return pending.filter(cond)
