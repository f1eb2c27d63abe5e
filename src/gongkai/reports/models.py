"""The annual report workflow (条例 第四十九条–第五十一条).

An `AnnualReport` is one agency's report for one year: the computed tables in the JSON interchange
of `core.report.schema.Report.to_json`, the sections staff write (一, 五, 六's text), the validator's
findings, and the workflow: draft → submitted to the 主管部门 → returned with comments / approved →
published (第四十九条). Reports of years before the agency used gongkai are imported from their
published documents (origin = imported) so that the cross-year checks (Y1) have last year's figures.

`gongkai.yearlocks.YearLock` freezes an agency-year once its report is submitted; only the supervisor unlocks it,
explicitly and audited (services.unlock_year).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models


class ReportKind(models.TextChoices):
    # 第四十九条第一款: 县级以上人民政府部门 → 1月31日 to the 主管部门
    DEPARTMENT = "department", "部门年度报告"
    # 第四十九条第二款: the 主管部门 publishes 本级政府's report by 3月31日
    GOVERNMENT = "government", "本级政府年度报告"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送主管部门"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已公开"
    IMPORTED = "imported", "往年报告（导入）"


class ReportOrigin(models.TextChoices):
    COMPUTED = "computed", "系统生成"
    IMPORTED = "imported", "导入已公开报告"


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def deadline_for(kind: str, year: int) -> date:
    """第四十九条: departments by 1月31日, the government's own report by 3月31日 of year + 1."""
    return date(year + 1, 3, 31) if kind == ReportKind.GOVERNMENT else date(year + 1, 1, 31)


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("报告类型", max_length=20, choices=ReportKind.choices, default=ReportKind.DEPARTMENT)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField("版本", default=0, editable=False)  # optimistic concurrency (gongkai.versioning)
    origin = models.CharField("来源", max_length=20, choices=ReportOrigin.choices, default=ReportOrigin.COMPUTED)
    # The tables (二, 三, 四) and the 六 fee facts: Report.to_json() of the computed/imported report.
    data = models.JSONField("报表数据", default=dict, blank=True)
    section1 = models.TextField("一、总体情况", blank=True)
    section5 = models.TextField("五、存在的主要问题及改进情况", blank=True)
    section6 = models.TextField("六、其他需要报告的事项", blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("提示数", default=0)
    # For a government report: the departments' reports aggregated into it, with their validation.
    contributions = models.JSONField("汇总来源", default=list, blank=True)
    # For an imported report: file name, hash, parser's notes (what it could not read).
    provenance = models.JSONField("来源说明", default=dict, blank=True)
    computed_at = models.DateTimeField("数据计算时间", null=True, blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="退回人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("审核通过时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="公开人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 条例第五十条: the published report is public information, listed in the 公开目录 (issue 13).
    catalog_item = models.OneToOneField(
        "catalog.CatalogItem", verbose_name="公开目录条目", null=True, blank=True, on_delete=models.PROTECT,
        related_name="annual_report",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="one_report_per_agency_year_kind"),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        # docs/law.md §2.2: 「{机关全称}{YYYY}年政府信息公开工作年度报告」 (observed practice, Q2)
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    def public_url(self) -> str:
        from django.urls import reverse

        return reverse("nianbao:detail", args=[self.agency.slug, self.year])

    @property
    def deadline(self) -> date:
        return deadline_for(self.kind, self.year)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def errors(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "error"]

    @property
    def warnings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") != "error"]


class PublishedFile(models.Model):
    """A rendering of a published report, stored as published (what the public downloads)."""

    FORMATS = (("html", "网页"), ("docx", "Word"), ("pdf", "PDF"), ("json", "JSON 数据"))

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField("格式", max_length=10, choices=FORMATS)
    content = models.BinaryField("内容")
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告文件"
        constraints = [models.UniqueConstraint(fields=["report", "fmt"], name="one_file_per_format")]

    def __str__(self) -> str:
        return f"{self.report} ({self.fmt})"

    @property
    def filename(self) -> str:
        return f"{self.report.agency.slug}-{self.report.year}-annual-report.{self.fmt}"


class ReportComment(models.Model):
    """The supervisor's comments when returning a report (and notes on unlocks)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("意见")
    action = models.CharField(max_length=20, default="return")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告审核意见"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class ReminderSent(models.Model):
    """One reminder about one report deadline; the unique constraint makes re-runs harmless."""

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("报告类型", max_length=20, choices=ReportKind.choices)
    stage = models.CharField("提醒", max_length=20, choices=[("due_soon", "即将到期"), ("overdue", "已逾期")])
    sent_on = models.DateField("发送日期")
    recipients = models.JSONField("收件人", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告提醒记录"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind", "stage"], name="one_reminder_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.kind} {self.stage}"


class AuditState(models.TextChoices):
    RUNNING = "running", "进行中"
    CANCELLED = "cancelled", "已取消"
    DONE = "done", "已完成"


class ItemState(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "解析中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"  # the worker gave up on it: time or memory limit, crash
    CANCELLED = "cancelled", "已取消"


class CheckOutcome(models.TextChoices):
    """The verdict on one report: `gongkai.core.report.validate.Verdict` (values and labels), stored."""

    CONSISTENT = "consistent", "一致"
    INCONSISTENT = "inconsistent", "有错误"
    UNREADABLE = "unreadable", "无法读取"
    UNDECIDABLE = "undecidable", "无法判定"


class ExternalAudit(models.Model):
    """A batch of published reports (of any agencies) parsed and checked by the supervising office.

    Each file is stored and checked by one background task (reports/tasks.py); the page follows the
    progress, and the batch can be cancelled and resumed (reports/batch.py)."""

    title = models.CharField("名称", max_length=100)
    government = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField("状态", max_length=20, choices=AuditState.choices, default=AuditState.DONE)
    total = models.PositiveIntegerField("文件数", default=0)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "外部年报审查"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ExternalAuditItem(models.Model):
    audit = models.ForeignKey(ExternalAudit, on_delete=models.CASCADE, related_name="items")
    filename = models.CharField("文件", max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    agency_name = models.CharField("机关", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    format_version = models.CharField(max_length=10, blank=True)
    data = models.JSONField(default=dict, blank=True)
    findings = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    missing = models.JSONField(default=list, blank=True)
    parse_error = models.TextField("无法解析的原因", blank=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    previous_label = models.CharField("对比的上年报告", max_length=200, blank=True)
    # normalise_label(agency_name): finds the same agency's other years without scanning the batch
    agency_key = models.CharField(max_length=200, blank=True, db_index=True)
    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.DONE)
    outcome = models.CharField("核对结果", max_length=20, choices=CheckOutcome.choices, blank=True)
    # Stored by batch.start_audit under its own name (the original name stays in `filename`).
    file = models.FileField("文件", upload_to="audits/", max_length=300, blank=True)
    size = models.PositiveBigIntegerField("大小", default=0)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agency_name", "year", "id"]
        indexes = [models.Index(fields=["audit", "state"]), models.Index(fields=["audit", "finished_at"])]

    def __str__(self) -> str:
        return self.filename
