"""Every state change of a 依申请公开 case (条例 第二十七条–第四十五条).

Each service function:

- runs in `transaction.atomic`;
- takes the case's `version` the caller saw (`expected_version`) and bumps it with
  `UPDATE … WHERE version = n`, so that two staff acting on the same case at once cannot both
  succeed (the loser gets `ConcurrentUpdate`, a Chinese message, and nothing is half-written);
- appends a timeline entry (`CaseEvent`) and an audit event (`record_event`);
- recomputes the statutory clock through the law engine (`cases.clock`).

Business-rule violations raise `CaseError` with a Chinese message for the form that called it.

"Same applicant" for 按件计收 (109号 第四条 「同一申请人一个自然月内累计申请」) is identified by the
identity document: type + normalised number (`Application.applicant_key`). All applications that
applicant made to this agency and that were received in the same calendar month count, whatever
their outcome (law.md Q12 is open; counting all is what the 109号 text says literally).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.services import record_event
from gongkai.core import codes
from gongkai.core.law import clock as law_clock
from gongkai.core.law import fees as law_fees
from gongkai.core.law import receipt as law_receipt
from gongkai.core.law.remedies import remedy_clause
from gongkai.core.vocabulary import Outcome
from gongkai.reports.locks import YearLocked, assert_year_unlocked

from . import clock, documents
from .models import (
    OPEN_STATUSES,
    Application,
    ApprovalStatus,
    Attachment,
    AttachmentRole,
    CaseEvent,
    Consultation,
    ConsultKind,
    ConsultResult,
    Counter,
    Delivery,
    DocKind,
    Document,
    DocumentTemplate,
    EventKind,
    Extension,
    FeeNotice,
    FeeStatus,
    ProvideForm,
    Reply,
    ReplyStatus,
    Status,
)
from .uploads import CONTENT_TYPES


class CaseError(Exception):
    """A business rule forbids the action. `message` is Chinese and safe to show; `field` names the
    form field it belongs to, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ConcurrentUpdate(CaseError):
    def __init__(self):
        super().__init__("该申请刚刚已被其他人修改（可能有同事正在同时办理），您的操作未保存。请刷新页面查看最新情况后重试。")


@dataclass
class Done:
    case: Application
    document: Document | None = None
    obj: object = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Submitted:
    case: Application
    tracking_code: str  # shown once; only its hash is stored
    factor_hint: str  # what the status page asks for besides the code
    pin: str = ""  # the PIN, when the applicant gave no phone number


#: Outcomes reached by their own service, not by draft_reply.
CLOSING_OUTCOMES = (Outcome.ABANDONED_NO_CORRECTION, Outcome.ABANDONED_NO_FEE, Outcome.OTHER)
#: 第三十三条第二款: at most 20 working days, from the law engine.
MAX_EXTENSION_DAYS = law_clock.EXTENSION_MAX_WORKING_DAYS


# -- small helpers ------------------------------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate()


def _lock(case: Application, expected_version: int | None) -> Application:
    """Optimistic concurrency: bump the version only if nobody else did since the caller read it."""
    expected = case.version if expected_version is None else int(expected_version)
    bumped = Application.objects.filter(pk=case.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if bumped != 1:
        raise ConcurrentUpdate()
    return Application.objects.select_related("agency", "handler").get(pk=case.pk)


def case_service(fn):
    """After a successful call, the caller's `case` object shows the new state (and version), so a
    caller can go on using it; a failed call leaves it untouched."""

    @functools.wraps(fn)
    def wrapper(case, *args, **kwargs):
        result = fn(case, *args, **kwargs)
        if isinstance(case, Application) and case.pk:
            case.refresh_from_db()
        return result

    return wrapper


def _require(actor, perm: Perm, case: Application, what: str) -> None:
    if actor is None or not has_perm(actor, perm, case.agency):
        raise CaseError(f"您没有{what}的权限。")


def _require_status(case: Application, *allowed: str, action: str) -> None:
    if case.status not in allowed:
        raise CaseError(f"申请当前状态为「{case.get_status_display()}」，不能{action}。")


def _check_on(case: Application, on: dt.date | None, label: str = "日期", *, not_before: dt.date | None = None) -> dt.date:
    on = on or today()
    if on > today():
        raise CaseError(f"{label}不能晚于今天。", "on")
    floor = not_before or case.received_on
    if floor and on < floor:
        raise CaseError(f"{label}（{documents.d(on)}）不能早于{documents.d(floor)}。", "on")
    return on


def _event(case: Application, event_kind: str, on: dt.date, actor, text: str = "", **data) -> CaseEvent:
    # Every clock event goes through here, and table 三 of year Y counts only events dated in Y
    # (receipt, results, carry-over as of 31 Dec): refusing events dated in a locked year is
    # exactly what keeps a submitted report's figures fixed (issue 7, reports.locks).
    try:
        assert_year_unlocked(case.agency, on)
    except YearLocked as exc:
        raise CaseError(exc.messages[0], "on") from None
    return CaseEvent.objects.create(
        case=case, kind=event_kind, on=on, actor=actor if _is_user(actor) else None, text=text, data=data
    )


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _audit(actor, action: str, case: Application, **details) -> None:
    record_event(actor, f"case.{action}", case, details={"number": case.number, **details})


def _refresh_clock(case: Application) -> list[str]:
    """Recompute the stored clock; returns the engine's warnings (Chinese). The full result (its
    `deadlines`: 补正告知, 征求意见, 缴费 …) is left on `case.clock_result`."""
    result = clock.refresh(case)
    case.clock_result = result
    if case.clock_unknown_year:
        return ["工作日历缺少相关年份的节假日安排，答复期限暂无法计算，请联系系统管理员录入。"]
    return list(getattr(result, "warnings", []) or [])


def _next_seq(agency, year: int, series: str) -> int:
    """Allocate the next number of a series under a row lock (no gaps from races, no duplicates)."""
    try:
        with transaction.atomic():
            Counter.objects.get_or_create(agency=agency, year=year, series=series)
    except IntegrityError:  # created concurrently by someone else: fine
        pass
    Counter.objects.filter(agency=agency, year=year, series=series).update(last=F("last") + 1)
    return Counter.objects.select_for_update().get(agency=agency, year=year, series=series).last


# -- tracking codes -----------------------------------------------------------------------------

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 20  # 20 × 5 = 100 bits ≥ 80


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_tracking_code(code: str) -> str:
    code = re.sub(r"[^0-9A-Za-z]", "", code or "").upper()
    return code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def tracking_hash(code: str) -> str:
    return hashlib.sha256(("gongkai-track:" + normalise_tracking_code(code)).encode()).hexdigest()


def _factor_hash(code_hash: str, factor: str) -> str:
    factor = re.sub(r"\s", "", factor or "")
    return hashlib.sha256(f"{code_hash}:{factor}".encode()).hexdigest()


def phone_last4(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-4:] if len(digits) >= 4 else ""


def _set_tracking(case: Application) -> tuple[str, str, str]:
    code = new_tracking_code()
    case.tracking_hash = tracking_hash(code)
    last4 = phone_last4(case.phone)
    if last4:
        case.tracking_factor_kind = "phone"
        case.tracking_factor_hash = _factor_hash(case.tracking_hash, last4)
        return code, "联系电话后四位", ""
    pin = f"{secrets.randbelow(10**6):06d}"
    case.tracking_factor_kind = "pin"
    case.tracking_factor_hash = _factor_hash(case.tracking_hash, pin)
    return code, "查询密码（6位数字）", pin


def find_by_tracking(code: str, factor: str) -> Application | None:
    """The case for a tracking code + second factor, or None (the caller answers a uniform 404)."""
    if len(normalise_tracking_code(code)) != CODE_LENGTH:
        return None
    h = tracking_hash(code)
    case = Application.objects.select_related("agency").filter(tracking_hash=h).first()
    expected = case.tracking_factor_hash if case else _factor_hash(h, "0000")  # same work either way
    ok = hmac.compare_digest(expected, _factor_hash(h, factor))
    return case if case is not None and ok else None


@case_service
def reissue_tracking_code(case: Application, actor, *, expected_version: int | None = None) -> Submitted:
    """A new tracking code (the old one stops working), e.g. when the applicant lost it."""
    _require(actor, Perm.CASE_HANDLE, case, "重置查询码")
    with transaction.atomic():
        case = _lock(case, expected_version)
        code, hint, pin = _set_tracking(case)
        case.save(update_fields=["tracking_hash", "tracking_factor_hash", "tracking_factor_kind"])
        _audit(actor, "tracking_code_reissued", case)
    return Submitted(case, code, hint, pin)


# -- intake -------------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_kind", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email", "address",
    "postcode", "needs_assistance", "info_title", "info_doc_number", "info_description", "provide_form", "delivery",
)


def applicant_key(id_type: str, id_number: str) -> str:
    return f"{id_type}:{codes.normalise_code(id_number)}"


def _new_case(agency, data: dict, channel: str, submitted_at: dt.datetime, actor) -> tuple[Application, Submitted]:
    values = {k: data.get(k) for k in APPLICANT_FIELDS if k in data}
    values["id_number"] = codes.normalise_code(values.get("id_number", ""))
    for key in ("contact_person", "phone", "email", "address", "postcode", "info_doc_number", "info_description"):
        values[key] = values.get(key) or ""
    year = timezone.localtime(submitted_at).year
    case = Application(
        agency=agency, year=year, seq=_next_seq(agency, year, "application"), channel=channel,
        submitted_at=submitted_at, applicant_key=applicant_key(values["id_type"], values["id_number"]),
        status=Status.PENDING, **values,
    )
    code, hint, pin = _set_tracking(case)
    case.save()
    return case, Submitted(case, code, hint, pin)


def _save_files(case: Application, files, role: str, actor) -> list[Attachment]:
    saved = []
    for f in files or ():
        name = getattr(f, "name", "附件")
        att = Attachment(
            case=case, role=role, original_name=name[:200],
            content_type=CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream"), size=f.size,
            uploaded_by=actor if _is_user(actor) else None,
        )
        att.file.save(f.name, f, save=False)
        att.save()
        saved.append(att)
    return saved


def submit_online_application(agency, data: dict, files=(), *, user=None, request=None) -> Submitted:
    """The public web form (第二十九条: 数据电文). It waits in 「待确认」 until staff confirm it, and the
    confirmation date is the receipt date (第三十一条第（三）项)."""
    if not agency.is_active:
        raise CaseError("该机关目前不接受网上申请。", "agency")
    with transaction.atomic():
        now = timezone.now()
        case, sub = _new_case(agency, data, law_receipt.Channel.ONLINE, now, user)
        if _is_user(user) and not user.is_staff_member:
            case.applicant_user = user
            case.save(update_fields=["applicant_user"])
        _save_files(case, files, AttachmentRole.APPLICATION, user)
        _event(case, EventKind.SUBMITTED, timezone.localdate(now), user, "申请人通过网上申请平台提交申请，待工作人员确认。")
        record_event(user, "case.submitted", case, details={"number": case.number, "channel": case.channel}, request=request)
    return sub


def register_application(
    agency,
    actor,
    data: dict,
    *,
    channel: str,
    submitted_on: dt.date,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    files=(),
    note: str = "",
) -> Submitted:
    """Staff register an application received 当面, 邮寄, 传真, 口头 (代为填写) or by e-mail.

    The receipt date follows 第三十一条 (`law.receipt.receipt_date`); channels that need confirmation
    with the applicant stay 「待确认」 until `confirm_receipt` unless the confirmation date is given now.
    """
    _require(actor, Perm.CASE_HANDLE, Application(agency=agency), "登记申请")
    if submitted_on > today():
        raise CaseError("提交日期不能晚于今天。", "submitted_on")
    for value, label in ((signed_on, "签收日期"), (confirmed_on, "确认日期")):
        if value and value > today():
            raise CaseError(f"{label}不能晚于今天。")
    received_on = None
    if not law_receipt.needs_confirmation(channel) or confirmed_on:
        try:
            received_on = law_receipt.receipt_date(
                channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
            )
        except ValueError as exc:
            raise CaseError(str(exc)) from None
    with transaction.atomic():
        at = timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(9, 0)))
        case, sub = _new_case(agency, data, channel, at, actor)
        case.registered_by = actor
        case.intake_note = note
        case.save(update_fields=["registered_by", "intake_note"])
        _save_files(case, files, AttachmentRole.APPLICATION, actor)
        how = law_receipt.Channel(channel).label
        oral = "（工作机构代为填写申请）" if channel == law_receipt.Channel.ORAL else ""
        _event(case, EventKind.REGISTERED, submitted_on, actor, f"工作人员登记{how}申请{oral}。{note}".strip())
        _audit(actor, "registered", case, channel=channel)
        if received_on:
            _receive(case, actor, received_on)
    return sub


def _receive(case: Application, actor, received_on: dt.date) -> Document:
    case.received_on = received_on
    case.status = Status.OPEN
    case.save(update_fields=["received_on", "status"])
    _event(case, EventKind.RECEIVED, received_on, actor, law_receipt.receipt_rule(case.channel) + "。", channel=case.channel)
    _refresh_clock(case)
    _audit(actor, "received", case, received_on=received_on)
    return _issue(case, DocKind.RECEIPT, actor, received_on)


@case_service
def confirm_receipt(case: Application, actor, confirmed_on: dt.date | None = None, *, expected_version=None) -> Done:
    """第三十一条第（二）项后段、第（三）项: confirmation with the applicant fixes the receipt date."""
    _require(actor, Perm.CASE_HANDLE, case, "确认收到申请")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.PENDING, action="确认收到")
        submitted_on = timezone.localtime(case.submitted_at).date()
        confirmed_on = _check_on(case, confirmed_on, "确认日期", not_before=submitted_on)
        try:
            received_on = law_receipt.receipt_date(
                case.channel, submitted_on=submitted_on, signed_on=confirmed_on, confirmed_on=confirmed_on
            )
        except ValueError as exc:
            raise CaseError(str(exc)) from None
        doc = _receive(case, actor, received_on)
    return Done(case, doc)


@case_service
def assign_handler(case: Application, actor, handler, *, expected_version=None) -> Done:
    _require(actor, Perm.CASE_HANDLE, case, "分配经办人")
    if handler is None or not handler.is_active or handler.agency_id != case.agency_id or not has_perm(
        handler, Perm.CASE_HANDLE, case.agency
    ):
        raise CaseError("经办人须为本机关具有办理权限的工作人员。", "handler")
    with transaction.atomic():
        case = _lock(case, expected_version)
        if not case.is_open:
            raise CaseError("已办结的申请不能再分配经办人。")
        case.handler = handler
        case.save(update_fields=["handler"])
        _event(case, EventKind.ASSIGNED, today(), actor, f"分配经办人：{handler}。", handler=handler.pk)
        _audit(actor, "assigned", case, handler=handler.pk)
    return Done(case)


# -- 补正 (第三十条) ------------------------------------------------------------------------------


def _event_of(case: Application, kind: str) -> CaseEvent | None:
    return case.events.filter(kind=kind).order_by("-on", "-id").first()


@case_service
def request_correction(
    case: Application, actor, *, items: list[str], deadline: dt.date, on: dt.date | None = None, expected_version=None
) -> Done:
    """补正告知: once (一次性), within 7 working days of receipt, with a reasonable deadline (第三十条)."""
    _require(actor, Perm.CASE_HANDLE, case, "发出补正告知")
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise CaseError("请逐项写明需要补正的事项（第三十条：说明需要补正的事项）。", "items")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, action="发出补正告知")
        if _event_of(case, EventKind.CORRECTION_REQUESTED):
            raise CaseError("补正告知只能一次性发出（第三十条），本申请已经告知过补正。")
        on = _check_on(case, on, "告知日期")
        if deadline <= on:
            raise CaseError("补正期限须晚于告知日期（第三十条：合理的补正期限）。", "deadline")
        # 第三十条: 自收到申请之日起7个工作日内一次性告知. A late notice still goes out; the law engine
        # gives the limit and words the warning.
        before = clock.compute(case)
        limit = before.deadlines.get("correction_notice") if before else None
        late = bool(limit and on > limit)
        _event(case, EventKind.CORRECTION_REQUESTED, on, actor, "一次性告知补正事项：" + "；".join(items),
               items=items, deadline=deadline.isoformat(), late=late)
        case.status = Status.CORRECTION
        case.save(update_fields=["status"])
        warnings = _refresh_clock(case)
        _audit(actor, "correction_requested", case, items=items, deadline=deadline, late=late)
        doc = _issue(case, DocKind.CORRECTION, actor, on, correction_items=items, correction_deadline=documents.d(deadline))
    return Done(case, doc, warnings=warnings)


def correction_deadline(case: Application) -> dt.date | None:
    ev = _event_of(case, EventKind.CORRECTION_REQUESTED)
    return dt.date.fromisoformat(ev.data["deadline"]) if ev else None


@case_service
def receive_correction(
    case: Application, actor, *, on: dt.date | None = None, note: str = "", files=(), expected_version=None
) -> Done:
    """收到补正: the 20-working-day clock restarts from this day (第三十条)."""
    _require(actor, Perm.CASE_HANDLE, case, "登记补正")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.CORRECTION, action="登记补正")
        requested = _event_of(case, EventKind.CORRECTION_REQUESTED)
        on = _check_on(case, on, "收到补正日期", not_before=requested.on)
        warnings = []
        deadline = correction_deadline(case)
        if deadline and on > deadline:
            warnings.append(f"补正在期限（{documents.d(deadline)}）届满后收到；已按有正当理由的补正登记。")
        _save_files(case, files, AttachmentRole.CORRECTION, actor)
        _event(case, EventKind.CORRECTION_RECEIVED, on, actor, ("收到补正后的申请。" + note).strip(), note=note)
        case.status = Status.OPEN
        case.save(update_fields=["status"])
        warnings += _refresh_clock(case)
        _audit(actor, "correction_received", case, on=on)
    return Done(case, warnings=warnings)


@case_service
def expire_correction(case: Application, actor, *, on: dt.date | None = None, expected_version=None) -> Done:
    """逾期不补正 → 视为放弃申请 (第三十条; table 三 (六)1)."""
    _require(actor, Perm.CASE_HANDLE, case, "登记逾期未补正")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.CORRECTION, action="登记逾期未补正")
        on = _check_on(case, on, "日期")
        deadline = correction_deadline(case)
        if deadline and on <= deadline:
            raise CaseError(f"补正期限至{documents.d(deadline)}，期限届满后才能视为放弃申请。")
        _event(case, EventKind.CORRECTION_EXPIRED, on, actor, "申请人逾期未补正，视为放弃申请（第三十条）。")
        doc = _close(case, actor, Outcome.ABANDONED_NO_CORRECTION, on)
    return Done(case, doc)


def _close(case: Application, actor, outcome: Outcome, on: dt.date, body: str = "") -> Document | None:
    """End a case without the review step: the outcome follows from a recorded fact (逾期/撤回)."""
    reply = Reply.objects.create(
        case=case, outcome=outcome, legal_basis=outcome.info.basis or "—", body=body, status=ReplyStatus.SENT,
        drafted_by=actor, sent_on=on,
    )
    Reply.objects.filter(case=case).exclude(pk=reply.pk).exclude(status=ReplyStatus.SENT).delete()
    case.status = Status.CLOSED
    case.outcome = outcome
    case.decided_on = on
    case.save(update_fields=["status", "outcome", "decided_on"])
    _refresh_clock(case)
    _audit(actor, "closed", case, outcome=outcome.value, on=on)
    if case.received_on is None:
        return None  # never received (e.g. a web submission withdrawn before confirmation): nothing to answer
    return _issue(case, f"{documents.REPLY_PREFIX}{outcome.value}", actor, on, reply=reply)


# -- 征求意见 (第三十二条, 第三十四条) ----------------------------------------------------------------


@case_service
def send_consultation(
    case: Application, actor, *, kind: str, party_name: str, matter: str, party_contact: str = "",
    on: dt.date | None = None, expected_version=None,
) -> Done:
    """征求意见书: 15 working days for the answer; the reply clock pauses (第三十三条第三款)."""
    _require(actor, Perm.CASE_HANDLE, case, "征求意见")
    if not party_name.strip() or not matter.strip():
        raise CaseError("请填写被征求意见方和涉及的信息内容。")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, action="征求意见")
        on = _check_on(case, on, "发出日期")
        ref = f"C{case.consultations.count() + 1}"
        cons = Consultation.objects.create(
            case=case, ref=ref, kind=kind, party_name=party_name.strip(), party_contact=party_contact.strip(),
            matter=matter.strip(), sent_on=on,
        )
        ev = _event(case, EventKind.CONSULTATION_SENT, on, actor, "", ref=ref, kind=kind)
        warnings = _refresh_clock(case)
        # The other side's 15 working days (第三十二条, 第三十四条), as the law engine counts them.
        due = case.clock_result.deadlines.get(f"consultation:{ref}") if case.clock_result else None
        cons.due_on = due
        cons.save(update_fields=["due_on"])
        ev.text = (f"向{cons.party_name}发出征求意见书（{ConsultKind(kind).label}），"
                   f"{'答复期限' + documents.d(due) + '；' if due else ''}征求意见期间不计入答复期限（第三十三条第三款）。")
        ev.save(update_fields=["text"])
        _audit(actor, "consultation_sent", case, ref=ref, kind=kind)
        doc_kind = DocKind.CONSULT_THIRD if kind == ConsultKind.THIRD_PARTY else DocKind.CONSULT_AGENCY
        doc = _issue(case, doc_kind, actor, on, addressee=cons.party_name, addressee_email="", matter=cons.matter,
                     consult_due=documents.d(due))
    return Done(case, doc, obj=cons, warnings=warnings)


@case_service
def record_consultation_answer(
    case: Application, actor, *, ref: str, result: str, reasons: str = "", on: dt.date | None = None,
    public_interest_override: bool = False, override_reasons: str = "", expected_version=None,
) -> Done:
    """The third party's or co-producer's answer: 同意 / 不同意 (with reasons) / 逾期未答复.

    第三十二条: a reasoned objection means no disclosure, unless non-disclosure would seriously affect the
    public interest — then the agency may disclose and must tell the third party in writing.
    第三十四条: a co-producer's silence counts as consent.
    """
    _require(actor, Perm.CASE_HANDLE, case, "登记征求意见结果")
    with transaction.atomic():
        case = _lock(case, expected_version)
        cons = case.consultations.filter(ref=ref).first()
        if cons is None or not cons.is_pending:
            raise CaseError("没有待答复的该项征求意见。")
        on = _check_on(case, on, "答复日期", not_before=cons.sent_on)
        reasons = reasons.strip()
        if result == ConsultResult.DISAGREE and not reasons:
            raise CaseError("不同意公开的，请登记对方说明的理由（第三十二条）。", "reasons")
        if result == ConsultResult.NO_REPLY and cons.due_on and on <= cons.due_on:
            raise CaseError(f"征求意见期限至{documents.d(cons.due_on)}，届满后才能登记为逾期未答复。")
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
            _event(case, EventKind.CONSULTATION_EXPIRED, cons.answered_on, actor, text, ref=ref)
        else:
            text = f"{cons.party_name}答复：{ConsultResult(result).label}" + (f"，理由：{reasons}" if reasons else "") + "。"
            _event(case, EventKind.CONSULTATION_ANSWERED, on, actor, text, ref=ref, result=result)
        warnings = _refresh_clock(case)
        _audit(actor, "consultation_answered", case, ref=ref, result=result, override=public_interest_override)
        doc = None
        if public_interest_override:
            doc = _issue(case, DocKind.DISCLOSE_THIRD, actor, on, addressee=cons.party_name, addressee_email="",
                         matter=cons.matter, override_reasons=cons.override_reasons,
                         consult_sent_on=documents.d(cons.sent_on), consult_answered_on=documents.d(cons.answered_on),
                         remedy=_remedy(case, Outcome.DISCLOSE))
    return Done(case, doc, obj=cons, warnings=warnings)


# -- 延期 (第三十三条第二款) -------------------------------------------------------------------------


@case_service
def request_extension(case: Application, actor, *, days: int, reason: str, expected_version=None) -> Done:
    _require(actor, Perm.CASE_HANDLE, case, "申请延期")
    if not 1 <= int(days) <= MAX_EXTENSION_DAYS:
        raise CaseError("延长的期限最长不得超过20个工作日（第三十三条第二款）。", "days")
    if not reason.strip():
        raise CaseError("请写明延期理由。", "reason")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, Status.REVIEW, action="申请延期")
        if case.extensions.filter(status=ApprovalStatus.APPROVED).exists():
            raise CaseError("答复期限只能延长一次（第三十三条第二款），本申请已经延期。")
        if case.extensions.filter(status=ApprovalStatus.REQUESTED).exists():
            raise CaseError("已有待负责人批准的延期申请。")
        ext = Extension.objects.create(case=case, days=int(days), reason=reason.strip(), requested_by=actor,
                                       requested_on=today())
        _event(case, EventKind.EXTENSION_REQUESTED, today(), actor, f"申请延期{ext.days}个工作日：{ext.reason}", days=ext.days)
        _audit(actor, "extension_requested", case, days=ext.days)
    return Done(case, obj=ext)


@case_service
def approve_extension(case: Application, actor, *, on: dt.date | None = None, expected_version=None) -> Done:
    """负责人同意 → 告知申请人 (延期答复告知书); the clock adds the days (第三十三条第二款)."""
    _require(actor, Perm.CASE_APPROVE, case, "批准延期（须政府信息公开工作机构负责人）")
    with transaction.atomic():
        case = _lock(case, expected_version)
        ext = case.extensions.filter(status=ApprovalStatus.REQUESTED).first()
        if ext is None:
            raise CaseError("没有待批准的延期申请。")
        if case.extensions.filter(status=ApprovalStatus.APPROVED).exists():
            raise CaseError("答复期限只能延长一次（第三十三条第二款）。")
        on = _check_on(case, on, "批准日期")
        old_due = case.due_date
        warnings = []
        if old_due and on > old_due:
            warnings.append(f"延期在原答复期限（{documents.d(old_due)}）届满后才批准，申请人可能已认为逾期。")
        _event(case, EventKind.EXTENSION_APPROVED, on, actor, f"负责人同意延长答复期限{ext.days}个工作日。", days=ext.days)
        warnings += _refresh_clock(case)
        ext.status = ApprovalStatus.APPROVED
        ext.decided_by = actor
        ext.decided_on = on
        ext.new_due = case.due_date
        ext.save()
        _audit(actor, "extension_approved", case, days=ext.days, new_due=case.due_date)
        doc = _issue(case, DocKind.EXTENSION, actor, on, extension_days=ext.days, extension_reason=ext.reason,
                     old_due=documents.d(old_due), new_due=documents.d(case.due_date))
    return Done(case, doc, obj=ext, warnings=warnings)


@case_service
def reject_extension(case: Application, actor, *, note: str = "", expected_version=None) -> Done:
    _require(actor, Perm.CASE_APPROVE, case, "审批延期")
    with transaction.atomic():
        case = _lock(case, expected_version)
        ext = case.extensions.filter(status=ApprovalStatus.REQUESTED).first()
        if ext is None:
            raise CaseError("没有待批准的延期申请。")
        ext.status = ApprovalStatus.REJECTED
        ext.decided_by = actor
        ext.decided_on = today()
        ext.save()
        _event(case, EventKind.EXTENSION_REJECTED, today(), actor, f"负责人未同意延期。{note}".strip())
        _audit(actor, "extension_rejected", case)
    return Done(case, obj=ext)


# -- 信息处理费 (第四十二条, 国办函〔2020〕109号) ---------------------------------------------------


def pieces_before(case: Application) -> int:
    """The applicant's earlier applications to this agency received in the same calendar month (109号第四条)."""
    r = case.received_on
    month_start = r.replace(day=1)
    same_month = Application.objects.filter(
        agency_id=case.agency_id, applicant_key=case.applicant_key, received_on__gte=month_start, received_on__lte=r
    ).exclude(pk=case.pk)
    earlier_days = same_month.filter(received_on__lt=r).count()
    same_day_before = same_month.filter(received_on=r, pk__lt=case.pk).count()
    return earlier_days + same_day_before


@case_service
def propose_fee(
    case: Application, actor, *, method: str, reason: str, pages: int | None = None, expected_version=None
) -> Done:
    """The handler proposes a fee; the law engine computes it; the head approves (approve_fee)."""
    _require(actor, Perm.CASE_HANDLE, case, "提出收费")
    if not reason.strip():
        raise CaseError("收费的前提是申请数量、频次明显超过合理范围（第四十二条），请写明理由。", "reason")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, action="提出收费")
        if case.fees.exclude(status__in=[FeeStatus.REJECTED]).exists():
            raise CaseError("本申请已有收费记录；同一件申请只能按一种标准收费一次（109号第三条）。")
        try:
            if method == law_fees.FeeMethod.PER_PIECE:
                ordinal_before = pieces_before(case)
                calc = law_fees.choose(method, already_this_month=ordinal_before)
            else:
                if pages is None:
                    raise CaseError("按量计收须填写页数。", "pages")
                ordinal_before = None
                calc = law_fees.choose(method, pages=int(pages))
        except ValueError as exc:
            raise CaseError(str(exc)) from None
        if calc.amount_yuan <= 0:
            raise CaseError("按所选标准计算的信息处理费为0元，无需收费：" + " ".join(calc.lines))
        fee = FeeNotice.objects.create(
            case=case, method=method, ordinal=(ordinal_before + 1) if ordinal_before is not None else None,
            pages=pages if method == law_fees.FeeMethod.PER_VOLUME else None, amount_yuan=Decimal(calc.amount_yuan),
            lines=list(calc.lines), reason=reason.strip(), proposed_by=actor,
        )
        _event(case, EventKind.FEE_PROPOSED, today(), actor, f"拟按{fee.get_method_display()}收取信息处理费{calc.amount_yuan}元，待负责人批准。",
               amount=calc.amount_yuan)
        _audit(actor, "fee_proposed", case, method=method, amount=calc.amount_yuan)
    return Done(case, obj=fee)


def _current_fee(case: Application, *statuses) -> FeeNotice | None:
    return case.fees.filter(status__in=statuses).order_by("-id").first()


@case_service
def approve_fee(case: Application, actor, *, approve: bool = True, expected_version=None) -> Done:
    _require(actor, Perm.CASE_APPROVE, case, "批准收费（须负责人）")
    with transaction.atomic():
        case = _lock(case, expected_version)
        fee = _current_fee(case, FeeStatus.PROPOSED)
        if fee is None:
            raise CaseError("没有待批准的收费。")
        fee.status = FeeStatus.APPROVED if approve else FeeStatus.REJECTED
        fee.approved_by = actor
        fee.approved_on = today()
        fee.save()
        text = "负责人批准收取信息处理费。" if approve else "负责人未批准收费。"
        _event(case, EventKind.FEE_APPROVED, today(), actor, text, approved=approve)
        _audit(actor, "fee_approved" if approve else "fee_rejected", case, amount=fee.amount_yuan)
    return Done(case, obj=fee)


@case_service
def send_fee_notice(
    case: Application, actor, *, on: dt.date | None = None, notice_received_on: dt.date | None = None,
    payment_instructions: str = "", expected_version=None,
) -> Done:
    """收费通知书: pay within 20 working days from the day after the applicant receives it (law.md §3.2).

    When the receipt date is not known (e.g. a letter in the post), the sending date is used; staff can
    give the actual date of receipt for notices delivered later.
    """
    _require(actor, Perm.CASE_HANDLE, case, "发出收费通知")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, action="发出收费通知")
        fee = _current_fee(case, FeeStatus.APPROVED)
        if fee is None:
            raise CaseError("收费须经负责人批准后才能发出收费通知。")
        on = _check_on(case, on, "发出日期")
        if notice_received_on and notice_received_on < on:
            raise CaseError("申请人收到通知的日期不能早于发出日期。", "notice_received_on")
        warnings = []
        if case.due_date and on > case.due_date:
            warnings.append("收费通知应在申请处理期限内发出（law.md §3.2），本通知已超过答复期限。")
        ev = _event(case, EventKind.FEE_NOTICE_SENT, on, actor, "",
                    received_on=notice_received_on.isoformat() if notice_received_on else None)
        warnings += _refresh_clock(case)
        # 20 working days from the day after the applicant receives the notice: the law engine's count.
        fee.pay_due = case.clock_result.deadlines.get("fee_payment") if case.clock_result else None
        fee.status = FeeStatus.SENT
        fee.sent_on = on
        fee.notice_received_on = notice_received_on
        fee.save()
        ev.text = f"发出收费通知，金额{_yuan(fee.amount_yuan)}元" + (f"，缴费期限{documents.d(fee.pay_due)}。" if fee.pay_due else "。")
        ev.save(update_fields=["text"])
        _audit(actor, "fee_notice_sent", case, amount=fee.amount_yuan, pay_due=fee.pay_due)
        doc = _issue(case, DocKind.FEE_NOTICE, actor, on, fee_reason=fee.reason, fee_method=fee.get_method_display(),
                     fee_lines=list(fee.lines), fee_amount=_yuan(fee.amount_yuan),
                     payment_instructions=payment_instructions.strip() or "请按本机关告知的缴款方式缴入国库，本机关开具财政票据。")
    return Done(case, doc, obj=fee, warnings=warnings)


def _yuan(amount) -> str:
    amount = Decimal(amount)
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


@case_service
def record_fee_payment(
    case: Application, actor, *, amount_yuan, on: dt.date | None = None, expected_version=None
) -> Done:
    _require(actor, Perm.CASE_HANDLE, case, "登记缴费")
    try:
        amount = Decimal(str(amount_yuan))
    except Exception:
        raise CaseError("缴费金额格式不正确。", "amount_yuan") from None
    if amount <= 0:
        raise CaseError("缴费金额须大于0。", "amount_yuan")
    with transaction.atomic():
        case = _lock(case, expected_version)
        fee = _current_fee(case, FeeStatus.SENT)
        if fee is None:
            raise CaseError("没有待缴费的收费通知。")
        on = _check_on(case, on, "缴费日期", not_before=fee.sent_on)
        warnings = []
        if amount != fee.amount_yuan:
            warnings.append(f"实缴金额（{_yuan(amount)}元）与通知金额（{_yuan(fee.amount_yuan)}元）不一致。")
        fee.status = FeeStatus.PAID
        fee.paid_on = on
        fee.paid_amount_yuan = amount
        fee.save()
        _event(case, EventKind.FEE_PAID, on, actor, f"申请人缴纳信息处理费{_yuan(amount)}元。", amount=str(amount))
        warnings += _refresh_clock(case)
        _audit(actor, "fee_paid", case, amount=amount, on=on)
    return Done(case, obj=fee, warnings=warnings)


@case_service
def expire_fee_notice(case: Application, actor, *, on: dt.date | None = None, expected_version=None) -> Done:
    """逾期未缴费 → 视为放弃申请 (table 三 (六)2)."""
    _require(actor, Perm.CASE_HANDLE, case, "登记逾期未缴费")
    with transaction.atomic():
        case = _lock(case, expected_version)
        fee = _current_fee(case, FeeStatus.SENT)
        if fee is None:
            raise CaseError("没有待缴费的收费通知。")
        on = _check_on(case, on, "日期")
        if fee.pay_due and on <= fee.pay_due:
            raise CaseError(f"缴费期限至{documents.d(fee.pay_due)}，期限届满后才能视为放弃申请。")
        fee.status = FeeStatus.EXPIRED
        fee.expired_on = on
        fee.save()
        _event(case, EventKind.FEE_EXPIRED, on, actor, "申请人逾期未缴纳信息处理费，视为放弃申请。")
        doc = _close(case, actor, Outcome.ABANDONED_NO_FEE, on)
    return Done(case, doc, obj=fee)


# -- 第三十五条 --------------------------------------------------------------------------------------


@case_service
def ask_for_reasons(
    case: Application, actor, *, text: str, deadline: dt.date, on: dt.date | None = None, expected_version=None
) -> Done:
    """数量、频次明显超过合理范围: ask the applicant for reasons (第三十五条)."""
    _require(actor, Perm.CASE_HANDLE, case, "要求说明理由")
    if not text.strip():
        raise CaseError("请写明申请数量、频次明显超过合理范围的情况。", "text")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, action="要求说明理由")
        on = _check_on(case, on, "告知日期")
        if deadline <= on:
            raise CaseError("说明理由的期限须晚于告知日期。", "deadline")
        _event(case, EventKind.REASONS_REQUESTED, on, actor, f"要求申请人说明理由（第三十五条）：{text.strip()}",
               deadline=deadline.isoformat())
        case.status = Status.REASONS
        case.save(update_fields=["status"])
        _audit(actor, "reasons_requested", case)
        doc = _issue(case, DocKind.REASONS, actor, on, reasons_text=text.strip(), reasons_deadline=documents.d(deadline))
    return Done(case, doc)


@case_service
def record_reasons(case: Application, actor, *, text: str, on: dt.date | None = None, expected_version=None) -> Done:
    _require(actor, Perm.CASE_HANDLE, case, "登记理由说明")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.REASONS, action="登记理由说明")
        on = _check_on(case, on, "收到日期")
        _event(case, EventKind.REASONS_RECEIVED, on, actor, f"申请人说明理由：{text.strip() or '（未说明）'}")
        _audit(actor, "reasons_received", case)
    return Done(case)


@case_service
def set_custom_deadline(
    case: Application, actor, *, due: dt.date, reason: str, on: dt.date | None = None, expected_version=None
) -> Done:
    """理由合理但无法按期答复 → a reasonable later deadline, told to the applicant (第三十五条)."""
    _require(actor, Perm.CASE_HANDLE, case, "确定延迟答复期限")
    if not reason.strip():
        raise CaseError("请写明无法在法定期限内答复的理由。", "reason")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.REASONS, action="确定延迟答复期限（须先要求说明理由）")
        on = _check_on(case, on, "告知日期")
        if due <= on or (case.due_date and due <= case.due_date):
            raise CaseError("延迟答复的期限须晚于现在的答复期限。", "due")
        _event(case, EventKind.CUSTOM_DEADLINE_SET, on, actor, f"申请理由合理，确定延迟答复期限为{documents.d(due)}（第三十五条）。",
               due=due.isoformat(), reason=reason.strip())
        case.status = Status.OPEN
        case.save(update_fields=["status"])
        warnings = _refresh_clock(case)
        _audit(actor, "custom_deadline_set", case, due=due)
        doc = _issue(case, DocKind.DEADLINE, actor, on, deadline_reason=reason.strip(), custom_due=documents.d(due))
    return Done(case, doc, warnings=warnings)


# -- 答复 (第三十六条–第三十九条) -----------------------------------------------------------------------


@case_service
def draft_reply(
    case: Application, actor, *, outcome: str, body: str, legal_basis: str = "", withheld: str = "",
    competent_agency: str = "", competent_contact: str = "", provide_form: str = "", delivery: str = "",
    files=(), expected_version=None,
) -> Done:
    """A reply with exactly one outcome of the statutory taxonomy; a reviewer approves it (approve_reply)."""
    _require(actor, Perm.CASE_HANDLE, case, "拟定答复")
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
        case = _lock(case, expected_version)
        _require_status(case, Status.OPEN, Status.REASONS, action="拟定答复")
        if case.status == Status.REASONS and out != Outcome.MASS_REPEAT:
            raise CaseError("正在等待申请人说明理由：请先确定延迟答复期限，或以「无正当理由大量反复申请」答复。")
        if out == Outcome.MASS_REPEAT and not _event_of(case, EventKind.REASONS_REQUESTED):
            raise CaseError("以「无正当理由大量反复申请」不予处理前，须先要求申请人说明理由（第三十五条）。", "outcome")
        if out == Outcome.STILL_UNCLEAR and not _event_of(case, EventKind.CORRECTION_RECEIVED):
            raise CaseError("「补正后申请内容仍不明确」只适用于已经补正的申请（第三十条）。", "outcome")
        if case.consultations.filter(result="").exists():
            raise CaseError("征求意见尚未结束，请先登记对方意见或逾期未答复。")
        if case.fees.filter(status__in=[FeeStatus.PROPOSED, FeeStatus.APPROVED, FeeStatus.SENT]).exists():
            raise CaseError("收费尚未办结（待批准、待发出或待缴费），暂不能答复。")
        if out in (Outcome.DISCLOSE, Outcome.PARTIAL):
            provide_form = provide_form or case.provide_form
            delivery = delivery or case.delivery
        reply = case.replies.exclude(status=ReplyStatus.SENT).first() or Reply(case=case, drafted_by=actor)
        reply.outcome = out
        reply.legal_basis = legal_basis.strip() or out.info.basis
        reply.body = body
        reply.withheld = withheld.strip()
        reply.competent_agency = competent_agency.strip()
        reply.competent_contact = competent_contact.strip()
        reply.provide_form = provide_form
        reply.delivery = delivery
        reply.status = ReplyStatus.DRAFT
        reply.drafted_by = actor
        reply.review_note = ""
        reply.save()
        attached = _save_files(case, files, AttachmentRole.REPLY, actor)
        if attached:
            reply.files.add(*attached)
        case.status = Status.REVIEW
        case.save(update_fields=["status"])
        _event(case, EventKind.REPLY_DRAFTED, today(), actor, f"拟定答复：{out.label}，提交审核。", outcome=out.value)
        _audit(actor, "reply_drafted", case, outcome=out.value)
    return Done(case, obj=reply)


def transfer(
    case: Application, actor, *, competent_agency: str, competent_contact: str = "", reasons: str, expected_version=None
) -> Done:
    """不属于本机关负责公开 → 告知 the competent agency's name and contact (第三十六条第（五）项; table 三(四)1)."""
    if not competent_agency.strip():
        raise CaseError("请填写负责公开该信息的机关名称。", "competent_agency")
    return draft_reply(
        case, actor, outcome=Outcome.NOT_OUR_INFO, body=reasons, competent_agency=competent_agency,
        competent_contact=competent_contact, expected_version=expected_version,
    )


@case_service
def approve_reply(case: Application, actor, *, on: dt.date | None = None, expected_version=None) -> Done:
    """The reviewer approves; the reply goes out (答复书 numbered), the clock stops."""
    _require(actor, Perm.CASE_REVIEW, case, "审核答复")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.REVIEW, action="审核答复")
        reply = case.replies.filter(status=ReplyStatus.DRAFT).first()
        if reply is None:
            raise CaseError("没有待审核的答复。")
        if reply.drafted_by_id == actor.pk:
            raise CaseError("审核人不能审核自己拟定的答复。")
        on = _check_on(case, on, "答复日期")
        warnings = []
        if case.due_date and on > case.due_date:
            warnings.append(f"答复日期晚于答复期限（{documents.d(case.due_date)}），属于逾期答复。")
        reply.status = ReplyStatus.SENT
        reply.reviewed_by = actor
        reply.sent_on = on
        reply.save()
        out = Outcome(reply.outcome)
        case.status = Status.REPLIED
        case.outcome = out
        case.decided_on = on
        case.save(update_fields=["status", "outcome", "decided_on"])
        _event(case, EventKind.REPLIED, on, actor, f"答复已审核并发出：{out.label}。", outcome=out.value)
        _refresh_clock(case)
        _audit(actor, "reply_approved", case, outcome=out.value, on=on)
        doc = _issue(case, f"{documents.REPLY_PREFIX}{out.value}", actor, on, reply=reply)
    return Done(case, doc, obj=reply, warnings=warnings)


@case_service
def return_reply(case: Application, actor, *, note: str, expected_version=None) -> Done:
    _require(actor, Perm.CASE_REVIEW, case, "审核答复")
    if not note.strip():
        raise CaseError("请写明退回修改的意见。", "note")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.REVIEW, action="退回答复")
        reply = case.replies.filter(status=ReplyStatus.DRAFT).first()
        reply.status = ReplyStatus.RETURNED
        reply.reviewed_by = actor
        reply.review_note = note.strip()
        reply.save()
        case.status = Status.OPEN
        case.save(update_fields=["status"])
        _event(case, EventKind.REPLY_RETURNED, today(), actor, f"答复退回修改：{note.strip()}")
        _audit(actor, "reply_returned", case)
    return Done(case, obj=reply)


@case_service
def withdraw_application(case: Application, actor, *, on: dt.date | None = None, note: str = "", expected_version=None) -> Done:
    """申请人撤回 → 其他处理 (table 三 (六)3)."""
    _require(actor, Perm.CASE_HANDLE, case, "登记撤回")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, *OPEN_STATUSES, action="登记撤回")
        floor = case.received_on or timezone.localdate(case.submitted_at)
        on = _check_on(case, on, "撤回日期", not_before=floor)
        text = f"申请人于{documents.d(on)}撤回政府信息公开申请。" + (note.strip() and f"{note.strip()}")
        _event(case, EventKind.WITHDRAWN, on, actor, text)
        doc = _close(case, actor, Outcome.OTHER, on, body=text)
    return Done(case, doc)


@case_service
def archive_case(case: Application, actor, *, expected_version=None) -> Done:
    """归档 (第四十五条: 登记、审核、办理、答复、归档)."""
    _require(actor, Perm.CASE_HANDLE, case, "归档")
    with transaction.atomic():
        case = _lock(case, expected_version)
        _require_status(case, Status.REPLIED, Status.CLOSED, action="归档")
        case.status = Status.ARCHIVED
        case.archived_at = timezone.now()
        case.save(update_fields=["status", "archived_at"])
        _event(case, EventKind.ARCHIVED, today(), actor, "案卷归档（第四十五条）。")
        _audit(actor, "archived", case)
    return Done(case)


# -- viewing and the calendar -------------------------------------------------------------------


def record_case_view(case: Application, actor, request=None) -> None:
    """Every view of a case's personal data is logged."""
    record_event(actor, "case.viewed", case, details={"number": case.number}, request=request)


def recompute_for_calendar_change(changed_dates) -> int:
    """Recompute every open case whose clock may touch a changed day; note each moved deadline."""
    changed = sorted(set(changed_dates))
    if not changed:
        return 0
    moved = 0
    calendars: dict[int, object] = {}
    open_cases = Application.objects.filter(
        in_progress=True, received_on__isnull=False, received_on__lte=changed[-1]
    ).select_related("agency")
    days = "、".join(documents.d(x) for x in changed[:5]) + ("等" if len(changed) > 5 else "")
    for case in open_cases.iterator():
        old = case.due_date
        if case.agency_id not in calendars:
            calendars[case.agency_id] = clock.get_calendar(case.agency)
        with transaction.atomic():
            clock.refresh(case, calendar=calendars[case.agency_id])
            if case.due_date != old:
                moved += 1
                text = (
                    f"因工作日历变更，答复期限由{documents.d(old) or '未定'}调整为{documents.d(case.due_date) or '未定'}"
                    f"（变更的日期：{days}）。"
                )
                _event(case, EventKind.DEADLINE_RECOMPUTED, today(), None, text, old=old and old.isoformat(),
                       new=case.due_date and case.due_date.isoformat())
                record_event(None, "case.deadline_recomputed", case, details={"old": old, "new": case.due_date, "dates": changed[:20]})
    return moved


# -- documents ----------------------------------------------------------------------------------


def _remedy(case: Application, outcome: Outcome) -> str:
    try:
        return remedy_clause(
            outcome, case.agency.default_review_body(), case.agency.court,
            partial_requires_review_first=settings.GONGKAI_LAW.get("PARTIAL_REQUIRES_REVIEW_FIRST", True),
        )
    except ValueError as exc:
        raise CaseError(str(exc)) from None


def template_for(agency, key: str) -> tuple[str, str]:
    row = DocumentTemplate.objects.filter(agency=agency, kind=key).first()
    if row is not None:
        return row.title, row.body
    return documents.DEFAULT_TEMPLATES[key]


def document_number(agency, year: int, seq: int) -> str:
    prefix = agency.doc_prefix or f"{agency.display_name}公开"
    return f"{prefix}〔{year}〕第{seq}号"


def base_context(case: Application, on: dt.date) -> dict:
    agency = case.agency
    corrected = _event_of(case, EventKind.CORRECTION_RECEIVED)
    requested = _event_of(case, EventKind.CORRECTION_REQUESTED)
    extended = _event_of(case, EventKind.EXTENSION_APPROVED)
    reasons = _event_of(case, EventKind.REASONS_REQUESTED)
    fee = case.fees.exclude(sent_on=None).order_by("-id").first()
    summary = case.info_title + (f"（{case.info_doc_number}）" if case.info_doc_number else "")
    return {
        "agency_name": agency.name,
        "agency_phone": agency.phone,
        "agency_address": agency.address,
        "addressee": case.applicant_name,
        "case_number": case.number,
        "doc_date": documents.d(on),
        "received_on": documents.d(case.received_on),
        "channel": law_receipt.Channel(case.channel).label,
        "receipt_rule": law_receipt.receipt_rule(case.channel).split("：", 1)[-1],
        "request_summary": summary,
        "due_date": documents.d(case.due_date),
        "corrected_on": documents.d(corrected.on) if corrected else "",
        "correction_requested_on": documents.d(requested.on) if requested else "",
        "correction_deadline": documents.d(correction_deadline(case)),
        "extended_on": documents.d(extended.on) if extended else "",
        "reasons_requested_on": documents.d(reasons.on) if reasons else "",
        "fee_sent_on": documents.d(fee.sent_on) if fee else "",
        "fee_pay_due": documents.d(fee.pay_due) if fee else "",
    }


def reply_context(case: Application, reply: Reply) -> dict:
    out = Outcome(reply.outcome)
    files = "、".join(a.original_name for a in reply.files.all()) if reply.pk else ""
    return {
        "outcome": out.label,
        "outcome_ground": out.label.split("：", 1)[-1],
        "legal_basis": reply.legal_basis,
        "body": reply.body,
        "withheld": reply.withheld,
        "competent_agency": reply.competent_agency,
        "competent_contact": reply.competent_contact,
        "provide_form": ProvideForm(reply.provide_form).label if reply.provide_form else "",
        "delivery": Delivery(reply.delivery).label if reply.delivery else "",
        "files": files,
        "remedy": _remedy(case, out),
    }


def _issue(case: Application, key: str, actor, on: dt.date, *, addressee: str | None = None,
           addressee_email: str | None = None, reply: Reply | None = None, **extra) -> Document:
    """Render the agency's template for `key`, number it and freeze it as a Document."""
    title_tpl, body_tpl = template_for(case.agency, key)
    ctx = base_context(case, on)
    if reply is not None:
        ctx.update(reply_context(case, reply))
    ctx.update(extra)
    if addressee is not None:
        ctx["addressee"] = addressee
    year = on.year
    seq = _next_seq(case.agency, year, "document")
    ctx["doc_number"] = number = document_number(case.agency, year, seq)
    try:
        title = documents.render_text(title_tpl, ctx).strip() or documents.doc_kind_of(key).label
        body = documents.paragraphs(documents.render_text(body_tpl, ctx))
    except documents.TemplateError as exc:
        raise CaseError(f"文书模板「{documents.TEMPLATE_KEYS.get(key, key)}」无法使用：{exc}") from None
    doc = Document.objects.create(
        case=case, kind=documents.doc_kind_of(key), number=number, agency=case.agency, year=year, seq=seq,
        title=title[:200], addressee=ctx["addressee"][:100],
        addressee_email=case.email if addressee_email is None else addressee_email,
        body="\n".join(body), issued_on=on, issued_by=actor if _is_user(actor) else None,
    )
    _event(case, EventKind.DOCUMENT_ISSUED, on, actor, f"生成{doc.title}（{number}）。", document=doc.pk)
    return doc


# -- templates (administrators) -----------------------------------------------------------------


def save_template(agency, actor, key: str, *, title: str, body: str) -> DocumentTemplate:
    _require(actor, Perm.TEMPLATE_MANAGE, Application(agency=agency), "编辑文书模板")
    if key not in documents.TEMPLATE_KEYS:
        raise CaseError("未知的文书模板。")
    try:
        documents.check_template(title)
        documents.check_template(body)
        documents.render_text(body, documents.sample_context())
    except documents.TemplateError as exc:
        raise CaseError(str(exc), "body") from None
    with transaction.atomic():
        row, _ = DocumentTemplate.objects.update_or_create(
            agency=agency, kind=key, defaults={"title": title, "body": body, "updated_by": actor}
        )
        record_event(actor, "case.template_saved", row, agency=agency, details={"key": key})
    return row


def reset_template(agency, actor, key: str) -> None:
    _require(actor, Perm.TEMPLATE_MANAGE, Application(agency=agency), "编辑文书模板")
    with transaction.atomic():
        deleted, _ = DocumentTemplate.objects.filter(agency=agency, kind=key).delete()
        if deleted:
            record_event(actor, "case.template_reset", agency, details={"key": key})
