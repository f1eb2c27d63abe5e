"""The actions of a case, declared once: key, label, permission, form, service call and when the case's
state allows it. The case page offers `available(case, user)`; `views.staff.case_action` runs one.

To add an action, see docs/ARCHITECTURE.md 「How to add a case action」.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.permissions import Perm
from gongkai.core.vocabulary import ConsultationKind
from gongkai.workflow import Action, Registry

from . import applicant, forms
from .actions import closing, consultation, correction, extension, fees, intake, reasons, reply, serving
from .models import (
    APPLICANT_DOC_KINDS,
    PAPER_CHANNELS,
    Application,
    ApprovalStatus,
    EventKind,
    FeeStatus,
    Status,
)


@dataclass(frozen=True)
class Facts:
    """What the rules of `allowed` look at, read once per page."""

    status: str
    events: frozenset[str]  # EventKind values that happened
    extensions: frozenset[str]  # ApprovalStatus values of its extension requests
    fee: str | None  # status of the current (not rejected) fee, if any
    pending_consultation: bool
    pending_window_consultation: bool = False  # one with the 15 working days (第三十二条, 第三十四条)
    unserved: bool = False  # an issued notice/reply for the applicant without a recorded paper delivery

    @classmethod
    def of(cls, case: Application, *, events=None, extensions=None, fees=None, consultations=None,
           documents=None) -> Facts:
        """Read from the database, or from rows the caller has loaded already (the case page shows them)."""
        if fees is None:
            fee = case.fees.exclude(status=FeeStatus.REJECTED).order_by("-id").first()
        else:
            fee = max((f for f in fees if f.status != FeeStatus.REJECTED), key=lambda f: f.pk, default=None)
        kinds = (e.kind for e in events) if events is not None else case.events.values_list("kind", flat=True)
        consults = list(case.consultations.all() if consultations is None else consultations)
        return cls(
            status=case.status,
            events=frozenset(kinds),
            extensions=frozenset(e.status for e in (case.extensions.all() if extensions is None else extensions)),
            fee=fee.status if fee else None,
            pending_consultation=any(c.is_pending for c in consults),
            pending_window_consultation=any(c.is_pending and c.kind != ConsultationKind.OTHER_AGENCY for c in consults),
            unserved=_unserved(case, documents),
        )

    def is_(self, *statuses: str) -> bool:
        return self.status in statuses

    @property
    def may_extend(self) -> bool:
        return not self.extensions & {ApprovalStatus.APPROVED, ApprovalStatus.REQUESTED}

    @property
    def extension_requested(self) -> bool:
        return ApprovalStatus.REQUESTED in self.extensions and self.is_(Status.OPEN, Status.REVIEW)


def _unserved(case: Application, documents=None) -> bool:
    """An issued, not voided notice/reply for the applicant without a recorded paper delivery (登记送达)."""
    if documents is None:
        return (case.documents.filter(kind__in=APPLICANT_DOC_KINDS, voided_on__isnull=True)
                .exclude(deliveries__channel__in=PAPER_CHANNELS).exists())
    return any(d.kind in APPLICANT_DOC_KINDS and not d.voided_on
               and not any(x.channel in PAPER_CHANNELS for x in d.deliveries.all()) for d in documents)


def _v(form) -> int:
    return form.cleaned_data["version"]


def _paid_fee_initial(case: Application) -> dict:
    fee = case.fees.filter(status=FeeStatus.SENT).first()
    return {"initial": {"amount_yuan": fee.amount_yuan}} if fee else {}


def _with_case(case: Application) -> dict:
    return {"case": case}


def _reply_preview(case: Application) -> dict:
    """The reviewer reads the exact 答复书 (PDF, 「预览 · 未出具」) before approving it."""
    draft = reply.draft_for_review(case)
    if draft is None:
        return {}
    return {"preview": {"url": reverse("cases:reply-preview", args=[case.pk]), "reply": draft,
                        "files": [a.original_name for a in draft.files.all()]}}


def _extension_preview(case: Application) -> dict:
    """The head sees the new due date, computed by the clock with its proof, before approving."""
    return {"preview": extension.preview_extension(case)}


def _correction_suggestion(case: Application) -> dict:
    """补正 suggests a default 补正期限 from the setting (第三十条 「合理的补正期限」; docs/law.md §9.5)."""
    suggested, note = correction.suggested_deadline(case, timezone.localdate())
    return {"suggested": suggested, "suggestion_note": note}


H, A, R = Perm.CASE_HANDLE, Perm.CASE_APPROVE, Perm.CASE_REVIEW
OPEN, PENDING, CORRECTION, REASONS, REVIEW = Status.OPEN, Status.PENDING, Status.CORRECTION, Status.REASONS, Status.REVIEW

# The order is the order the case page offers them in.
CASE_ACTIONS = Registry([
    Action("confirm", "确认收到申请", H, forms.OnDateForm,
           lambda c, f, *, acting_user: intake.confirm_receipt(
               c, f.cleaned_data["on"], acting_user=acting_user, expected_version=_v(f)),
           lambda s: s.is_(PENDING)),
    # One click: the applicant's online 补正 (tracking page) is received on the day staff confirm it.
    Action("correction_online", "确认申请人在线提交的补正", H, forms.VersionedForm,
           lambda c, f, *, acting_user: applicant.confirm_online_correction(
               c, acting_user=acting_user, expected_version=_v(f)),
           lambda s: s.is_(CORRECTION)),
    Action("correction_received", "登记收到补正", H, forms.CorrectionReceivedForm,
           lambda c, f, *, acting_user: correction.receive_correction(
               c, acting_user=acting_user, on=f.cleaned_data["on"], note=f.cleaned_data["note"],
               files=f.cleaned_data["files"], expected_version=_v(f)),
           lambda s: s.is_(CORRECTION)),
    Action("correction_expired", "逾期未补正（视为放弃）", H, forms.OnDateForm,
           lambda c, f, *, acting_user: correction.expire_correction(
               c, acting_user=acting_user, on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(CORRECTION)),
    Action("reasons_received", "登记理由说明", H, forms.ReasonsReceivedForm,
           lambda c, f, *, acting_user: reasons.record_reasons(
               c, acting_user=acting_user, text=f.cleaned_data["text"], on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(REASONS)),
    Action("custom_deadline", "确定延迟答复期限（第三十五条）", H, forms.CustomDeadlineForm,
           lambda c, f, *, acting_user: reasons.set_custom_deadline(
               c, acting_user=acting_user, due=f.cleaned_data["due"], reason=f.cleaned_data["reason"],
               on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(REASONS)),
    Action("approve_reply", "审核通过并发出答复", R, forms.ApproveReplyForm,
           lambda c, f, *, acting_user: reply.approve_reply(
               c, acting_user=acting_user, on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(REVIEW), form_kwargs=_reply_preview),
    Action("return_reply", "退回修改", R, forms.NoteForm,
           lambda c, f, *, acting_user: reply.return_reply(
               c, acting_user=acting_user, note=f.cleaned_data["note"], expected_version=_v(f)),
           lambda s: s.is_(REVIEW)),
    Action("assign", "分配经办人", H, forms.AssignForm,
           lambda c, f, *, acting_user: intake.assign_handler(
               c, f.cleaned_data["handler"], acting_user=acting_user, expected_version=_v(f)),
           lambda s: s.is_(PENDING, OPEN, CORRECTION), form_kwargs=_with_case),
    Action("correction", "补正告知", H, forms.CorrectionForm,
           lambda c, f, *, acting_user: correction.request_correction(
               c, acting_user=acting_user, items=f.item_list(), deadline=f.cleaned_data["deadline"],
               on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(OPEN) and EventKind.CORRECTION_REQUESTED not in s.events, form_kwargs=_correction_suggestion),
    Action("consult", "征求意见", H, forms.ConsultationForm,
           lambda c, f, *, acting_user: consultation.send_consultation(
               c, acting_user=acting_user, kind=f.cleaned_data["kind"], party_name=f.cleaned_data["party_name"],
               party_kind=f.cleaned_data["party_kind"], party_contact=f.cleaned_data["party_contact"], matter=f.cleaned_data["matter"],
               channel=f.cleaned_data["channel"], received_on=f.cleaned_data["received_on"],
               on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(OPEN)),
    # 第三十二条/第三十四条: the 15 working days run from the day recorded here (e.g. the postal 回执).
    Action("consult_received", "登记对方收到征求意见书日期", H, forms.ConsultationReceiptForm,
           lambda c, f, *, acting_user: consultation.record_consultation_receipt(
               c, acting_user=acting_user, ref=f.cleaned_data["ref"], received_on=f.cleaned_data["on"],
               expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.pending_window_consultation, form_kwargs=_with_case),
    Action("consult_answer", "登记征求意见结果", H, forms.ConsultationAnswerForm,
           lambda c, f, *, acting_user: consultation.record_consultation_answer(
               c, acting_user=acting_user, ref=f.cleaned_data["ref"], result=f.cleaned_data["result"],
               reasons=f.cleaned_data["reasons"], on=f.cleaned_data["on"],
               public_interest_override=f.cleaned_data["public_interest_override"],
               override_reasons=f.cleaned_data["override_reasons"], expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.pending_consultation, form_kwargs=_with_case),
    Action("extension", "申请延期答复", H, forms.ExtensionForm,
           lambda c, f, *, acting_user: extension.request_extension(
               c, acting_user=acting_user, days=f.cleaned_data["days"], reason=f.cleaned_data["reason"],
               expected_version=_v(f)),
           lambda s: s.is_(OPEN, REVIEW) and s.may_extend),
    Action("fee", "提出收费", H, forms.FeeForm,
           lambda c, f, *, acting_user: fees.propose_fee(
               c, acting_user=acting_user, method=f.cleaned_data["method"], reason=f.cleaned_data["reason"],
               pages=f.cleaned_data["pages"], expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.fee is None),
    Action("fee_approve", "批准收费", A, forms.VersionedForm,
           lambda c, f, *, acting_user: fees.approve_fee(c, acting_user=acting_user, approve=True, expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.fee == FeeStatus.PROPOSED),
    Action("fee_reject", "不批准收费", A, forms.VersionedForm,
           lambda c, f, *, acting_user: fees.approve_fee(c, acting_user=acting_user, approve=False, expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.fee == FeeStatus.PROPOSED),
    Action("fee_notice", "发出收费通知", H, forms.FeeNoticeForm,
           lambda c, f, *, acting_user: fees.send_fee_notice(
               c, acting_user=acting_user, on=f.cleaned_data["on"],
               notice_received_on=f.cleaned_data["notice_received_on"],
               payment_instructions=f.cleaned_data["payment_instructions"], expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.fee == FeeStatus.APPROVED),
    Action("fee_paid", "登记缴费", H, forms.FeePaymentForm,
           lambda c, f, *, acting_user: fees.record_fee_payment(
               c, acting_user=acting_user, amount_yuan=f.cleaned_data["amount_yuan"], on=f.cleaned_data["on"],
               expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.fee == FeeStatus.SENT, form_kwargs=_paid_fee_initial),
    Action("fee_expired", "逾期未缴费（视为放弃）", H, forms.OnDateForm,
           lambda c, f, *, acting_user: fees.expire_fee_notice(
               c, acting_user=acting_user, on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(OPEN) and s.fee == FeeStatus.SENT),
    Action("reasons", "要求说明理由（第三十五条）", H, forms.ReasonsForm,
           lambda c, f, *, acting_user: reasons.ask_for_reasons(
               c, acting_user=acting_user, text=f.cleaned_data["text"], deadline=f.cleaned_data["deadline"],
               on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.is_(OPEN)),
    Action("reply", "拟定答复", H, forms.ReplyForm,
           lambda c, f, *, acting_user: reply.draft_reply(
               c, acting_user=acting_user, **{k: f.cleaned_data[k] for k in (
                   "outcome", "body", "legal_basis", "withheld", "competent_agency", "competent_contact",
                   "provide_form", "delivery", "files")}, expected_version=_v(f)),
           lambda s: s.is_(REASONS) or (s.is_(OPEN) and not s.pending_consultation and s.fee in (None, FeeStatus.PAID))),
    Action("transfer", "告知非本机关负责公开", H, forms.TransferForm,
           lambda c, f, *, acting_user: reply.transfer(
               c, acting_user=acting_user, competent_agency=f.cleaned_data["competent_agency"],
               competent_contact=f.cleaned_data["competent_contact"], reasons=f.cleaned_data["reasons"],
               expected_version=_v(f)),
           lambda s: s.is_(OPEN) and not s.pending_consultation and s.fee in (None, FeeStatus.PAID)),
    Action("withdraw", "登记申请人撤回", H, forms.WithdrawForm,
           lambda c, f, *, acting_user: closing.withdraw_application(
               c, acting_user=acting_user, on=f.cleaned_data["on"], note=f.cleaned_data["note"], expected_version=_v(f)),
           lambda s: s.is_(PENDING, OPEN, CORRECTION, REASONS, REVIEW)),
    Action("extension_approve", "批准延期", A, forms.ExtensionApproveForm,
           lambda c, f, *, acting_user: extension.approve_extension(
               c, acting_user=acting_user, on=f.cleaned_data["on"], expected_version=_v(f)),
           lambda s: s.extension_requested, form_kwargs=_extension_preview),
    Action("extension_reject", "不批准延期", A, forms.NoteForm,
           lambda c, f, *, acting_user: extension.reject_extension(
               c, acting_user=acting_user, note=f.cleaned_data["note"], expected_version=_v(f)),
           lambda s: s.extension_requested),
    # 送达 as a legal fact (docs/law.md §4.3): 邮寄 / 直接 / 留置送达 of any issued notice or reply.
    Action("serve", "登记送达", H, forms.ServeForm,
           lambda c, f, *, acting_user: serving.record_paper_delivery(
               f.cleaned_data["document"], acting_user=acting_user, **{k: f.cleaned_data[k] for k in (
                   "channel", "tracking_no", "posted_on", "signed_on", "signer", "witness", "note")},
               expected_version=_v(f)),
           lambda s: s.unserved, form_kwargs=_with_case,
           done=lambda done: f"已登记送达：{done.obj.get_channel_display()}，送达日期{done.obj.served_on:%Y-%m-%d}。"),
    Action("archive", "归档", H, forms.VersionedForm,
           lambda c, f, *, acting_user: closing.archive_case(c, acting_user=acting_user, expected_version=_v(f)),
           lambda s: s.is_(Status.REPLIED, Status.CLOSED)),
])


def available(case: Application, user, facts: Facts | None = None) -> list[Action]:
    """The actions the case's state allows and `user` may take, in the order the page offers them."""
    return CASE_ACTIONS.available(case, user, facts or Facts.of(case))


def make_form(action: Action, case: Application, data=None, files=None):
    kwargs = {"prefix": action.key, "initial": {"version": case.version}}
    if action.form_kwargs:
        extra = action.form_kwargs(case)
        kwargs["initial"].update(extra.pop("initial", {}))
        kwargs.update(extra)
    return action.form(data, files, **kwargs) if data is not None else action.form(**kwargs)
