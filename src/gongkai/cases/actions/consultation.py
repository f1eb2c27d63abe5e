"""征求意见 (条例第三十二条, 第三十三条第三款, 第三十四条; docs/law.md §9.1).

The rule, beside the code: the reply clock pauses from the day after the 征求意见书 is sent until the
opinion arrives (第三十三条第三款). A third party (第三十二条) and a co-producing agency (第三十四条) answer
within 15 working days of the day **they receive** it — recorded, or presumed by the way it was sent
(by hand, e-mail, online platform, fax: that day; post: the 回执 date, recorded later) — and the pause
ends at the latest when those days end. Silence: the agency decides (第三十二条) or 「视为同意公开」
(第三十四条 only). Other agencies (第三十三条第三款) have no period: the pause lasts until they answer.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.core.law.receipt import CONSULTATION_CHANNELS
from gongkai.core.vocabulary import ConsultationKind, Outcome

from ..documents.issuing import issue, remedy_text
from ..documents.templates import d
from ..models import (
    CONSULTATION_NOTICES,
    Application,
    Consultation,
    ConsultResult,
    DocKind,
    EventKind,
    PartyKind,
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


def _check_received(cons_sent_on: dt.date, received_on: dt.date | None, field: str = "received_on") -> None:
    if received_on is None:
        return
    if received_on < cons_sent_on:
        raise CaseError(f"对方收到征求意见书的日期不能早于发出日期（{d(cons_sent_on)}）。", field)
    if received_on > today():
        raise CaseError("对方收到征求意见书的日期不能晚于今天。", field)


def _deadline_words(cons: Consultation, due: dt.date | None) -> str:
    """The timeline's words for the other side's period (第三十二条, 第三十四条; 第三十三条第三款)."""
    if not ConsultationKind(cons.kind).has_window:
        return "条例未规定其他机关的答复期限，暂停计时至收到意见之日（第三十三条第三款）"
    got, how = cons.receipt()
    if got is None:
        return "对方收到之日尚未登记（邮寄的按回执登记签收日期），15个工作日自对方收到之日起计算"
    return f"{how}{d(got)}，对方应于{d(due) if due else '（日期尚不能确定）'}前提出意见（15个工作日）"


@case_service
def send_consultation(
    case: Application, *, acting_user, kind: str, party_name: str, matter: str, party_contact: str = "",
    party_kind: str = "", channel: str = "", received_on: dt.date | None = None, on: dt.date | None = None, expected_version=None,
) -> Done:
    """征求意见书; the reply clock pauses (第三十三条第三款, docs/law.md §9.1).

    第三十二条 (third party) and 第三十四条 (co-producing agency): the other side answers within 15 working
    days **from the day it receives** the 征求意见书 — `received_on` when known, else presumed from
    `channel` (by hand, e-mail, online platform, fax: the day sent; post: unknown until the 回执 is
    recorded with `record_consultation_receipt`). Other agencies (第三十三条第三款, e.g. the 保密 authority
    under 第十七条) have no statutory period and no 「视为同意」: the pause lasts until their answer."""
    require(acting_user, Perm.CASE_HANDLE, case, "征求意见")
    if not party_name.strip() or not matter.strip():
        raise CaseError("请填写被征求意见方和涉及的信息内容。")
    try:
        kind = ConsultationKind(kind)
    except ValueError:
        raise CaseError("请选择征求意见的对象。", "kind") from None
    if party_kind and (kind != ConsultationKind.THIRD_PARTY or party_kind not in PartyKind.values):
        raise CaseError("第三方类型只适用于征求第三方意见，请选择自然人或者法人或者其他组织。", "party_kind")
    if channel and channel not in CONSULTATION_CHANNELS:
        raise CaseError("请选择征求意见书的送达方式。", "channel")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, action="征求意见")
        on = check_on(case, on, "发出日期")
        _check_received(on, received_on)
        ref = f"C{case.consultations.count() + 1}"
        cons = Consultation.objects.create(
            case=case, ref=ref, kind=kind, party_name=party_name.strip(), party_kind=party_kind,
            party_contact=party_contact.strip(),
            matter=matter.strip(), sent_on=on, channel=channel, received_on=received_on,
        )
        data = {"ref": ref, "kind": kind.value, "channel": channel}
        if received_on is not None:
            data["received_on"] = received_on.isoformat()
        ev = add_event(case, EventKind.CONSULTATION_SENT, on, acting_user, "", **data)
        warnings = refresh_clock(case)
        # The other side's 15 working days (第三十二条, 第三十四条), as the law engine counts them.
        due = case.clock_result.deadlines.get(f"consultation:{ref}") if case.clock_result else None
        cons.due_on = due
        cons.save(update_fields=["due_on"])
        how = f"，以{cons.get_channel_display()}方式送达" if channel else ""
        ev.text = (f"向{cons.party_name}发出征求意见书（{kind.label}）{how}；{_deadline_words(cons, due)}；"
                   f"征求意见期间不计入答复期限（第三十三条第三款）。")
        ev.save(update_fields=["text"])
        audit(acting_user, "consultation_sent", case, ref=ref, kind=kind.value, party_kind=party_kind, channel=channel,
              received_on=received_on)
        doc = issue(case, CONSULTATION_NOTICES[kind], on, acting_user=acting_user, addressee=cons.party_name, addressee_email="",
                    matter=cons.matter, consult_due=d(due) if kind.has_window else "", consult_ref=ref,
                    consult_channel=cons.get_channel_display() if channel else "",
                    consult_received_on=d(received_on), party_you=cons.addressed_as)
    return Done(case, doc, obj=cons, warnings=warnings)


@case_service
def record_consultation_receipt(
    case: Application, *, acting_user, ref: str, received_on: dt.date, expected_version=None,
) -> Done:
    """The day the other side actually received the 征求意见书 (e.g. the date on the postal 回执): its 15
    working days run from then (第三十二条, 第三十四条); it replaces a day presumed by channel. The notice
    that went out said 「自收到本征求意见书之日起15个工作日内」 and stays as issued."""
    require(acting_user, Perm.CASE_HANDLE, case, "登记对方收到征求意见书日期")
    if received_on is None:
        raise CaseError("请填写对方收到征求意见书的日期。", "on")
    with transaction.atomic():
        case = lock(case, expected_version)
        cons = case.consultations.filter(ref=ref).first()
        if cons is None or not cons.is_pending:
            raise CaseError("没有待答复的该项征求意见。", "ref")
        if not ConsultationKind(cons.kind).has_window:
            raise CaseError("征求其他机关意见，条例未规定对方的答复期限（第三十三条第三款），无需登记收到日期。", "ref")
        _check_received(cons.sent_on, received_on, "on")
        before = cons.due_on
        cons.received_on = received_on
        add_event(case, EventKind.CONSULTATION_RECEIVED, received_on, acting_user, "", ref=ref)
        warnings = refresh_clock(case)
        due = case.clock_result.deadlines.get(f"consultation:{ref}") if case.clock_result else None
        cons.due_on = due
        cons.save(update_fields=["received_on", "due_on"])
        ev = case.events.filter(kind=EventKind.CONSULTATION_RECEIVED).order_by("-id").first()
        moved = f"（原为{d(before)}）" if before and before != due else ""
        ev.text = (f"{cons.party_name}于{d(received_on)}收到征求意见书；15个工作日自该日起计算，"
                   f"对方应于{d(due) if due else '（日期尚不能确定）'}前提出意见{moved}（{'第三十二条' if cons.kind == ConsultationKind.THIRD_PARTY else '第三十四条'}）。")
        ev.save(update_fields=["text"])
        audit(acting_user, "consultation_receipt_recorded", case, ref=ref, received_on=received_on, due=due)
    return Done(case, obj=cons, warnings=warnings)


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
        if result == ConsultResult.NO_REPLY and ConsultationKind(cons.kind).has_window and cons.receipt()[0] is None:
            raise CaseError("对方收到征求意见书的日期尚未登记，无法确定15个工作日是否届满；请先按回执登记收到日期。")
        if public_interest_override:
            if cons.kind != ConsultationKind.THIRD_PARTY or result != ConsultResult.DISAGREE:
                raise CaseError("只有第三方不同意公开时，才需要基于公共利益决定公开（第三十二条）。")
            if not override_reasons.strip():
                raise CaseError("决定公开的，须写明理由，并书面告知第三方（第三十二条）。", "override_reasons")
        cons.result = result
        cons.reasons = reasons
        cons.answered_on = cons.due_on if result == ConsultResult.NO_REPLY and cons.due_on else on
        cons.deemed_consent = result == ConsultResult.NO_REPLY and cons.kind == ConsultationKind.CO_PRODUCER
        cons.public_interest_override = public_interest_override
        cons.override_reasons = override_reasons.strip()
        cons.save()
        if result == ConsultResult.NO_REPLY:
            text = f"{cons.party_name}逾期未提出意见"
            if cons.deemed_consent:
                text += "，视为同意公开（第三十四条）。"
            elif cons.kind == ConsultationKind.OTHER_AGENCY:
                text += "，由本机关依法决定是否公开（条例未规定其他机关的答复期限，也没有「视为同意」，第三十三条第三款）。"
            else:
                text += "，由本机关依法决定是否公开（第三十二条）。"
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
                         remedy=remedy_text(case, Outcome.DISCLOSE, third_party=True), party_you=cons.addressed_as)
    return Done(case, doc, obj=cons, warnings=warnings)

