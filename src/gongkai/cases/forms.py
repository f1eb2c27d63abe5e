"""Forms of the case system. Every error message is Chinese; a bound form that fails re-renders with
everything the user typed (files cannot be kept by a browser: the page says so)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.captcha import CaptchaField, captcha_enabled
from gongkai.core import codes
from gongkai.core.law.fees import FeeMethod
from gongkai.core.law.receipt import Channel
from gongkai.core.vocabulary import ApplicantKind, ConsultationKind, Outcome, choices
from gongkai.forms import HoneypotField
from gongkai.uploads import APPLICANT, STAFF_REPLY, UploadPolicy, validate_uploads

from . import states, worklists
from .models import (
    APPLICANT_DOC_KINDS,
    CONSULT_CHANNEL_CHOICES,
    PAPER_CHANNELS,
    ConsultResult,
    Delivery,
    DeliveryChannel,
    Document,
    IdType,
    PartyKind,
    ProvideForm,
    Status,
)

# -- attachments (rules: gongkai.uploads, one policy per purpose) ------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several attachments, checked by content under an upload policy (APPLICANT unless told)."""

    def __init__(self, *args, policy: UploadPolicy = APPLICANT, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        self.policy = policy
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        validate_uploads(files, self.policy)
        return files


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True, **kw) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(),
        error_messages={"invalid": "请输入有效日期（年-月-日）。", "required": f"请填写{label}。"}, **kw,
    )


# -- the application ------------------------------------------------------------------------------

REQUIRED = "此项为必填项。"


class ApplicationForm(forms.Form):
    """第二十九条: 申请人的姓名或者名称、身份证明、联系方式; 所需信息的名称、文号或特征性描述; 形式要求."""

    agency = forms.ModelChoiceField(
        label="向哪个机关申请", queryset=Agency.objects.none(), empty_label="请选择机关",
        error_messages={"required": "请选择受理申请的机关。", "invalid_choice": "请选择列表中的机关。"},
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=choices(ApplicantKind), widget=forms.RadioSelect,
        initial=ApplicantKind.NATURAL_PERSON, error_messages={"required": "请选择申请人类型。"},
        help_text="自然人，或法人或其他组织（请选择组织类别）。",
    )
    applicant_name = forms.CharField(label="姓名或名称", max_length=100, error_messages={"required": "请填写申请人姓名或组织名称。"})
    id_type = forms.ChoiceField(label="身份证明类型", choices=IdType.choices, initial=IdType.ID_CARD)
    id_number = forms.CharField(
        label="证件号码", max_length=40, error_messages={"required": "请填写证件号码。"},
        help_text="居民身份证为18位；组织请填写18位统一社会信用代码。系统会核对校验位。",
    )
    contact_person = forms.CharField(label="联系人（组织申请时填写）", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False, help_text="查询办理进度时需要输入电话号码后四位。")
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址。"})
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字。"}
    )
    info_title = forms.CharField(
        label="所需政府信息的名称", max_length=300, error_messages={"required": "请填写所需政府信息的名称。"},
        help_text="如文件标题、事项名称。",
    )
    info_doc_number = forms.CharField(label="文号（如知道）", max_length=100, required=False)
    info_description = forms.CharField(
        label="便于查询的其他特征性描述", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="如信息的形成时间、制作机关、涉及的地点或项目，越具体越便于检索。",
    )
    provide_form = forms.ChoiceField(
        label="所需信息的提供形式", choices=ProvideForm.choices, widget=forms.RadioSelect, initial=ProvideForm.PAPER,
        error_messages={"required": "请选择提供形式。"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式", choices=Delivery.choices, widget=forms.RadioSelect, initial=Delivery.POST,
        error_messages={"required": "请选择获取方式。"},
    )
    needs_assistance = forms.BooleanField(
        label="我存在阅读困难或者视听障碍，需要工作人员提供帮助（第四十三条）", required=False,
    )
    attachments = MultipleFileField(
        label="附件（可选）",
        help_text=f"如身份证明复印件、授权委托书。最多{APPLICANT.max_files}个，每个不超过{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB；"
        "可上传 PDF、JPG、PNG、DOC、DOCX、OFD、TXT。",
    )

    #: A field people never see (hidden by CSS, skipped by keyboard and screen readers); bots fill it.
    website = HoneypotField()
    public = True  # the public form: honeypot, optional CAPTCHA, total upload quota (cases.public_limits)

    def __init__(self, *args, agency: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.SUBORDINATE).order_by("path")
        self.fields["agency"].queryset = qs
        self.fields["agency"].label_from_instance = lambda a: a.name
        if agency is not None:
            self.fields["agency"].initial = agency.pk
        if not self.public:
            del self.fields["website"]
        elif captcha_enabled():
            self.fields["captcha"] = CaptchaField()

    def clean_website(self):
        if self.cleaned_data.get("website"):  # a bot; a person (e.g. an autofill) just submits again
            self.data = self.data.copy()
            self.data["website"] = ""
            raise forms.ValidationError("")
        return ""

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        limit = int(settings.GONGKAI_LIMITS["APPLY_UPLOAD_TOTAL_MB"]) * 1024 * 1024
        total = sum(f.size for f in files)
        if self.public and limit and total > limit:
            raise forms.ValidationError(
                f"附件合计{total / 1024 / 1024:.1f} MB，超过了每件申请{limit // (1024 * 1024)} MB的上限。"
                "请删减或压缩附件；其他填写的内容已保留。"
            )
        return files

    def clean_id_number(self):
        return codes.normalise_code(self.cleaned_data["id_number"])

    def clean(self):
        data = super().clean()
        kind, id_type, number = data.get("applicant_kind"), data.get("id_type"), data.get("id_number")
        if kind and id_type and number:
            if kind == ApplicantKind.NATURAL_PERSON and id_type == IdType.USCC:
                self.add_error("id_type", "自然人请选择居民身份证、护照等个人身份证明。")
            elif kind and kind != ApplicantKind.NATURAL_PERSON and id_type not in (IdType.USCC, IdType.OTHER):
                self.add_error("id_type", "法人或其他组织请选择统一社会信用代码（没有的请选择“其他证明文件”）。")
            elif id_type == IdType.ID_CARD and (msg := codes.check_id_card(number)) or id_type == IdType.USCC and (msg := codes.check_uscc(number)):
                self.add_error("id_number", msg)
        if "website" in self.errors:
            self.add_error(None, "提交未成功，请核对后再次提交。")
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error("phone", "请至少填写一种联系方式（联系电话、电子邮箱或通信地址）。")
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择以电子邮件获取信息的，请填写电子邮箱。")
        if data.get("delivery") == Delivery.POST and not data.get("address"):
            self.add_error("address", "选择邮寄的，请填写通信地址。")
        if data.get("provide_form") == ProvideForm.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件形式的，请填写电子邮箱。")
        return data

    def application_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("agency", "attachments", "website", "captcha")}


class RegisterForm(ApplicationForm):
    """Staff register a paper, fax, oral or e-mail application (第三十一条 receipt rules)."""

    public = False

    channel = forms.ChoiceField(
        label="申请渠道", choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        error_messages={"required": "请选择申请渠道。"},
    )
    submitted_on = date_field("提交（收件）日期", initial=timezone.localdate)
    signed_on = date_field("签收日期（邮寄需签收的）", required=False)
    confirmed_on = date_field("与申请人确认日期（平常信函、传真、电子邮件）", required=False,
                              help_text="第三十一条：以双方确认之日为收到申请之日；尚未确认的可留空，稍后在案件页确认。")
    note = forms.CharField(label="登记说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["channel", "submitted_on", "signed_on", "confirmed_on"]

    def __init__(self, *args, agency: Agency | None = None, **kwargs):
        super().__init__(*args, agency=agency, **kwargs)
        del self.fields["agency"]  # staff register for their own agency
        self.fields["attachments"].label = "申请材料扫描件（可选）"

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.POST_SIGNED and not data.get("signed_on"):
            self.add_error("signed_on", "邮寄需签收的申请以签收之日为收到申请之日（第三十一条第（二）项），请填写签收日期。")
        return data


# -- tracking ------------------------------------------------------------------------------------


class TrackForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=40, error_messages={"required": "请输入查询码。"},
                           help_text="提交申请时显示的查询码，如 ABCD-EFGH-JKMN-PQRS-TVWX。")
    factor = forms.CharField(label="联系电话后四位或查询密码", max_length=10,
                             widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                             error_messages={"required": "请输入联系电话后四位（未留电话的输入查询密码）。"})


class OnlineCorrectionForm(forms.Form):
    """The applicant's answer to a 补正告知书, on the tracking page."""

    text = forms.CharField(label="补正内容", required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="逐项写明补正的内容；也可以只上传补正材料。")
    files = MultipleFileField(label="补正材料（可选）")


# -- staff actions -------------------------------------------------------------------------------


class VersionedForm(forms.Form):
    """Every action form carries the case version the page showed (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class OnDateForm(VersionedForm):
    on = date_field("日期", initial=timezone.localdate)


class PreviewForm(VersionedForm):
    """An action form that shows, above its fields, what the action would produce before it is taken
    (issue 12): `preview` comes from the action's module through the registry's `form_kwargs` and is
    rendered by `preview_template` (templates/forms/form.html includes it)."""

    preview_template = ""

    def __init__(self, *args, preview=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview


class ApproveReplyForm(PreviewForm):
    preview_template = "cases/actions/reply_preview.html"
    # The 答复书's date. 国办公开办函〔2016〕235号: served on paper, the reply date is the 交邮之日 / 签收之日,
    # recorded afterwards with 「登记送达」 (actions/serving.py; docs/law.md §4.3).
    on = date_field("答复日期（答复书落款日期）", initial=timezone.localdate,
                    help_text="邮寄或当面送达的，送达后请在「登记送达」中记录交邮日期或签收日期，以该日期为答复日期。")


class ServeForm(VersionedForm):
    """登记送达 (actions/serving.py): which notice, how, and the dates that count (235号)."""

    document = forms.ModelChoiceField(label="送达的文书", queryset=None, empty_label=None,
                                      error_messages={"invalid_choice": "请选择本申请中尚未登记送达的文书。"})
    channel = forms.ChoiceField(label="送达方式", widget=forms.RadioSelect, choices=())
    tracking_no = forms.CharField(label="邮寄单号（邮寄送达）", max_length=60, required=False)
    posted_on = date_field("交邮日期（邮寄送达）", required=False,
                           help_text="邮寄送达以交邮之日为答复日期（国办公开办函〔2016〕235号）。")
    signed_on = date_field("签收日期（直接送达、留置送达为送达之日；邮寄的可在收到回执后填写）", required=False)
    signer = forms.CharField(label="签收人（直接送达）", max_length=100, required=False)
    witness = forms.CharField(label="见证人（留置送达）", max_length=200, required=False)
    note = forms.CharField(label="拒收事由（留置送达）", max_length=300, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(c.value, DeliveryChannel(c).label) for c in PAPER_CHANNELS]
        qs = Document.objects.none()
        if case is not None:
            qs = case.documents.filter(kind__in=APPLICANT_DOC_KINDS, voided_on__isnull=True).exclude(
                deliveries__channel__in=PAPER_CHANNELS).order_by("-id")
            first = worklists.unserved_documents().filter(case=case).order_by("-id").first()
            if first is not None:
                self.initial.setdefault("document", first.pk)
        self.fields["document"].queryset = qs
        self.fields["document"].label_from_instance = lambda doc: f"{doc.title}（{doc.number}，{doc.issued_on:%Y-%m-%d}）"


class ExtensionApproveForm(PreviewForm):
    preview_template = "cases/actions/extension_preview.html"
    on = date_field("批准日期", initial=timezone.localdate)


class ConfirmForm(VersionedForm):
    on = date_field("与申请人确认日期", initial=timezone.localdate)


class AssignForm(VersionedForm):
    handler = forms.ModelChoiceField(label="经办人", queryset=None, empty_label="请选择",
                                     error_messages={"required": "请选择经办人。"})

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.agencies.models import User

        agency = case.agency if case is not None else None
        self.fields["handler"].queryset = User.objects.filter(agency=agency, is_active=True, role_assignments__role="handler").distinct()


class CorrectionForm(VersionedForm):
    items = forms.CharField(label="需要补正的事项（每行一项）", widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": "请填写需要补正的事项。"})
    deadline = date_field("补正期限")
    on = date_field("告知日期", initial=timezone.localdate)

    def __init__(self, *args, suggested=None, suggestion_note: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The default 补正期限 (cases.actions.correction.suggested_deadline, docs/law.md §9.5).
        if suggested is not None:
            self.fields["deadline"].initial = suggested
        if suggestion_note:
            self.fields["deadline"].help_text = suggestion_note

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class CorrectionReceivedForm(VersionedForm):
    on = date_field("收到补正日期", initial=timezone.localdate)
    note = forms.CharField(label="补正内容摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label="补正材料（可选）")


class ConsultationForm(VersionedForm):
    kind = forms.ChoiceField(label="征求意见对象", choices=choices(ConsultationKind))
    party_name = forms.CharField(label="第三方或机关名称", max_length=100)
    # 第三十二条: the 征求意见书 says 您 to a person and 贵单位 to an organisation.
    party_kind = forms.ChoiceField(
        label="第三方类型", required=False, choices=[("", "请选择"), *PartyKind.choices],
        help_text="征求第三方意见时填写：文书对自然人称「您」，对法人或者其他组织称「贵单位」；未填写的称「贵方」。",
    )
    party_contact = forms.CharField(label="联系方式/送达地址", max_length=200, required=False)
    matter = forms.CharField(label="涉及的信息内容", widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field("发出日期", initial=timezone.localdate)
    # 第三十二条/第三十四条: 15 working days from the other side's receipt (docs/law.md §9.1).
    channel = forms.ChoiceField(
        label="征求意见书送达方式", required=False, choices=[("", "请选择"), *CONSULT_CHANNEL_CHOICES],
        help_text="第三方和共同制作机关的15个工作日自其收到征求意见书之日起计算（第三十二条、第三十四条）："
                  "直接送达、电子邮件、网上平台、传真按发出当日收到计算；邮寄的，收到回执后登记签收日期。"
                  "征求其他机关意见的，条例未规定期限（第三十三条第三款），可不填。",
    )
    received_on = date_field("对方收到日期（已知时填写，如当面签收）", required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and ConsultationKind(kind).has_window and not data.get("channel"):
            self.add_error("channel", "请选择征求意见书的送达方式：对方的15个工作日自其收到之日起计算（第三十二条、第三十四条）。")
        return data


class ConsultationReceiptForm(VersionedForm):
    ref = forms.ChoiceField(label="征求意见", choices=())
    on = date_field("对方收到征求意见书日期（以邮件回执、签收单为准）")

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["ref"].choices = [
                (c.ref, f"{c.party_name}（{c.get_kind_display()}，{c.sent_on:%Y-%m-%d}发出；{c.receipt_text}）")
                for c in case.consultations.filter(result="").exclude(kind=ConsultationKind.OTHER_AGENCY)
            ]


class ConsultationAnswerForm(VersionedForm):
    ref = forms.ChoiceField(label="征求意见", choices=())
    result = forms.ChoiceField(label="意见", choices=ConsultResult.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label="对方理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    public_interest_override = forms.BooleanField(label="认为不公开可能对公共利益造成重大影响，决定予以公开（第三十二条）", required=False)
    override_reasons = forms.CharField(label="决定公开的理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field("收到意见日期（逾期未答复的填登记日期）", initial=timezone.localdate)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["ref"].choices = [
                (c.ref, f"{c.party_name}（{c.get_kind_display()}，{c.sent_on:%Y-%m-%d}发出）")
                for c in case.consultations.filter(result="")
            ]


class ExtensionForm(VersionedForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20,
                              error_messages={"max_value": "延长的期限最长不得超过20个工作日（第三十三条第二款）。",
                                              "min_value": "延长天数至少为1个工作日。"})
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class FeeForm(VersionedForm):
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, m.label) for m in FeeMethod if m is not FeeMethod.NONE])
    pages = forms.IntegerField(label="页数（按量计收）", min_value=1, required=False)
    reason = forms.CharField(label="收费理由（申请数量、频次明显超过合理范围的情况）", widget=forms.Textarea(attrs={"rows": 2}))


class FeeNoticeForm(VersionedForm):
    on = date_field("发出日期", initial=timezone.localdate)
    notice_received_on = date_field("申请人收到通知日期（已知时填写）", required=False)
    payment_instructions = forms.CharField(label="缴纳方式", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FeePaymentForm(VersionedForm):
    amount_yuan = forms.DecimalField(label="实缴金额（元）", min_value=0.01, decimal_places=2, max_digits=10)
    on = date_field("缴费日期", initial=timezone.localdate)


class ReasonsForm(VersionedForm):
    text = forms.CharField(label="申请数量、频次明显超过合理范围的情况", widget=forms.Textarea(attrs={"rows": 3}))
    deadline = date_field("说明理由期限")
    on = date_field("告知日期", initial=timezone.localdate)


class ReasonsReceivedForm(VersionedForm):
    text = forms.CharField(label="申请人说明的理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field("收到日期", initial=timezone.localdate)


class CustomDeadlineForm(VersionedForm):
    due = date_field("延迟答复的期限")
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field("告知日期", initial=timezone.localdate)


class ReplyForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="答复类型", choices=[("", "请选择")] + [c for c in choices(Outcome) if c[0] not in ("abandoned_no_correction", "abandoned_no_fee", "other")],
        error_messages={"required": "请选择一种答复类型。"},
    )
    body = forms.CharField(label="答复正文（决定、理由、获取方式或检索情况）", widget=forms.Textarea(attrs={"rows": 5}))
    withheld = forms.CharField(label="不予公开的内容及理由（部分公开时必填）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label="法律依据（留空按答复类型自动填写）", required=False, max_length=300)
    competent_agency = forms.CharField(label="负责公开的机关（不属于本机关负责公开时）", required=False, max_length=100)
    competent_contact = forms.CharField(label="该机关联系方式", required=False, max_length=200)
    provide_form = forms.ChoiceField(label="提供形式", choices=[("", "按申请人要求")] + ProvideForm.choices, required=False)
    delivery = forms.ChoiceField(label="送达方式", choices=[("", "按申请人要求")] + Delivery.choices, required=False)
    files = MultipleFileField(label="提供的信息文件（可选）", policy=STAFF_REPLY)


class TransferForm(VersionedForm):
    competent_agency = forms.CharField(label="负责公开该信息的机关", max_length=100)
    competent_contact = forms.CharField(label="该机关联系方式", max_length=200, required=False)
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(VersionedForm):
    note = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class WithdrawForm(VersionedForm):
    on = date_field("撤回日期", initial=timezone.localdate)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="正文模板", widget=forms.Textarea(attrs={"rows": 18}))


# -- inbox filters ------------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    SCOPE_CHOICES = [("open", "办理中"), ("all", "全部"), ("done", "已办结")]
    scope = forms.ChoiceField(label="范围", choices=SCOPE_CHOICES, required=False)
    state = forms.ChoiceField(
        label="期限状态", required=False,
        choices=[("", "全部")] + [(s.key, s.label) for s in states.STATES if s.filterable],
    )
    work = forms.ChoiceField(
        label="待办", required=False, choices=[("", "全部")] + [(w.key, w.label) for w in worklists.WORK],
    )
    status = forms.ChoiceField(label="办理状态", required=False, choices=[("", "全部")] + Status.choices)
    handler = forms.ChoiceField(label="经办人", required=False)
    outcome = forms.ChoiceField(label="办理结果", required=False, choices=[("", "全部")] + choices(Outcome))
    kind = forms.ChoiceField(label="申请人类型", required=False, choices=[("", "全部")] + choices(ApplicantKind))
    year = forms.IntegerField(label="年度", required=False, min_value=2008, max_value=2100,
                              error_messages={"invalid": "年度应为4位数字。", "min_value": "年度不早于2008年。",
                                              "max_value": "年度不正确。"})
    q = forms.CharField(label="搜索", required=False, max_length=100, help_text="申请编号、申请人、信息名称")

    def __init__(self, *args, handlers=None, **kwargs):
        """`handlers`: the 「经办人」 choices, from `handler_choices`."""
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = handlers if handlers is not None else self.handler_choices(())

    @staticmethod
    def handler_choices(handlers) -> list[tuple[str, str]]:
        """The 「经办人」 choices for (pk, name) pairs: all, unassigned, then each handler."""
        return [("", "全部"), ("none", "未分配")] + [(str(pk), name) for pk, name in handlers]


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
