"""Read-side queries: the staff inbox, its filters and the next allowed actions of a case.

The inbox states (正常 / 即将到期 / 已逾期 / 暂停) are derived here from the stored clock result
(`due_date`, `clock_state`) and today's date; nobody types them in.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.agencies.permissions import Perm, agencies_for, has_perm

from . import clock
from .models import (
    DONE_STATUSES,
    Application,
    ApprovalStatus,
    ClockDisplay,
    EventKind,
    FeeStatus,
    ReplyStatus,
    Status,
)

_NUMBER_RE = re.compile(r"^\s*(\d{4})\s*[-－]\s*(\d{1,6})\s*$")


def inbox_queryset(user, filters: dict, today: dt.date, soon_limit: dt.date | None) -> QuerySet[Application]:
    """The cases `user` may see (their agency's), filtered and sorted by due date.

    Index-friendly on purpose: the permission scope becomes a literal list of agency ids and the
    open/done flag an IN list, so that SQLite and PostgreSQL both read the inbox straight off the
    (agency, in_progress, sort_due, id) index in order (a subquery or a bare boolean column makes
    SQLite sort the whole agency instead).
    """
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
        qs = filter_state(qs, state, today, soon_limit)
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
            # pg_trgm indexes (migration 0003) where UPPER(…) LIKE cannot (stack.md §1.3).
            qs = qs.filter(Q(applicant_name__contains=q) | Q(info_title__contains=q) | Q(info_doc_number__contains=q))
    return qs.order_by("sort_due", "id")


def filter_state(qs: QuerySet, state: str, today: dt.date, soon_limit: dt.date | None) -> QuerySet:
    # sort_due is due_date with "no date" as 9999-12-31, so these are index ranges.
    running = qs.filter(in_progress__in=[True], clock_state="running").exclude(status=Status.PENDING)
    if state == ClockDisplay.OVERDUE:
        return running.filter(sort_due__lt=today)
    if state == ClockDisplay.DUE_SOON:
        return running.filter(sort_due__gte=today, sort_due__lte=soon_limit or today)
    if state == ClockDisplay.NORMAL:
        return running.filter(sort_due__gt=soon_limit or today)
    if state == ClockDisplay.PAUSED:
        return qs.filter(in_progress__in=[True], clock_state="paused")
    if state == ClockDisplay.WAITING:
        return qs.filter(in_progress__in=[True], clock_state="waiting")
    if state == ClockDisplay.UNCONFIRMED:
        return qs.filter(status=Status.PENDING)
    return qs


def state_context(today: dt.date | None = None) -> tuple[dt.date, dt.date | None]:
    today = today or timezone.localdate()
    return today, clock.due_soon_limit(today)


# -- next allowed actions -------------------------------------------------------------------------

#: action key → (label, permission)
ACTIONS: dict[str, tuple[str, Perm]] = {
    "confirm": ("确认收到申请", Perm.CASE_HANDLE),
    "assign": ("分配经办人", Perm.CASE_HANDLE),
    "correction": ("补正告知", Perm.CASE_HANDLE),
    "correction_received": ("登记收到补正", Perm.CASE_HANDLE),
    "correction_expired": ("逾期未补正（视为放弃）", Perm.CASE_HANDLE),
    "consult": ("征求意见", Perm.CASE_HANDLE),
    "consult_answer": ("登记征求意见结果", Perm.CASE_HANDLE),
    "extension": ("申请延期答复", Perm.CASE_HANDLE),
    "extension_approve": ("批准延期", Perm.CASE_APPROVE),
    "extension_reject": ("不批准延期", Perm.CASE_APPROVE),
    "fee": ("提出收费", Perm.CASE_HANDLE),
    "fee_approve": ("批准收费", Perm.CASE_APPROVE),
    "fee_reject": ("不批准收费", Perm.CASE_APPROVE),
    "fee_notice": ("发出收费通知", Perm.CASE_HANDLE),
    "fee_paid": ("登记缴费", Perm.CASE_HANDLE),
    "fee_expired": ("逾期未缴费（视为放弃）", Perm.CASE_HANDLE),
    "reasons": ("要求说明理由（第三十五条）", Perm.CASE_HANDLE),
    "reasons_received": ("登记理由说明", Perm.CASE_HANDLE),
    "custom_deadline": ("确定延迟答复期限（第三十五条）", Perm.CASE_HANDLE),
    "reply": ("拟定答复", Perm.CASE_HANDLE),
    "transfer": ("告知非本机关负责公开", Perm.CASE_HANDLE),
    "approve_reply": ("审核通过并发出答复", Perm.CASE_REVIEW),
    "return_reply": ("退回修改", Perm.CASE_REVIEW),
    "withdraw": ("登记申请人撤回", Perm.CASE_HANDLE),
    "archive": ("归档", Perm.CASE_HANDLE),
}


def next_actions(case: Application, user) -> list[str]:
    """The actions the case's state allows and `user` may take, in a sensible order."""
    s = case.status
    keys: list[str] = []
    events = set(case.events.values_list("kind", flat=True))
    ext = {e.status for e in case.extensions.all()}
    fee = case.fees.exclude(status=FeeStatus.REJECTED).order_by("-id").first()
    pending_consult = any(c.is_pending for c in case.consultations.all())
    if s == Status.PENDING:
        keys += ["confirm", "assign", "withdraw"]
    elif s == Status.OPEN:
        keys.append("assign")
        if EventKind.CORRECTION_REQUESTED not in events:
            keys.append("correction")
        keys.append("consult")
        if pending_consult:
            keys.append("consult_answer")
        if ApprovalStatus.APPROVED not in ext and ApprovalStatus.REQUESTED not in ext:
            keys.append("extension")
        if fee is None:
            keys.append("fee")
        elif fee.status == FeeStatus.PROPOSED:
            keys += ["fee_approve", "fee_reject"]
        elif fee.status == FeeStatus.APPROVED:
            keys.append("fee_notice")
        elif fee.status == FeeStatus.SENT:
            keys += ["fee_paid", "fee_expired"]
        keys.append("reasons")
        if not pending_consult and (fee is None or fee.status in (FeeStatus.PAID,)):
            keys += ["reply", "transfer"]
        keys.append("withdraw")
    elif s == Status.CORRECTION:
        keys += ["correction_received", "correction_expired", "assign", "withdraw"]
    elif s == Status.REASONS:
        keys += ["reasons_received", "custom_deadline", "reply", "withdraw"]
    elif s == Status.REVIEW:
        keys += ["approve_reply", "return_reply"]
        if ApprovalStatus.APPROVED not in ext and ApprovalStatus.REQUESTED not in ext:
            keys.append("extension")
        keys.append("withdraw")
    elif s in (Status.REPLIED, Status.CLOSED):
        keys.append("archive")
    if ApprovalStatus.REQUESTED in ext and s in (Status.OPEN, Status.REVIEW):
        keys += ["extension_approve", "extension_reject"]
    return [k for k in dict.fromkeys(keys) if has_perm(user, ACTIONS[k][1], case.agency)]


def draft_reply_of(case: Application):
    return case.replies.exclude(status=ReplyStatus.SENT).first()


def is_done(case: Application) -> bool:
    return case.status in DONE_STATUSES
