"""依申请公开 cases (条例 第二十七条–第四十五条) as an aggregate with typed events.

`Application` is the aggregate root. Its clock-relevant history is a list of `CaseEvent`s
(the statutory clock's input, `gongkai.core.law.clock.compute_clock`, and the timeline shown to
staff). The clock result is denormalised onto the case (`due_date`, `clock_state`) for fast inbox
sorting; the services recompute it after every event and when the working-day calendar changes.
「正常 / 即将到期 / 已逾期 / 暂停」 are derived from those stored clock values and today's date,
never typed in.

Every state change goes through a service in `gongkai.cases.actions`; model methods hold only invariants and
derived values.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models

from gongkai.core import codes, wording
from gongkai.core.law.fees import FeeMethod
from gongkai.core.law.receipt import CONSULTATION_CHANNELS, Channel, consultation_receipt
from gongkai.core.vocabulary import ApplicantKind, ConsultationKind, Outcome, choices

# -- choices ----------------------------------------------------------------------------------


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    HK_MACAU = "hk_macau", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    OTHER = "other", "其他证明文件"


class ProvideForm(models.TextChoices):
    """形式要求 (第二十九条第二款第（三）项, 第四十条)."""

    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘/存储介质"
    INSPECT = "inspect", "自行领取/查阅"


class Delivery(models.TextChoices):
    """获取信息的途径. 邮寄 goes through a postal enterprise (国办公开办函〔2016〕235号)."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查询"


class Status(models.TextChoices):
    """The workflow stage (第四十五条: 登记、审核、办理、答复、归档). Not the clock state."""

    PENDING = "pending", "待确认"
    OPEN = "open", "办理中"
    CORRECTION = "correction", "待补正"
    REASONS = "reasons", "待说明理由"
    REVIEW = "review", "答复待审核"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已终止"
    ARCHIVED = "archived", "已归档"


FAR_FUTURE = dt.date(9999, 12, 31)
OPEN_STATUSES = (Status.PENDING, Status.OPEN, Status.CORRECTION, Status.REASONS, Status.REVIEW)
DONE_STATUSES = (Status.REPLIED, Status.CLOSED, Status.ARCHIVED)



class EventKind(models.TextChoices):
    """Every kind of case event, with its two texts side by side:

        KIND = "key", "what the applicant sees on the tracking page", "the staff timeline label"
        KIND = "key", "the staff timeline label"          # not shown to the applicant

    The tracking page (`cases.views.public.public_progress`) shows exactly the kinds with a public text:
    no personal data and no internal steps (assignment, drafts, held documents, recomputations)."""

    def __new__(cls, value: str, public: str | None = None):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.public = public
        return obj

    public: str | None

    # clock events (the law engine's input)
    RECEIVED = "received", "收到申请", "收到申请"
    CORRECTION_REQUESTED = "correction_requested", "告知补正", "发出补正告知"
    CORRECTION_RECEIVED = "correction_received", "收到补正", "收到补正"
    CORRECTION_SUBMITTED = "correction_submitted", "在线提交补正（待确认）", "申请人在线提交补正"
    CORRECTION_EXPIRED = "correction_expired", "逾期未补正，终止处理", "逾期未补正"
    CONSULTATION_SENT = "consultation_sent", "征求意见（期间不计入答复期限）", "发出征求意见"
    CONSULTATION_RECEIVED = "consultation_received", "对方收到征求意见书"
    CONSULTATION_ANSWERED = "consultation_answered", "征求意见结束", "收到意见"
    CONSULTATION_EXPIRED = "consultation_expired", "征求意见结束", "征求意见逾期未答复"
    EXTENSION_APPROVED = "extension_approved", "延期答复", "延期答复已批准"
    FEE_NOTICE_SENT = "fee_notice_sent", "发出收费通知", "发出收费通知"
    FEE_PAID = "fee_paid", "已缴费", "已缴费"
    FEE_EXPIRED = "fee_expired", "逾期未缴费，终止处理", "逾期未缴费"
    CUSTOM_DEADLINE_SET = "custom_deadline_set", "确定延迟答复期限", "确定延迟答复期限"
    REPLIED = "replied", "已答复", "已答复"
    WITHDRAWN = "withdrawn", "撤回申请", "申请人撤回"
    CLOSED = "closed", "终止"
    # other timeline entries
    SUBMITTED = "submitted", "提交申请", "提交申请"
    REGISTERED = "registered", "登记申请", "登记申请"
    ASSIGNED = "assigned", "分配经办人"
    REASONS_REQUESTED = "reasons_requested", "要求说明理由", "要求说明理由"
    REASONS_RECEIVED = "reasons_received", "收到理由说明"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENSION_REJECTED = "extension_rejected", "延期未获批准"
    FEE_PROPOSED = "fee_proposed", "拟收取信息处理费"
    FEE_APPROVED = "fee_approved", "收费已批准"
    REPLY_DRAFTED = "reply_drafted", "拟定答复"
    REPLY_RETURNED = "reply_returned", "答复退回修改"
    DOCUMENT_ISSUED = "document_issued", "生成文书"
    DOCUMENT_HELD = "document_held", "文书待出具"
    DOCUMENT_SUPERSEDED = "document_superseded", "文书作废并重新出具"
    DOCUMENT_SERVED = "document_served", "文书送达", "文书送达"
    DEADLINE_RECOMPUTED = "deadline_recomputed", "期限重算"
    ARCHIVED = "archived", "归档", "归档"


CLOCK_EVENT_KINDS = frozenset(
    {
        EventKind.RECEIVED, EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED,
        EventKind.CORRECTION_EXPIRED, EventKind.CONSULTATION_SENT, EventKind.CONSULTATION_RECEIVED,
        EventKind.CONSULTATION_ANSWERED,
        EventKind.CONSULTATION_EXPIRED, EventKind.EXTENSION_APPROVED, EventKind.FEE_NOTICE_SENT,
        EventKind.FEE_PAID, EventKind.FEE_EXPIRED, EventKind.CUSTOM_DEADLINE_SET, EventKind.REPLIED,
        EventKind.WITHDRAWN, EventKind.CLOSED,
    }
)


class DocKind(models.TextChoices):
    RECEIPT = "receipt", "政府信息公开申请受理回执"
    CORRECTION = "correction", "政府信息公开申请补正告知书"
    REASONS = "reasons", "政府信息公开申请说明理由告知书"
    EXTENSION = "extension", "政府信息公开申请延期答复告知书"
    CONSULT_THIRD = "consult_third", "政府信息公开第三方征求意见书"
    CONSULT_AGENCY = "consult_agency", "政府信息公开征求意见书（共同制作机关）"
    CONSULT_OTHER = "consult_other", "政府信息公开征求意见函（其他机关）"
    DISCLOSE_THIRD = "disclose_third", "政府信息依申请公开告知书（给第三方）"
    FEE_NOTICE = "fee_notice", "政府信息公开信息处理费收费通知书"
    DEADLINE = "deadline", "政府信息公开申请延迟答复告知书"
    REPLY = "reply", "政府信息公开申请答复书"


#: The notice each kind of consultation sends.
CONSULTATION_NOTICES: dict[ConsultationKind, str] = {
    ConsultationKind.THIRD_PARTY: DocKind.CONSULT_THIRD,
    ConsultationKind.CO_PRODUCER: DocKind.CONSULT_AGENCY,
    ConsultationKind.OTHER_AGENCY: DocKind.CONSULT_OTHER,
}

#: Documents addressed to the applicant (the `remind` command tells them a notice exists).
APPLICANT_DOC_KINDS = (
    DocKind.RECEIPT, DocKind.CORRECTION, DocKind.REASONS, DocKind.EXTENSION, DocKind.FEE_NOTICE,
    DocKind.DEADLINE, DocKind.REPLY,
)


#: How a 征求意见书 is delivered (`gongkai.core.law.receipt.CONSULTATION_CHANNELS`: presumed receipt by channel).
CONSULT_CHANNEL_CHOICES = [(key, label) for key, (label, _) in CONSULTATION_CHANNELS.items()]


class PartyKind(models.TextChoices):
    """Who the third party is (第三十二条), so its notices say 您 or 贵单位 (gongkai.core.wording)."""

    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或者其他组织"


class ConsultResult(models.TextChoices):
    AGREE = "agree", "同意公开"
    DISAGREE = "disagree", "不同意公开"
    NO_REPLY = "no_reply", "逾期未答复"


class FeeStatus(models.TextChoices):
    PROPOSED = "proposed", "待批准"
    APPROVED = "approved", "已批准"
    SENT = "sent", "已发出通知"
    PAID = "paid", "已缴费"
    EXPIRED = "expired", "逾期未缴"
    REJECTED = "rejected", "未批准"


class ApprovalStatus(models.TextChoices):
    REQUESTED = "requested", "待批准"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", "待审核"
    RETURNED = "returned", "退回修改"
    SENT = "sent", "已发出"


class AttachmentRole(models.TextChoices):
    APPLICATION = "application", "申请材料"
    CORRECTION = "correction", "补正材料"
    REPLY = "reply", "答复提供的信息"


# -- storage ----------------------------------------------------------------------------------


def private_root() -> Path:
    """Applicant files live outside MEDIA_ROOT/STATIC_ROOT; only a permission-checked view serves them."""
    return Path(getattr(settings, "CASE_FILES_ROOT", settings.VAR_DIR / "private" / "cases"))


def private_storage() -> FileSystemStorage:
    # These files have no public URL: `views.attachment` serves them after a permission check.
    return FileSystemStorage(location=private_root(), base_url="/nowhere/")


def _attachment_path(instance, filename: str) -> str:
    ext = Path(filename).suffix.lower()
    return f"{instance.case.agency_id}/{instance.case_id}/{secrets.token_hex(12)}{ext}"


# -- the aggregate ------------------------------------------------------------------------------


class Application(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    year = models.PositiveSmallIntegerField("编号年度")
    seq = models.PositiveIntegerField("年度流水号")
    # Only a hash is kept: the code is shown once to the applicant (≥ 80 bits, secrets.token).
    tracking_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Second factor for the public status page: last 4 phone digits, or a PIN when no phone was given.
    tracking_factor_hash = models.CharField(max_length=64, editable=False)
    tracking_factor_kind = models.CharField(max_length=10, default="phone", editable=False)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications",
        verbose_name="申请人账户",
    )

    # 第二十九条第二款第（一）项: 姓名或者名称、身份证明、联系方式
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=choices(ApplicantKind))
    applicant_name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    # Who the applicant is for 按件计收 (109号 第四条 「同一申请人」): the normalised identity document.
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    needs_assistance = models.BooleanField("需要阅读或视听方面的帮助（第四十三条）", default=False)

    # 第二十九条第二款第（二）项
    info_title = models.CharField("所需信息名称", max_length=300)
    info_doc_number = models.CharField("文号", max_length=100, blank=True)
    info_description = models.TextField("特征性描述", blank=True)
    # 第（三）项: 形式要求，包括获取信息的方式、途径
    provide_form = models.CharField("提供形式", max_length=10, choices=ProvideForm.choices)
    delivery = models.CharField("获取途径", max_length=10, choices=Delivery.choices)

    channel = models.CharField("申请渠道", max_length=20, choices=choices(Channel))
    submitted_at = models.DateTimeField("提交/收件时间")
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    intake_note = models.TextField("登记说明", blank=True)

    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    outcome = models.CharField("办理结果", max_length=30, choices=choices(Outcome), blank=True)
    decided_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="handled_cases",
        verbose_name="经办人",
    )

    # Denormalised clock result (recomputed by services and on calendar_changed).
    due_date = models.DateField("答复期限", null=True, blank=True)
    clock_state = models.CharField("计时状态", max_length=10, blank=True)
    clock_unknown_year = models.BooleanField(default=False)
    #: 「期限待定」: the due date lies in a year nobody entered; this estimate (core/law/provisional.py)
    #: drives sorting, states and reminders — never a document (docs/law.md).
    provisional_due = models.DateField("预计答复期限", null=True, blank=True)
    # Inbox keys: NULLs sort differently on SQLite and PostgreSQL, so the sort key is never NULL;
    # `in_progress` mirrors `status in OPEN_STATUSES` so the default inbox is one index range scan.
    sort_due = models.DateField(default=FAR_FUTURE, editable=False)
    in_progress = models.BooleanField(default=True, editable=False)

    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="case_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["replied", "closed", "archived"]) | ~models.Q(outcome=""),
                name="case_done_has_outcome",
            ),
        ]
        indexes = [
            # The inbox: one agency, sorted by due date (open cases first), paginated.
            models.Index(fields=["agency", "in_progress", "sort_due", "id"], name="case_inbox"),
            models.Index(fields=["agency", "sort_due", "id"], name="case_inbox_all"),
            models.Index(fields=["agency", "in_progress", "handler", "sort_due", "id"], name="case_handler_open"),
            models.Index(fields=["agency", "year", "sort_due", "id"], name="case_year"),
            models.Index(fields=["agency", "applicant_kind", "year", "sort_due", "id"], name="case_kind_year"),
            models.Index(fields=["agency", "received_on"], name="case_received"),
            models.Index(fields=["agency", "applicant_key", "received_on"], name="case_applicant_month"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.info_title[:30]}"

    def save(self, *args, **kwargs):
        self.in_progress = self.status in OPEN_STATUSES
        self.sort_due = self.due_date or self.provisional_due or FAR_FUTURE
        fields = kwargs.get("update_fields")
        if fields is not None:
            fields = set(fields)
            if "status" in fields:
                fields.add("in_progress")
            if "due_date" in fields or "provisional_due" in fields:
                fields.add("sort_due")
            kwargs["update_fields"] = fields
        super().save(*args, **kwargs)

    @property
    def number(self) -> str:
        """申请编号: 2026-0012 (per agency per year)."""
        return f"{self.year}-{self.seq:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def masked_id(self) -> str:
        return codes.mask_identity(self.id_number)

    @property
    def outcome_enum(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None


class CaseEvent(models.Model):
    """One typed event: the statutory clock's input and a timeline entry."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事件", max_length=30, choices=EventKind.choices)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    text = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理记录"
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["case", "on", "id"])]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def is_clock_event(self) -> bool:
        return self.kind in CLOCK_EVENT_KINDS


class Counter(models.Model):
    """Per agency, per year, per series sequence (申请编号, 文书编号). Allocated under a row lock."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "series"], name="counter_unique")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class Attachment(models.Model):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    role = models.CharField("用途", max_length=12, choices=AttachmentRole.choices, default=AttachmentRole.APPLICATION)
    file = models.FileField(storage=private_storage, upload_to=_attachment_path, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name


class Consultation(models.Model):
    """征求意见 (第三十二条 third party; 第三十四条 co-producing agency)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    ref = models.CharField(max_length=20)
    kind = models.CharField("类型", max_length=12, choices=choices(ConsultationKind))
    party_name = models.CharField("被征求意见方", max_length=100)
    # A third party's kind (第三十二条): 您 or 贵单位 in its 征求意见书 and 决定公开告知书; blank: not recorded
    # (older consultations) — the notice says 「贵方」, right for both.
    party_kind = models.CharField("第三方类型", max_length=12, choices=PartyKind.choices, blank=True)
    party_contact = models.CharField("联系方式/地址", max_length=200, blank=True)
    matter = models.TextField("征求意见的信息内容")
    sent_on = models.DateField("发出日期")
    channel = models.CharField("征求意见书送达方式", max_length=12, choices=CONSULT_CHANNEL_CHOICES, blank=True)
    # The day the other side received it, as recorded (at dispatch or later, e.g. from the postal 回执);
    # empty: presumed by channel (`receipt`), or unknown for post (docs/law.md §9.1).
    received_on = models.DateField("对方收到征求意见书日期", null=True, blank=True)
    due_on = models.DateField("答复截止日期", null=True, blank=True)
    answered_on = models.DateField("答复/截止日期", null=True, blank=True)
    result = models.CharField("意见", max_length=10, choices=ConsultResult.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    # 第三十二条: 不公开可能对公共利益造成重大影响的，可以决定予以公开，并书面告知第三方。
    public_interest_override = models.BooleanField("基于公共利益决定公开", default=False)
    override_reasons = models.TextField("决定公开的理由", blank=True)
    deemed_consent = models.BooleanField("视为同意公开（第三十四条）", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "征求意见"
        constraints = [models.UniqueConstraint(fields=["case", "ref"], name="consultation_ref_unique")]

    def __str__(self) -> str:
        return f"{self.party_name}（{self.get_kind_display()}）"

    @property
    def is_pending(self) -> bool:
        return not self.result

    @property
    def addressed_as(self) -> str:
        """How its notices address the other side: 您 / 贵单位 / 贵方 (third party), 贵机关 (agencies)."""
        if self.kind != ConsultationKind.THIRD_PARTY:
            return "贵机关"
        return wording.addressed_as(self.party_kind == PartyKind.PERSON if self.party_kind else None)

    def receipt(self) -> tuple[dt.date | None, str]:
        """(the other side's receipt day or None, how it is known): recorded, or presumed by channel."""
        return consultation_receipt(self.sent_on, self.channel, self.received_on)

    @property
    def receipt_text(self) -> str:
        """「邮寄，对方收到之日尚未登记」 / 「电子邮件，推定对方当日收到：2026-03-05」 for the case page."""
        if self.kind == ConsultationKind.OTHER_AGENCY:
            return "条例未规定答复期限，暂停至收到意见之日（第三十三条第三款）"
        day, _ = self.receipt()
        if not self.channel and self.received_on is None:
            return f"送达方式未登记，按发出之日（{day.isoformat()}）计算"
        channel = self.get_channel_display() if self.channel else "送达方式未登记"
        if day is None:
            return f"{channel}，对方收到之日尚未登记（15个工作日自对方收到之日起计算）"
        if self.received_on is not None:
            return f"{channel}，对方于{day.isoformat()}收到"
        return f"{channel}，推定对方当日（{day.isoformat()}）收到"


class FeeNotice(models.Model):
    """信息处理费 (第四十二条, 国办函〔2020〕109号)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fees")
    method = models.CharField(
        "计收方式", max_length=12, choices=[(m.value, m.label) for m in FeeMethod if m is not FeeMethod.NONE]
    )
    ordinal = models.PositiveIntegerField("本月第几件", null=True, blank=True)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    amount_yuan = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    lines = models.JSONField("计算过程", default=list, blank=True)
    reason = models.TextField("收费理由（数量、频次明显超过合理范围）")
    status = models.CharField("状态", max_length=10, choices=FeeStatus.choices, default=FeeStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField("通知发出日期", null=True, blank=True)
    notice_received_on = models.DateField("申请人收到通知日期", null=True, blank=True)
    pay_due = models.DateField("缴费截止日期", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    paid_amount_yuan = models.DecimalField("实缴金额（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    expired_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息处理费"

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount_yuan} 元"


class Extension(models.Model):
    """延期答复 (第三十三条第二款): 负责人同意 + 告知申请人; ≤ 20 working days; once."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长工作日数")
    reason = models.TextField("延期理由")
    status = models.CharField(max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    new_due = models.DateField("延长后的答复期限", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "延期答复"
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="approved"), name="extension_once_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"延期{self.days}个工作日（{self.get_status_display()}）"


class Reply(models.Model):
    """答复 (第三十六条–第三十九条): exactly one outcome; a reviewer approves before it goes out."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="replies")
    outcome = models.CharField("答复类型", max_length=30, choices=choices(Outcome))
    legal_basis = models.CharField("法律依据", max_length=300)
    body = models.TextField("答复内容")
    withheld = models.TextField("不予公开的内容及理由", blank=True)
    competent_agency = models.CharField("负责公开的机关", max_length=100, blank=True)
    competent_contact = models.CharField("该机关联系方式", max_length=200, blank=True)
    provide_form = models.CharField("提供形式", max_length=10, choices=ProvideForm.choices, blank=True)
    delivery = models.CharField("送达方式", max_length=10, choices=Delivery.choices, blank=True)
    status = models.CharField(max_length=10, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review_note = models.TextField("审核意见", blank=True)
    sent_on = models.DateField("答复日期", null=True, blank=True)
    files = models.ManyToManyField(Attachment, blank=True, related_name="replies")

    class Meta:
        verbose_name = verbose_name_plural = "答复"
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="sent"), name="one_sent_reply"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}（{self.get_status_display()}）"


class DocumentTemplate(models.Model):
    """Per-agency editable template of a statutory notice (Django template syntax, fixed context)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="case_templates")
    kind = models.CharField("文书", max_length=20, choices=DocKind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文模板")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="template_once_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency}：{self.kind}"


class Document(models.Model):
    """An issued, numbered notice. The rendered text is frozen at issue time."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("文书", max_length=20, choices=DocKind.choices)
    number = models.CharField("文号", max_length=60)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    title = models.CharField("标题", max_length=200)
    addressee = models.CharField("送达对象", max_length=100)
    addressee_email = models.EmailField(blank=True)
    body = models.TextField("正文（HTML 转义后的段落，以换行分隔）")
    issued_on = models.DateField("日期")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: The notice's own values (JSON) besides the case's facts, so that it can be issued again.
    context = models.JSONField("文书数据", default=dict, blank=True)
    # 作废并重新出具: the old document is kept, marked, and points to its replacement.
    superseded_by = models.OneToOneField(
        "self", verbose_name="重新出具的文书", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    voided_on = models.DateField("作废日期", null=True, blank=True)
    void_reason = models.CharField("作废理由", max_length=300, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作废人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "文书"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "seq"], name="document_number_unique")]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class HeldNotice(models.Model):
    """「待出具」: a notice whose statutory date is not known yet (its year's 节假日安排 is not entered).

    The action that called for it is recorded as usual; the notice itself waits here and is issued
    once the calendar allows (services, on `calendar_changed`). `context` holds the notice's own
    values (JSON); the dates are computed again when it is issued (docs/law.md)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="held_notices")
    key = models.CharField("文书模板", max_length=30)
    kind = models.CharField("文书", max_length=20, choices=DocKind.choices)
    on = models.DateField("事由日期")
    context = models.JSONField("文书数据", default=dict, blank=True)
    addressee = models.CharField("送达对象", max_length=100, blank=True)
    addressee_email = models.EmailField(blank=True)
    reply = models.ForeignKey("Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    missing = models.JSONField("缺少的日期", default=list, blank=True)
    missing_year = models.PositiveSmallIntegerField("未录入的年份", null=True, blank=True)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.OneToOneField(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="held_as")
    issued_at = models.DateTimeField("出具时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待出具文书"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{'已出具' if self.document_id else '待出具'}）"

    @property
    def waiting(self) -> bool:
        return self.document_id is None


class ReminderSent(models.Model):
    """Each reminder once (the `remind` command is idempotent)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=60)  # e.g. the due date, or the document number
    recipient = models.CharField(max_length=254)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "提醒记录"
        constraints = [models.UniqueConstraint(fields=["case", "kind", "key"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class TrackingAttempt(models.Model):
    """Failed tracking-code look-ups per client address and per code (throttle against guessing)."""

    ip = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64, blank=True, db_index=True)  # services.tracking_hash of the code
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.ip} {self.at}"


class DeliveryChannel(models.TextChoices):
    """How a notice reaches its addressee (送达). Paper channels are legal facts recorded by staff
    (国办公开办函〔2016〕235号: 直接送达、邮寄送达 through a postal enterprise; docs/law.md 「送达」)."""

    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄送达"
    IN_PERSON = "in_person", "直接送达（当面签收）"
    LEFT = "left", "留置送达"


#: The paper channels staff record (送达 as a legal fact, docs/law.md §4.3).
PAPER_CHANNELS = (DeliveryChannel.POST, DeliveryChannel.IN_PERSON, DeliveryChannel.LEFT)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已送达"
    FAILED = "failed", "发送失败"


class DocumentDelivery(models.Model):
    """One delivery of an issued notice: an e-mail sent by the background task (with retries), or a
    paper delivery recorded by staff (邮寄单号 and 交邮日期; 签收日期 for 当面/留置)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField("送达方式", max_length=10, choices=DeliveryChannel.choices)
    recipient = models.CharField("送达对象/地址", max_length=254)
    status = models.CharField("状态", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    last_error = models.TextField("最近一次失败原因", blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attached = models.JSONField("随邮件附送的文件", default=list, blank=True)
    linked = models.JSONField("因超过大小上限改为下载的文件", default=list, blank=True)
    tracking_no = models.CharField("邮寄单号", max_length=60, blank=True)
    posted_on = models.DateField("交邮日期", null=True, blank=True)
    signed_on = models.DateField("签收日期", null=True, blank=True)
    signer = models.CharField("签收人", max_length=100, blank=True)
    witness = models.CharField("见证人", max_length=200, blank=True)
    note = models.CharField("备注（留置送达：拒收事由）", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书送达"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "channel"], name="delivery_status")]

    def __str__(self) -> str:
        return f"{self.document.number} {self.get_channel_display()}（{self.get_status_display()}）"

    @property
    def served_on(self):
        """The day the notice counts as served (送达日): see gongkai.cases.delivery.served_on."""
        from gongkai.cases.delivery import served_on

        return served_on(self)
