"""答复 (条例第三十六条–第三十九条): draft, review, send.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.core.vocabulary import Outcome

from ..documents import rendering
from ..documents.issuing import issue, preview
from ..documents.templates import REPLY_PREFIX, d
from ..models import (
    Application,
    AttachmentRole,
    EventKind,
    FeeStatus,
    Reply,
    ReplyStatus,
    Status,
)
from .base import (
    CaseError,
    Done,
    add_event,
    audit,
    case_service,
    check_on,
    last_event,
    lock,
    refresh_clock,
    require,
    require_status,
    save_files,
    today,
)

#: Outcomes reached by their own service, not by draft_reply.
CLOSING_OUTCOMES = (Outcome.ABANDONED_NO_CORRECTION, Outcome.ABANDONED_NO_FEE, Outcome.OTHER)


@case_service
def draft_reply(
    case: Application, *, acting_user, outcome: str, body: str, legal_basis: str = "", withheld: str = "",
    competent_agency: str = "", competent_contact: str = "", provide_form: str = "", delivery: str = "",
    files=(), expected_version=None,
) -> Done:
    """A reply with exactly one outcome of the statutory taxonomy; a reviewer approves it (approve_reply)."""
    require(acting_user, Perm.CASE_HANDLE, case, "拟定答复")
    try:
        out = Outcome(outcome)
    except ValueError:
        raise CaseError("请选择一种答复类型。", "outcome") from None
    if out in CLOSING_OUTCOMES:
        raise CaseError("「视为放弃」和「撤回」请使用对应的操作登记，不在此拟定。", "outcome")
    body = body.strip()
    if not body:
        raise CaseError("请填写答复正文（决定、理由或获取方式）。", "body")
    if out == Outcome.PARTIAL and not withheld.strip():
        raise CaseError("部分公开须写明不予公开的内容及理由（第三十七条）。", "withheld")
    if out == Outcome.NOT_OUR_INFO and competent_contact.strip() and not competent_agency.strip():
        raise CaseError("请填写负责公开该信息的机关名称（第三十六条第（五）项）。", "competent_agency")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, Status.REASONS, action="拟定答复")
        if case.status == Status.REASONS and out != Outcome.MASS_REPEAT:
            raise CaseError("正在等待申请人说明理由：请先确定延迟答复期限，或以「无正当理由大量反复申请」答复。")
        if out == Outcome.MASS_REPEAT and not last_event(case, EventKind.REASONS_REQUESTED):
            raise CaseError("以「无正当理由大量反复申请」不予处理前，须先要求申请人说明理由（第三十五条）。", "outcome")
        if out == Outcome.STILL_UNCLEAR and not last_event(case, EventKind.CORRECTION_RECEIVED):
            raise CaseError("「补正后申请内容仍不明确」只适用于已经补正的申请（第三十条）。", "outcome")
        if case.consultations.filter(result="").exists():
            raise CaseError("征求意见尚未结束，请先登记对方意见或逾期未答复。")
        if case.fees.filter(status__in=[FeeStatus.PROPOSED, FeeStatus.APPROVED, FeeStatus.SENT]).exists():
            raise CaseError("收费尚未办结（待批准、待发出或待缴费），暂不能答复。")
        if out in (Outcome.DISCLOSE, Outcome.PARTIAL):
            provide_form = provide_form or case.provide_form
            delivery = delivery or case.delivery
        reply = case.replies.exclude(status=ReplyStatus.SENT).first() or Reply(case=case, drafted_by=acting_user)
        reply.outcome = out
        reply.legal_basis = legal_basis.strip() or out.info.basis
        reply.body = body
        reply.withheld = withheld.strip()
        reply.competent_agency = competent_agency.strip()
        reply.competent_contact = competent_contact.strip()
        reply.provide_form = provide_form
        reply.delivery = delivery
        reply.status = ReplyStatus.DRAFT
        reply.drafted_by = acting_user
        reply.review_note = ""
        reply.save()
        attached = save_files(case, files, AttachmentRole.REPLY, acting_user)
        if attached:
            reply.files.add(*attached)
        case.status = Status.REVIEW
        case.save(update_fields=["status"])
        add_event(case, EventKind.REPLY_DRAFTED, today(), acting_user, f"拟定答复：{out.label}，提交审核。", outcome=out.value)
        audit(acting_user, "reply_drafted", case, outcome=out.value)
    return Done(case, obj=reply)


def transfer(
    case: Application, *, acting_user, competent_agency: str, competent_contact: str = "", reasons: str, expected_version=None
) -> Done:
    """不属于本机关负责公开 → 告知 the competent agency's name and contact (第三十六条第（五）项; table 三(四)1)."""
    if not competent_agency.strip():
        raise CaseError("请填写负责公开该信息的机关名称。", "competent_agency")
    return draft_reply(
        case, acting_user=acting_user, outcome=Outcome.NOT_OUR_INFO, body=reasons, competent_agency=competent_agency,
        competent_contact=competent_contact, expected_version=expected_version,
    )


@case_service
def approve_reply(case: Application, *, acting_user, on: dt.date | None = None, expected_version=None) -> Done:
    """The reviewer approves; the reply goes out (答复书 numbered), the clock stops."""
    require(acting_user, Perm.CASE_REVIEW, case, "审核答复")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.REVIEW, action="审核答复")
        reply = case.replies.filter(status=ReplyStatus.DRAFT).first()
        if reply is None:
            raise CaseError("没有待审核的答复。")
        if reply.drafted_by_id == acting_user.pk:
            raise CaseError("审核人不能审核自己拟定的答复。")
        on = check_on(case, on, "答复日期")
        warnings = []
        if case.due_date and on > case.due_date:
            warnings.append(f"答复日期晚于答复期限（{d(case.due_date)}），属于逾期答复。")
        reply.status = ReplyStatus.SENT
        reply.reviewed_by = acting_user
        reply.sent_on = on
        reply.save()
        out = Outcome(reply.outcome)
        case.status = Status.REPLIED
        case.outcome = out
        case.decided_on = on
        case.save(update_fields=["status", "outcome", "decided_on"])
        add_event(case, EventKind.REPLIED, on, acting_user, f"答复已审核并发出：{out.label}。", outcome=out.value)
        refresh_clock(case)
        audit(acting_user, "reply_approved", case, outcome=out.value, on=on)
        doc = issue(case, f"{REPLY_PREFIX}{out.value}", on, acting_user=acting_user, reply=reply)
    return Done(case, doc, obj=reply, warnings=warnings)


def draft_for_review(case: Application) -> Reply | None:
    """The reply waiting for the reviewer (status 审核中), if any."""
    if case.status != Status.REVIEW:
        return None
    return case.replies.filter(status=ReplyStatus.DRAFT).first()


def preview_reply(case: Application, *, acting_user, on: dt.date | None = None) -> rendering.Rendered:
    """The exact 答复书 `approve_reply` would issue on `on` (default today), for the reviewer to read before
    approving: same template, same context, marked 「预览 · 未出具」, no 文号. Nothing is numbered, stored
    or delivered; the caller logs the view (as for issued documents)."""
    require(acting_user, Perm.CASE_VIEW, case, "预览答复书")
    reply = draft_for_review(case)
    if reply is None:
        raise CaseError("没有待审核的答复，无可预览的答复书。")
    return preview(case, f"{REPLY_PREFIX}{reply.outcome}", on or today(), reply=reply)


@case_service
def return_reply(case: Application, *, acting_user, note: str, expected_version=None) -> Done:
    require(acting_user, Perm.CASE_REVIEW, case, "审核答复")
    if not note.strip():
        raise CaseError("请写明退回修改的意见。", "note")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.REVIEW, action="退回答复")
        reply = case.replies.filter(status=ReplyStatus.DRAFT).first()
        reply.status = ReplyStatus.RETURNED
        reply.reviewed_by = acting_user
        reply.review_note = note.strip()
        reply.save()
        case.status = Status.OPEN
        case.save(update_fields=["status"])
        add_event(case, EventKind.REPLY_RETURNED, today(), acting_user, f"答复退回修改：{note.strip()}")
        audit(acting_user, "reply_returned", case)
    return Done(case, obj=reply)

