"""征求意见 (条例第三十二条, 第三十四条).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.core.vocabulary import Outcome

from ..documents.issuing import issue, remedy_text
from ..documents.templates import d
from ..models import (
    Application,
    Consultation,
    ConsultKind,
    ConsultResult,
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
def send_consultation(
    case: Application, *, acting_user, kind: str, party_name: str, matter: str, party_contact: str = "",
    on: dt.date | None = None, expected_version=None,
) -> Done:
    """征求意见书: 15 working days for the answer; the reply clock pauses (第三十三条第三款)."""
    require(acting_user, Perm.CASE_HANDLE, case, "征求意见")
    if not party_name.strip() or not matter.strip():
        raise CaseError("请填写被征求意见方和涉及的信息内容。")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, action="征求意见")
        on = check_on(case, on, "发出日期")
        ref = f"C{case.consultations.count() + 1}"
        cons = Consultation.objects.create(
            case=case, ref=ref, kind=kind, party_name=party_name.strip(), party_contact=party_contact.strip(),
            matter=matter.strip(), sent_on=on,
        )
        ev = add_event(case, EventKind.CONSULTATION_SENT, on, acting_user, "", ref=ref, kind=kind)
        warnings = refresh_clock(case)
        # The other side's 15 working days (第三十二条, 第三十四条), as the law engine counts them.
        due = case.clock_result.deadlines.get(f"consultation:{ref}") if case.clock_result else None
        cons.due_on = due
        cons.save(update_fields=["due_on"])
        ev.text = (f"向{cons.party_name}发出征求意见书（{ConsultKind(kind).label}），"
                   f"{'答复期限' + d(due) + '；' if due else ''}征求意见期间不计入答复期限（第三十三条第三款）。")
        ev.save(update_fields=["text"])
        audit(acting_user, "consultation_sent", case, ref=ref, kind=kind)
        doc_kind = DocKind.CONSULT_THIRD if kind == ConsultKind.THIRD_PARTY else DocKind.CONSULT_AGENCY
        doc = issue(case, doc_kind, on, acting_user=acting_user, addressee=cons.party_name, addressee_email="", matter=cons.matter,
                     consult_due=d(due), consult_ref=ref)
    return Done(case, doc, obj=cons, warnings=warnings)


@case_service
def record_consultation_answer(
    case: Application, *, acting_user, ref: str, result: str, reasons: str = "", on: dt.date | None = None,
    public_interest_override: bool = False, override_reasons: str = "", expected_version=None,
) -> Done:
    """The third party's or co-producer's answer: 同意 / 不同意 (with reasons) / 逾期未答复.

    第三十二条: a reasoned objection means no disclosure, unless non-disclosure would seriously affect the
    public interest — then the agency may disclose and must tell the third party in writing.
    第三十四条: a co-producer's silence counts as consent.
    """
    require(acting_user, Perm.CASE_HANDLE, case, "登记征求意见结果")
    with transaction.atomic():
        case = lock(case, expected_version)
        cons = case.consultations.filter(ref=ref).first()
        if cons is None or not cons.is_pending:
            raise CaseError("没有待答复的该项征求意见。")
        on = check_on(case, on, "答复日期", not_before=cons.sent_on)
        reasons = reasons.strip()
        if result == ConsultResult.DISAGREE and not reasons:
            raise CaseError("不同意公开的，请登记对方说明的理由（第三十二条）。", "reasons")
        if result == ConsultResult.NO_REPLY and cons.due_on and on <= cons.due_on:
            raise CaseError(f"征求意见期限至{d(cons.due_on)}，届满后才能登记为逾期未答复。")
        if public_interest_override:
            if cons.kind != ConsultKind.THIRD_PARTY or result != ConsultResult.DISAGREE:
                raise CaseError("只有第三方不同意公开时，才需要基于公共利益决定公开（第三十二条）。")
            if not override_reasons.strip():
                raise CaseError("决定公开的，须写明理由，并书面告知第三方（第三十二条）。", "override_reasons")
        cons.result = result
        cons.reasons = reasons
        cons.answered_on = cons.due_on if result == ConsultResult.NO_REPLY and cons.due_on else on
        cons.deemed_consent = result == ConsultResult.NO_REPLY and cons.kind == ConsultKind.CO_PRODUCER
        cons.public_interest_override = public_interest_override
        cons.override_reasons = override_reasons.strip()
        cons.save()
        if result == ConsultResult.NO_REPLY:
            text = f"{cons.party_name}逾期未提出意见"
            text += "，视为同意公开（第三十四条）。" if cons.deemed_consent else "，由本机关依法决定是否公开（第三十二条）。"
            # The pause ends when the 15-working-day window ended, not when staff noticed.
            add_event(case, EventKind.CONSULTATION_EXPIRED, cons.answered_on, acting_user, text, ref=ref)
        else:
            text = f"{cons.party_name}答复：{ConsultResult(result).label}" + (f"，理由：{reasons}" if reasons else "") + "。"
            add_event(case, EventKind.CONSULTATION_ANSWERED, on, acting_user, text, ref=ref, result=result)
        warnings = refresh_clock(case)
        audit(acting_user, "consultation_answered", case, ref=ref, result=result, override=public_interest_override)
        doc = None
        if public_interest_override:
            doc = issue(case, DocKind.DISCLOSE_THIRD, on, acting_user=acting_user, addressee=cons.party_name, addressee_email="",
                         matter=cons.matter, override_reasons=cons.override_reasons,
                         consult_sent_on=d(cons.sent_on), consult_answered_on=d(cons.answered_on),
                         remedy=remedy_text(case, Outcome.DISCLOSE, third_party=True))
    return Done(case, doc, obj=cons, warnings=warnings)

