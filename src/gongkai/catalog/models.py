"""The 政府信息公开目录 (主动公开, 条例 第十九条–第二十六条, 第十二条).

One `CatalogItem` per piece of proactively disclosed information, with the metadata of
docs/law.md §5.3 (recommended record). State changes go through `catalog.services`; the model only
derives values (plain text for the search index) and answers questions about itself.

Nothing is public unless `status == published` (`CatalogItem.objects.public()`): every public
surface (pages, search, feeds, API, sitemap, CSV) starts from that queryset.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai import publiccache
from gongkai.core.vocabulary import TABLE2_2021, DisclosureCategory, choices

from .sanitize import html_to_text
from .text import search_text_of

# Row labels of table 二 block 第二十条第（一）项 (规章, 行政规范性文件): the genres it counts.
_T2_DOC_ROWS = TABLE2_2021[0].rows


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待保密审查"
    APPROVED = "approved", "审查通过，待发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class Validity(models.TextChoices):
    """有效性 as printed on portals (docs/law.md §5.3)."""

    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修改"


class Genre(models.TextChoices):
    """体裁/文种. 规章 and 行政规范性文件 are the rows of table 二 (第二十条第（一）项)."""

    REGULATION = "regulation", _T2_DOC_ROWS[0]
    NORMATIVE = "normative", _T2_DOC_ROWS[1]
    DOCUMENT = "document", "其他文件"
    NOTICE = "notice", "通知公告"
    INTERPRETATION = "interpretation", "政策解读"
    PLAN = "plan", "规划计划"
    STATISTICS = "statistics", "统计信息"
    BUDGET = "budget", "财政预决算"
    PERMIT = "permit", "行政许可决定"
    PENALTY = "penalty", "行政处罚决定"
    COERCION = "coercion", "行政强制决定"
    ENFORCEMENT = "enforcement", "行政执法公示"
    FEE = "fee", "行政事业性收费"
    PROCUREMENT = "procurement", "政府采购"
    PERSONNEL = "personnel", "人事信息"
    EMERGENCY = "emergency", "应急管理"
    NEWS = "news", "工作动态"
    OTHER = "other", "其他"


#: Genres with a legal life (issue / amend / repeal) counted in table 二.
REGULATORY_GENRES = (Genre.REGULATION, Genre.NORMATIVE)

# 主题分类: gov.cn's guide divides information into 22 classes; the names below are recalled, not
# read (docs/law.md §5.3 marks them [U]), so they are a default list, not law.
SUBJECTS = (
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
)
SUBJECT_CHOICES = [(s, s) for s in SUBJECTS]


def inactive_agency_ids() -> list[int]:
    """Agencies whose items the public no longer sees; cached until an agency changes (gongkai.publiccache)."""
    from gongkai.agencies.models import Agency

    return publiccache.get_or_build(
        ("inactive-agencies",), lambda: list(Agency.objects.filter(is_active=False).values_list("pk", flat=True)))


class CatalogItemQuerySet(models.QuerySet):
    def public(self):
        """The only queryset public surfaces may start from: published items of active agencies.

        Inactive agencies are excluded by id rather than by a join, so that the database can walk
        the (status, 发布日期) index in order and stop after one page.
        """
        qs = self.filter(status=Status.PUBLISHED)
        inactive = inactive_agency_ids()
        return qs.exclude(agency_id__in=inactive) if inactive else qs

    def regulatory(self):
        return self.filter(genre__in=REGULATORY_GENRES)

    def valid_on(self, day: dt.date):
        """Documents in force at the end of `day`: issued by then and not yet ended."""
        issued = Q(written_on__lte=day) | Q(written_on__isnull=True, published_on__lte=day)
        ended = ~Q(validity=Validity.VALID) & (Q(validity_changed_on__isnull=True) | Q(validity_changed_on__lte=day))
        return self.filter(issued).exclude(ended)


class CatalogItem(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name="发布机关", on_delete=models.PROTECT, related_name="catalog_items")
    # 指引: 「索引号……是每条信息唯一不变的标识」; assigned at first publication (services.publish_item).
    index_no = models.CharField("索引号", max_length=40, unique=True, null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    doc_no = models.CharField("文号", max_length=100, blank=True, db_index=True)
    publisher = models.CharField("发布机构", max_length=100)
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    effective_on = models.DateField("实施日期", null=True, blank=True)
    subject = models.CharField("主题分类", max_length=40, choices=SUBJECT_CHOICES, default="综合政务")
    genre = models.CharField("体裁", max_length=20, choices=Genre.choices, default=Genre.DOCUMENT)
    category = models.CharField("公开类别（条例依据）", max_length=8, choices=choices(DisclosureCategory))
    disclosure_mode = models.CharField("公开方式", max_length=10, default="主动公开", editable=False)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField("失效/废止/修改日期", null=True, blank=True)
    validity_note = models.CharField("有效性说明", max_length=300, blank=True)
    body = models.TextField("正文", blank=True, help_text="保存时按白名单清理，脚本和事件属性会被移除。")
    keywords = models.CharField("关键词", max_length=200, blank=True)
    # Derived (save()): plain text of the body, and the short metadata searched alongside it.
    body_text = models.TextField(editable=False, default="")
    meta_text = models.TextField(editable=False, default="")
    # What the search indexes (migration 0005): title, meta_text and body_text folded (text.fold_for_search:
    # traditional → simplified, NFKC, ASCII lower case), one per line; no search term holds a line break.
    search_text = models.TextField(editable=False, default="")

    # 第二十六条: publish within 20 working days of the day the information was formed or changed.
    formed_on = models.DateField("信息形成或变更日期", default=dt.date.today)
    publish_due = models.DateField("应公开期限", null=True, blank=True)
    publish_due_note = models.CharField("期限说明", max_length=200, blank=True)

    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField("版本", default=0, editable=False)  # optimistic concurrency (gongkai.versioning)
    revision = models.PositiveIntegerField("版本", default=0)
    interprets = models.ManyToManyField(
        "self", verbose_name="解读的政策", symmetrical=False, blank=True, related_name="interpretations"
    )
    amends = models.ForeignKey(
        "self", verbose_name="修改的文件", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="起草人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="送审人"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="审查人"
    )
    reviewed_at = models.DateTimeField("审查时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="发布人"
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回理由", max_length=300, blank=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "主动公开信息"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_on", "-id"], name="catalog_pub_order"),
            models.Index(fields=["agency", "status", "-published_on", "-id"], name="catalog_agency_order"),
            models.Index(fields=["category", "status", "-published_on"], name="catalog_category_order"),
            models.Index(fields=["agency", "genre", "status"], name="catalog_agency_genre"),
            models.Index(fields=["status", "publish_due"], name="catalog_due"),
            # Covering indexes for the 目录 menus (counts per 公开类别 and 主题 of one agency).
            models.Index(fields=["agency", "status", "category"], name="catalog_agency_category"),
            models.Index(fields=["agency", "status", "subject"], name="catalog_agency_subject"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_text = html_to_text(self.body)
        self.meta_text = " ".join(p for p in (self.doc_no, self.index_no or "", self.keywords, self.summary) if p)
        self.search_text = search_text_of(self.title, self.meta_text, self.body_text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_text", "meta_text", "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_regulatory(self) -> bool:
        return self.genre in REGULATORY_GENRES

    @property
    def category_enum(self) -> DisclosureCategory | None:
        try:
            return DisclosureCategory(self.category)
        except ValueError:
            return None

    @property
    def year(self) -> int | None:
        return self.published_on.year if self.published_on else None

    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", " ").replace(",", " ").replace("；", " ").split() if k]

    def deadline_state(self, today: dt.date, due_soon_days: int, calendar=None) -> str:
        """「overdue」「due_soon」「ok」「late」 (published after the due day) or 「unknown」."""
        if self.publish_due is None:
            return "unknown"
        if self.status == Status.PUBLISHED or self.status == Status.WITHDRAWN:
            return "late" if self.published_on and self.published_on > self.publish_due else "ok"
        if today > self.publish_due:
            return "overdue"
        if calendar is not None:
            try:
                left = calendar.working_days_between(today, self.publish_due)
            except Exception:  # an unknown calendar year: the provisional calendar (docs/law.md §9.3)
                try:
                    left = calendar.provisional_extension(self.publish_due.year).working_days_between(
                        today, self.publish_due)
                except Exception:
                    left = (self.publish_due - today).days
        else:
            left = (self.publish_due - today).days
        return "due_soon" if left <= due_soon_days else "ok"


class IndexCounter(models.Model):
    """Last 流水号 per agency and year. Only ever incremented, so a number is never reused."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "索引号流水"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="index_counter_once")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class ItemRevision(models.Model):
    """Every saved state of an item (written by the services), viewable by staff."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("版本号")
    action = models.CharField("操作", max_length=40)
    note = models.CharField("说明", max_length=300, blank=True)
    snapshot = models.JSONField("内容")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息版本"
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="revision_once")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number} {self.action}"


class ReviewDecision(models.Model):
    """保密审查 result: approve, or reject with a reason."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="review_decisions")
    revision = models.PositiveIntegerField("审查的版本")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="审查人")
    approved = models.BooleanField("通过")
    reason = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "保密审查记录"
        ordering = ["item", "at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {'通过' if self.approved else '退回'}"


def attachment_path(instance, filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"catalog/{dt.date.today():%Y/%m}/{uuid.uuid4().hex}{ext}"


class Attachment(models.Model):
    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def extension(self) -> str:
        return os.path.splitext(self.name)[1].lower().lstrip(".")


class FigureKind(models.TextChoices):
    """Table 二 figures that are entered per year (docs/law.md §2.4); labels are the table's rows."""

    PERMIT = "permit", TABLE2_2021[1].rows[0]
    PENALTY = "penalty", TABLE2_2021[2].rows[0]
    COERCION = "coercion", TABLE2_2021[2].rows[1]
    FEE = "fee", TABLE2_2021[3].rows[0]


class YearlyFigure(models.Model):
    """行政许可/处罚/强制 decision counts and the 行政事业性收费 amount (万元) for one year."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("项目", max_length=10, choices=FigureKind.choices)
    value = models.DecimalField("数值", max_digits=14, decimal_places=4)
    note = models.CharField("说明", max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="填报人")
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度数据"
        ordering = ["agency", "-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="yearly_figure_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} {self.value}"


class ImportState(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "正在处理"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


#: A running import with no progress for this long lost its worker (importer.resume_import). Longer than
#: any step without a beat: reading the file in the sandbox (PARSE_WALL_SECONDS) and one batch of rows.
IMPORT_STALLED_AFTER = dt.timedelta(minutes=5)


class CatalogImport(models.Model):
    """One uploaded file of the bulk import (catalog.importer): stored, then checked and imported by
    one background task (catalog.tasks.run_catalog_import); the page follows its state.

    The run beats `progress_at` while it checks and after each committed batch of rows; `through_row`
    (the spreadsheet row of the last imported item) commits with that batch, so a run taking over
    imports only the rows after it."""

    MODES = (("dry_run", "仅检查，不导入"), ("all", "全部无误时导入"), ("good_only", "只导入无误的行"))

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    filename = models.CharField("文件名", max_length=255)
    file = models.FileField("文件", upload_to="catalog_imports/", max_length=300)
    mode = models.CharField("导入方式", max_length=20, choices=MODES)
    state = models.CharField("状态", max_length=20, choices=ImportState.choices, default=ImportState.PENDING)
    claim = models.CharField("处理标记", max_length=32, blank=True)  # the run that holds it (a run twice imports once)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    progress_at = models.DateTimeField("最近进展", default=timezone.now)
    through_row = models.PositiveIntegerField("已导入至行", default=0)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    rows = models.PositiveIntegerField("行数", default=0)
    good = models.PositiveIntegerField("无误行数", default=0)
    imported = models.PositiveIntegerField("已导入", default=0)
    errors = models.JSONField("各行问题", default=list, blank=True)  # [[row, column, message], …]
    file_error = models.TextField("文件问题", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "目录批量导入"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def active(self) -> bool:
        return self.state in (ImportState.PENDING, ImportState.RUNNING)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e[0] for e in self.errors})

    @staticmethod
    def stalled_before() -> dt.datetime:
        """A running import whose last progress is older than this lost its worker."""
        wall = dt.timedelta(seconds=settings.GONGKAI_PARSE_LIMITS["wall_seconds"])
        return timezone.now() - max(IMPORT_STALLED_AFTER, 2 * wall)

    @property
    def stalled(self) -> bool:
        return self.state == ImportState.RUNNING and self.progress_at < self.stalled_before()
