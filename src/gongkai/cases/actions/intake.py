"""Receiving an application: online submission, registration by staff, receipt confirmation,
assigning a handler (条例第二十九条–第三十一条).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.services import record_event
from gongkai.core import codes
from gongkai.core.law import receipt as law_receipt

from ..documents.issuing import issue
from ..models import (
    Application,
    AttachmentRole,
    DocKind,
    Document,
    EventKind,
    Status,
)
from ..tracking import set_tracking_code
from .base import (
    CaseError,
    Done,
    Submitted,
    add_event,
    audit,
    case_service,
    check_on,
    is_user,
    lock,
    next_seq,
    refresh_clock,
    require,
    require_status,
    save_files,
    today,
)

# -- intake -------------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_kind", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email", "address",
    "postcode", "needs_assistance", "info_title", "info_doc_number", "info_description", "provide_form", "delivery",
)


def applicant_key(id_type: str, id_number: str) -> str:
    return f"{id_type}:{codes.normalise_code(id_number)}"


def _new_case(agency, data: dict, channel: str, submitted_at: dt.datetime, acting_user) -> tuple[Application, Submitted]:
    values = {k: data.get(k) for k in APPLICANT_FIELDS if k in data}
    values["id_number"] = codes.normalise_code(values.get("id_number", ""))
    for key in ("contact_person", "phone", "email", "address", "postcode", "info_doc_number", "info_description"):
        values[key] = values.get(key) or ""
    year = timezone.localtime(submitted_at).year
    case = Application(
        agency=agency, year=year, seq=next_seq(agency, year, "application"), channel=channel,
        submitted_at=submitted_at, applicant_key=applicant_key(values["id_type"], values["id_number"]),
        status=Status.PENDING, **values,
    )
    code, hint, pin = set_tracking_code(case)
    case.save()
    return case, Submitted(case, code, hint, pin)



def submit_online_application(agency, data: dict, files=(), *, acting_user=None, request=None) -> Submitted:
    """The public web form (第二十九条: 数据电文). It waits in 「待确认」 until staff confirm it, and the
    confirmation date is the receipt date (第三十一条第（三）项)."""
    if not agency.is_active:
        raise CaseError("该机关目前不接受网上申请。", "agency")
    with transaction.atomic():
        now = timezone.now()
        case, sub = _new_case(agency, data, law_receipt.Channel.ONLINE, now, acting_user)
        if is_user(acting_user) and not acting_user.is_staff_member:
            case.applicant_user = acting_user
            case.save(update_fields=["applicant_user"])
        save_files(case, files, AttachmentRole.APPLICATION, acting_user)
        add_event(case, EventKind.SUBMITTED, timezone.localdate(now), acting_user, "申请人通过网上申请平台提交申请，待工作人员确认。")
        record_event(acting_user, "case.submitted", case, details={"number": case.number, "channel": case.channel}, request=request)
    return sub


def register_application(
    agency,
    data: dict,
    *,
    acting_user, channel: str,
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
    require(acting_user, Perm.CASE_HANDLE, Application(agency=agency), "登记申请")
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
        case, sub = _new_case(agency, data, channel, at, acting_user)
        case.registered_by = acting_user
        case.intake_note = note
        case.save(update_fields=["registered_by", "intake_note"])
        save_files(case, files, AttachmentRole.APPLICATION, acting_user)
        how = law_receipt.Channel(channel).label
        oral = "（工作机构代为填写申请）" if channel == law_receipt.Channel.ORAL else ""
        add_event(case, EventKind.REGISTERED, submitted_on, acting_user, f"工作人员登记{how}申请{oral}。{note}".strip())
        audit(acting_user, "registered", case, channel=channel)
        if received_on:
            _receive(case, acting_user, received_on)
    return sub


def _receive(case: Application, acting_user, received_on: dt.date) -> Document:
    case.received_on = received_on
    case.status = Status.OPEN
    case.save(update_fields=["received_on", "status"])
    add_event(case, EventKind.RECEIVED, received_on, acting_user, law_receipt.receipt_rule(case.channel) + "。", channel=case.channel)
    refresh_clock(case)
    audit(acting_user, "received", case, received_on=received_on)
    return issue(case, DocKind.RECEIPT, received_on, acting_user=acting_user)


@case_service
def confirm_receipt(case: Application, confirmed_on: dt.date | None = None, *, acting_user, expected_version=None) -> Done:
    """第三十一条第（二）项后段、第（三）项: confirmation with the applicant fixes the receipt date."""
    require(acting_user, Perm.CASE_HANDLE, case, "确认收到申请")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.PENDING, action="确认收到")
        submitted_on = timezone.localtime(case.submitted_at).date()
        confirmed_on = check_on(case, confirmed_on, "确认日期", not_before=submitted_on)
        try:
            received_on = law_receipt.receipt_date(
                case.channel, submitted_on=submitted_on, signed_on=confirmed_on, confirmed_on=confirmed_on
            )
        except ValueError as exc:
            raise CaseError(str(exc)) from None
        doc = _receive(case, acting_user, received_on)
    return Done(case, doc)


@case_service
def assign_handler(case: Application, handler, *, acting_user, expected_version=None) -> Done:
    require(acting_user, Perm.CASE_HANDLE, case, "分配经办人")
    if handler is None or not handler.is_active or handler.agency_id != case.agency_id or not has_perm(
        handler, Perm.CASE_HANDLE, case.agency
    ):
        raise CaseError("经办人须为本机关具有办理权限的工作人员。", "handler")
    with transaction.atomic():
        case = lock(case, expected_version)
        if not case.is_open:
            raise CaseError("已办结的申请不能再分配经办人。")
        case.handler = handler
        case.save(update_fields=["handler"])
        add_event(case, EventKind.ASSIGNED, today(), acting_user, f"分配经办人：{handler}。", handler=handler.pk)
        audit(acting_user, "assigned", case, handler=handler.pk)
    return Done(case)

