"""延期 (条例第三十三条第二款).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.core.law import clock as law_clock
from gongkai.core.law.calendar import UnknownCalendarYear

from .. import clock
from ..documents.issuing import issue
from ..documents.templates import d
from ..models import (
    Application,
    ApprovalStatus,
    CaseEvent,
    DocKind,
    EventKind,
    Extension,
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
    today,
)

#: 第三十三条第二款: at most 20 working days, from the law engine.
MAX_EXTENSION_DAYS = law_clock.EXTENSION_MAX_WORKING_DAYS


@case_service
def request_extension(case: Application, *, acting_user, days: int, reason: str, expected_version=None) -> Done:
    require(acting_user, Perm.CASE_HANDLE, case, "申请延期")
    if not 1 <= int(days) <= MAX_EXTENSION_DAYS:
        raise CaseError("延长的期限最长不得超过20个工作日（第三十三条第二款）。", "days")
    if not reason.strip():
        raise CaseError("请写明延期理由。", "reason")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, Status.REVIEW, action="申请延期")
        if case.extensions.filter(status=ApprovalStatus.APPROVED).exists():
            raise CaseError("答复期限只能延长一次（第三十三条第二款），本申请已经延期。")
        if case.extensions.filter(status=ApprovalStatus.REQUESTED).exists():
            raise CaseError("已有待负责人批准的延期申请。")
        ext = Extension.objects.create(case=case, days=int(days), reason=reason.strip(), requested_by=acting_user,
                                       requested_on=today())
        add_event(case, EventKind.EXTENSION_REQUESTED, today(), acting_user, f"申请延期{ext.days}个工作日：{ext.reason}", days=ext.days)
        audit(acting_user, "extension_requested", case, days=ext.days)
    return Done(case, obj=ext)


@dataclass
class ExtensionPreview:
    """What approving the pending extension would do, computed by the clock before anything is written."""

    extension: Extension
    old_due: dt.date | None
    new_due: dt.date | None
    provisional_due: dt.date | None = None  # 「预计」 when the new date falls in a year nobody entered
    provisional_label: str = ""
    proof: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        ext = self.extension
        head = f"延长{ext.days}个工作日（第三十三条第二款）：原答复期限{d(self.old_due) or '尚不能确定'}，"
        if self.new_due:
            return head + f"批准后答复期限为{d(self.new_due)}。"
        if self.provisional_due:
            return head + f"批准后答复期限{self.provisional_label}为{d(self.provisional_due)}，延期告知书待该年安排录入后出具。"
        return head + "批准后的答复期限尚不能确定。"


def preview_extension(case: Application, *, on: dt.date | None = None) -> ExtensionPreview | None:
    """The new due date the head approves (第三十三条第二款), with the clock's proof: the case's events plus
    the approval that is not written yet. None when no extension is pending. Nothing is stored."""
    ext = case.extensions.filter(status=ApprovalStatus.REQUESTED).first()
    if ext is None:
        return None
    on = on or today()
    rows = list(case.events.all().order_by("on", "id"))
    hypothetical = CaseEvent(case=case, kind=EventKind.EXTENSION_APPROVED, on=on, data={"days": ext.days})
    try:
        before = clock.compute(case, on, events=rows)
        after = clock.compute(case, on, events=[*rows, hypothetical])
    except UnknownCalendarYear as exc:
        return ExtensionPreview(ext, case.due_date, None, warnings=[str(exc)])
    if after is None:
        return ExtensionPreview(ext, case.due_date, None)
    preview = ExtensionPreview(
        ext, before.due if before else None, after.due, proof=list(after.proof), warnings=list(after.warnings),
        provisional_due=after.provisional_due if after.due is None else None,
        provisional_label=law_clock.provisional_label(after) if after.is_provisional else "",
    )
    if preview.old_due and on > preview.old_due:
        preview.warnings.insert(0, f"原答复期限（{d(preview.old_due)}）已届满，此时批准延期，申请人可能已认为逾期。")
    return preview


@case_service
def approve_extension(case: Application, *, acting_user, on: dt.date | None = None, expected_version=None) -> Done:
    """负责人同意 → 告知申请人 (延期答复告知书); the clock adds the days (第三十三条第二款)."""
    require(acting_user, Perm.CASE_APPROVE, case, "批准延期（须政府信息公开工作机构负责人）")
    with transaction.atomic():
        case = lock(case, expected_version)
        ext = case.extensions.filter(status=ApprovalStatus.REQUESTED).first()
        if ext is None:
            raise CaseError("没有待批准的延期申请。")
        if case.extensions.filter(status=ApprovalStatus.APPROVED).exists():
            raise CaseError("答复期限只能延长一次（第三十三条第二款）。")
        on = check_on(case, on, "批准日期")
        old_due = case.due_date
        warnings = []
        if old_due and on > old_due:
            warnings.append(f"延期在原答复期限（{d(old_due)}）届满后才批准，申请人可能已认为逾期。")
        add_event(case, EventKind.EXTENSION_APPROVED, on, acting_user, f"负责人同意延长答复期限{ext.days}个工作日。", days=ext.days)
        warnings += refresh_clock(case)
        ext.status = ApprovalStatus.APPROVED
        ext.decided_by = acting_user
        ext.decided_on = on
        ext.new_due = case.due_date
        ext.save()
        audit(acting_user, "extension_approved", case, days=ext.days, new_due=case.due_date)
        doc = issue(case, DocKind.EXTENSION, on, acting_user=acting_user, extension_days=ext.days, extension_reason=ext.reason,
                     old_due=d(old_due), new_due=d(case.due_date))
    return Done(case, doc, obj=ext, warnings=warnings)


@case_service
def reject_extension(case: Application, *, acting_user, note: str = "", expected_version=None) -> Done:
    require(acting_user, Perm.CASE_APPROVE, case, "审批延期")
    with transaction.atomic():
        case = lock(case, expected_version)
        ext = case.extensions.filter(status=ApprovalStatus.REQUESTED).first()
        if ext is None:
            raise CaseError("没有待批准的延期申请。")
        ext.status = ApprovalStatus.REJECTED
        ext.decided_by = acting_user
        ext.decided_on = today()
        ext.save()
        add_event(case, EventKind.EXTENSION_REJECTED, today(), acting_user, f"负责人未同意延期。{note}".strip())
        audit(acting_user, "extension_rejected", case)
    return Done(case, obj=ext)

