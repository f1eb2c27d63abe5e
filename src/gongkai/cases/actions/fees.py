"""信息处理费 (条例第四十二条, 国办函〔2020〕109号).

"Same applicant" for 按件计收 (109号 第四条 「同一申请人一个自然月内累计申请」) is identified by the
identity document: type + normalised number (`Application.applicant_key`). All applications that
applicant made to this agency and that were received in the same calendar month count, whatever
their outcome (docs/law.md Q12 is open; counting all is what the 109号 text says literally).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.core.law import fees as law_fees
from gongkai.core.vocabulary import Outcome

from ..documents.issuing import issue
from ..documents.templates import d
from ..models import (
    Application,
    DocKind,
    EventKind,
    FeeNotice,
    FeeStatus,
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
from .closing import close_case


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
    case: Application, *, acting_user, method: str, reason: str, pages: int | None = None, expected_version=None
) -> Done:
    """The handler proposes a fee; the law engine computes it; the head approves (approve_fee)."""
    require(acting_user, Perm.CASE_HANDLE, case, "提出收费")
    if not reason.strip():
        raise CaseError("收费的前提是申请数量、频次明显超过合理范围（第四十二条），请写明理由。", "reason")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, action="提出收费")
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
            lines=list(calc.lines), reason=reason.strip(), proposed_by=acting_user,
        )
        add_event(case, EventKind.FEE_PROPOSED, today(), acting_user, f"拟按{fee.get_method_display()}收取信息处理费{calc.amount_yuan}元，待负责人批准。",
               amount=calc.amount_yuan)
        audit(acting_user, "fee_proposed", case, method=method, amount=calc.amount_yuan)
    return Done(case, obj=fee)


def _current_fee(case: Application, *statuses) -> FeeNotice | None:
    return case.fees.filter(status__in=statuses).order_by("-id").first()


@case_service
def approve_fee(case: Application, *, acting_user, approve: bool = True, expected_version=None) -> Done:
    require(acting_user, Perm.CASE_APPROVE, case, "批准收费（须负责人）")
    with transaction.atomic():
        case = lock(case, expected_version)
        fee = _current_fee(case, FeeStatus.PROPOSED)
        if fee is None:
            raise CaseError("没有待批准的收费。")
        fee.status = FeeStatus.APPROVED if approve else FeeStatus.REJECTED
        fee.approved_by = acting_user
        fee.approved_on = today()
        fee.save()
        text = "负责人批准收取信息处理费。" if approve else "负责人未批准收费。"
        add_event(case, EventKind.FEE_APPROVED, today(), acting_user, text, approved=approve)
        audit(acting_user, "fee_approved" if approve else "fee_rejected", case, amount=fee.amount_yuan)
    return Done(case, obj=fee)


@case_service
def send_fee_notice(
    case: Application, *, acting_user, on: dt.date | None = None, notice_received_on: dt.date | None = None,
    payment_instructions: str = "", expected_version=None,
) -> Done:
    """收费通知书: pay within 20 working days from the day after the applicant receives it (docs/law.md §3.2).

    When the receipt date is not known (e.g. a letter in the post), the sending date is used; staff can
    give the actual date of receipt for notices delivered later.
    """
    require(acting_user, Perm.CASE_HANDLE, case, "发出收费通知")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, action="发出收费通知")
        fee = _current_fee(case, FeeStatus.APPROVED)
        if fee is None:
            raise CaseError("收费须经负责人批准后才能发出收费通知。")
        on = check_on(case, on, "发出日期")
        if notice_received_on and notice_received_on < on:
            raise CaseError("申请人收到通知的日期不能早于发出日期。", "notice_received_on")
        warnings = []
        if case.due_date and on > case.due_date:  # 109号 as restated by 四川 (docs/law.md §3.2)
            warnings.append("收费通知应在申请处理期限内发出（国办函〔2020〕109号），本通知已超过答复期限。")
        ev = add_event(case, EventKind.FEE_NOTICE_SENT, on, acting_user, "",
                    received_on=notice_received_on.isoformat() if notice_received_on else None)
        warnings += refresh_clock(case)
        # 20 working days from the day after the applicant receives the notice: the law engine's count.
        fee.pay_due = case.clock_result.deadlines.get("fee_payment") if case.clock_result else None
        fee.status = FeeStatus.SENT
        fee.sent_on = on
        fee.notice_received_on = notice_received_on
        fee.save()
        ev.text = f"发出收费通知，金额{_yuan(fee.amount_yuan)}元" + (f"，缴费期限{d(fee.pay_due)}。" if fee.pay_due else "。")
        ev.save(update_fields=["text"])
        audit(acting_user, "fee_notice_sent", case, amount=fee.amount_yuan, pay_due=fee.pay_due)
        doc = issue(case, DocKind.FEE_NOTICE, on, acting_user=acting_user, fee_reason=fee.reason, fee_method=fee.get_method_display(),
                     fee_lines=list(fee.lines), fee_amount=_yuan(fee.amount_yuan),
                     payment_instructions=payment_instructions.strip() or "请按本机关告知的缴款方式缴入国库，本机关开具财政票据。")
    return Done(case, doc, obj=fee, warnings=warnings)


def _yuan(amount) -> str:
    amount = Decimal(amount)
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


@case_service
def record_fee_payment(
    case: Application, *, acting_user, amount_yuan, on: dt.date | None = None, expected_version=None
) -> Done:
    require(acting_user, Perm.CASE_HANDLE, case, "登记缴费")
    try:
        amount = Decimal(str(amount_yuan))
    except Exception:
        raise CaseError("缴费金额格式不正确。", "amount_yuan") from None
    if amount <= 0:
        raise CaseError("缴费金额须大于0。", "amount_yuan")
    with transaction.atomic():
        case = lock(case, expected_version)
        fee = _current_fee(case, FeeStatus.SENT)
        if fee is None:
            raise CaseError("没有待缴费的收费通知。")
        on = check_on(case, on, "缴费日期", not_before=fee.sent_on)
        warnings = []
        if amount != fee.amount_yuan:
            warnings.append(f"实缴金额（{_yuan(amount)}元）与通知金额（{_yuan(fee.amount_yuan)}元）不一致。")
        fee.status = FeeStatus.PAID
        fee.paid_on = on
        fee.paid_amount_yuan = amount
        fee.save()
        add_event(case, EventKind.FEE_PAID, on, acting_user, f"申请人缴纳信息处理费{_yuan(amount)}元。", amount=str(amount))
        warnings += refresh_clock(case)
        audit(acting_user, "fee_paid", case, amount=amount, on=on)
    return Done(case, obj=fee, warnings=warnings)


@case_service
def expire_fee_notice(case: Application, *, acting_user, on: dt.date | None = None, expected_version=None) -> Done:
    """逾期未缴费 → 视为放弃申请 (table 三 (六)2)."""
    require(acting_user, Perm.CASE_HANDLE, case, "登记逾期未缴费")
    with transaction.atomic():
        case = lock(case, expected_version)
        fee = _current_fee(case, FeeStatus.SENT)
        if fee is None:
            raise CaseError("没有待缴费的收费通知。")
        on = check_on(case, on, "日期")
        if fee.pay_due and on <= fee.pay_due:
            raise CaseError(f"缴费期限至{d(fee.pay_due)}，期限届满后才能视为放弃申请。")
        fee.status = FeeStatus.EXPIRED
        fee.expired_on = on
        fee.save()
        add_event(case, EventKind.FEE_EXPIRED, on, acting_user, "申请人逾期未缴纳信息处理费，视为放弃申请。")
        doc = close_case(case, Outcome.ABANDONED_NO_FEE, on, acting_user=acting_user)
    return Done(case, doc, obj=fee)

