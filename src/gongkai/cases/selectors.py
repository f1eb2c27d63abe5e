"""Read-side queries: the staff inbox and its filters. The states of a case (正常 / 即将到期 / 已逾期 /
暂停 …) are defined once, in `cases.states`; the actions a case allows, in `cases.registry`.
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from gongkai.agencies.permissions import Perm, agencies_for, agency_scope

from . import states, worklists
from .models import (
    DONE_STATUSES,
    Application,
    ReplyStatus,
)

_NUMBER_RE = re.compile(r"^\s*(\d{4})\s*[-－]\s*(\d{1,6})\s*$")


def inbox_queryset(user, filters: dict, day: states.Day) -> QuerySet[Application]:
    """The cases `user` may see (their agency's), filtered and sorted by due date.

    Index-friendly on purpose: the permission scope becomes a literal list of agency ids and the
    open/done flag an IN list, so that SQLite and PostgreSQL both read the inbox straight off the
    (agency, in_progress, sort_due, id) index in order (a subquery or a bare boolean column makes
    SQLite sort the whole agency instead).
    """
    scope = agency_scope(user, Perm.CASE_VIEW)
    if scope is not None and user.agency_id is not None and scope == Q(pk=user.agency_id):
        agency_ids = [user.agency_id]  # the usual case, one's own agency: no query needed to list it
    else:
        agency_ids = list(agencies_for(user, Perm.CASE_VIEW).values_list("pk", flat=True))
    qs = Application.objects.filter(agency_id__in=agency_ids)
    scope = filters.get("scope") or "open"
    if scope == "open":
        qs = qs.filter(in_progress__in=[True])
    elif scope == "done":
        qs = qs.filter(in_progress__in=[False])
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if state := filters.get("state"):
        qs = states.in_state(qs, state, day)
    if work := filters.get("work"):
        qs = worklists.in_work(qs, work)
    handler = filters.get("handler")
    if handler == "none":
        qs = qs.filter(handler__isnull=True)
    elif handler:
        qs = qs.filter(handler_id=handler)
    if outcome := filters.get("outcome"):
        qs = qs.filter(outcome=outcome)
    if kind := filters.get("kind"):
        qs = qs.filter(applicant_kind=kind)
    if year := filters.get("year"):
        qs = qs.filter(year=year)
    if q := (filters.get("q") or "").strip():
        if m := _NUMBER_RE.match(q):
            qs = qs.filter(year=int(m.group(1)), seq=int(m.group(2)))
        else:
            # __contains, not __icontains: Chinese has no case, and LIKE '%…%' can use PostgreSQL's
            # pg_trgm indexes (migration 0003) where UPPER(…) LIKE cannot (docs/stack.md §1.3).
            qs = qs.filter(Q(applicant_name__contains=q) | Q(info_title__contains=q) | Q(info_doc_number__contains=q))
    return qs.order_by("sort_due", "id")


def draft_reply_of(case: Application):
    return case.replies.exclude(status=ReplyStatus.SENT).first()


def is_done(case: Application) -> bool:
    return case.status in DONE_STATUSES
