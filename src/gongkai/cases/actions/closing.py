"""Ending a case without a reviewed reply (逾期, 撤回), and archiving (第四十五条).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm
from gongkai.core.vocabulary import Outcome

from ..documents.issuing import issue
from ..documents.templates import REPLY_PREFIX, d
from ..models import (
    OPEN_STATUSES,
    Application,
    Document,
    EventKind,
    Reply,
    ReplyStatus,
    Status,
)
from .base import (
    Done,
    add_event,
    audit,
    case_service,
    check_on,
    lock,
    refresh_clock,
    require,
    require_status,
    today,
)


def close_case(case: Application, outcome: Outcome, on: dt.date, body: str = "", *, acting_user) -> Document | None:
    """End a case without the review step: the outcome follows from a recorded fact (逾期/撤回)."""
    reply = Reply.objects.create(
        case=case, outcome=outcome, legal_basis=outcome.info.basis or "—", body=body, status=ReplyStatus.SENT,
        drafted_by=acting_user, sent_on=on,
    )
    Reply.objects.filter(case=case).exclude(pk=reply.pk).exclude(status=ReplyStatus.SENT).delete()
    case.status = Status.CLOSED
    case.outcome = outcome
    case.decided_on = on
    case.save(update_fields=["status", "outcome", "decided_on"])
    refresh_clock(case)
    audit(acting_user, "closed", case, outcome=outcome.value, on=on)
    if case.received_on is None:
        return None  # never received (e.g. a web submission withdrawn before confirmation): nothing to answer
    return issue(case, f"{REPLY_PREFIX}{outcome.value}", on, acting_user=acting_user, reply=reply)



@case_service
def withdraw_application(case: Application, *, acting_user, on: dt.date | None = None, note: str = "", expected_version=None) -> Done:
    """申请人撤回 → 其他处理 (table 三 (六)3)."""
    require(acting_user, Perm.CASE_HANDLE, case, "登记撤回")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, *OPEN_STATUSES, action="登记撤回")
        floor = case.received_on or timezone.localdate(case.submitted_at)
        on = check_on(case, on, "撤回日期", not_before=floor)
        text = f"申请人于{d(on)}撤回政府信息公开申请。" + (note.strip() and f"{note.strip()}")
        add_event(case, EventKind.WITHDRAWN, on, acting_user, text)
        doc = close_case(case, Outcome.OTHER, on, acting_user=acting_user, body=text)
    return Done(case, doc)


@case_service
def archive_case(case: Application, *, acting_user, expected_version=None) -> Done:
    """归档 (第四十五条: 登记、审核、办理、答复、归档)."""
    require(acting_user, Perm.CASE_HANDLE, case, "归档")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.REPLIED, Status.CLOSED, action="归档")
        case.status = Status.ARCHIVED
        case.archived_at = timezone.now()
        case.save(update_fields=["status", "archived_at"])
        add_event(case, EventKind.ARCHIVED, today(), acting_user, "案卷归档（第四十五条）。")
        audit(acting_user, "archived", case)
    return Done(case)

