"""数量、频次明显超过合理范围: asking for reasons, a later deadline (条例第三十五条).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.agencies.permissions import Perm

from ..documents.issuing import issue
from ..documents.templates import d
from ..models import (
    Application,
    DocKind,
    EventKind,
    Status,
)
from .base import (
    CaseError,
    Done,
    add_event,
    audit,
    case_service,
    check_on,
    lock,
    refresh_clock,
    require,
    require_status,
)


@case_service
def ask_for_reasons(
    case: Application, *, acting_user, text: str, deadline: dt.date, on: dt.date | None = None, expected_version=None
) -> Done:
    """数量、频次明显超过合理范围: ask the applicant for reasons (第三十五条)."""
    require(acting_user, Perm.CASE_HANDLE, case, "要求说明理由")
    if not text.strip():
        raise CaseError("请写明申请数量、频次明显超过合理范围的情况。", "text")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, action="要求说明理由")
        on = check_on(case, on, "告知日期")
        if deadline <= on:
            raise CaseError("说明理由的期限须晚于告知日期。", "deadline")
        add_event(case, EventKind.REASONS_REQUESTED, on, acting_user, f"要求申请人说明理由（第三十五条）：{text.strip()}",
               deadline=deadline.isoformat())
        case.status = Status.REASONS
        case.save(update_fields=["status"])
        audit(acting_user, "reasons_requested", case)
        doc = issue(case, DocKind.REASONS, on, acting_user=acting_user, reasons_text=text.strip(), reasons_deadline=d(deadline))
    return Done(case, doc)


@case_service
def record_reasons(case: Application, *, acting_user, text: str, on: dt.date | None = None, expected_version=None) -> Done:
    require(acting_user, Perm.CASE_HANDLE, case, "登记理由说明")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.REASONS, action="登记理由说明")
        on = check_on(case, on, "收到日期")
        add_event(case, EventKind.REASONS_RECEIVED, on, acting_user, f"申请人说明理由：{text.strip() or '（未说明）'}")
        audit(acting_user, "reasons_received", case)
    return Done(case)


@case_service
def set_custom_deadline(
    case: Application, *, acting_user, due: dt.date, reason: str, on: dt.date | None = None, expected_version=None
) -> Done:
    """理由合理但无法按期答复 → a reasonable later deadline, told to the applicant (第三十五条)."""
    require(acting_user, Perm.CASE_HANDLE, case, "确定延迟答复期限")
    if not reason.strip():
        raise CaseError("请写明无法在法定期限内答复的理由。", "reason")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.REASONS, action="确定延迟答复期限（须先要求说明理由）")
        on = check_on(case, on, "告知日期")
        if due <= on or (case.due_date and due <= case.due_date):
            raise CaseError("延迟答复的期限须晚于现在的答复期限。", "due")
        add_event(case, EventKind.CUSTOM_DEADLINE_SET, on, acting_user, f"申请理由合理，确定延迟答复期限为{d(due)}（第三十五条）。",
               due=due.isoformat(), reason=reason.strip())
        case.status = Status.OPEN
        case.save(update_fields=["status"])
        warnings = refresh_clock(case)
        audit(acting_user, "custom_deadline_set", case, due=due)
        doc = issue(case, DocKind.DEADLINE, on, acting_user=acting_user, deadline_reason=reason.strip(), custom_due=d(due))
    return Done(case, doc, warnings=warnings)

