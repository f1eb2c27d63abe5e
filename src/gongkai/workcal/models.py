"""The stored working-day calendar (docs/law.md §6, docs/stack.md §1.2).

- `CalendarYear`: a year whose 节假日安排 (国务院办公厅《关于{YYYY}年部分节假日安排的通知》) has been
  entered. Only years with status 「已生效」 count as known; any other year is *unknown* and the law
  engine refuses to compute across it (never a silent Mon–Fri guess).
- `CalendarDay`: the announced exceptions to the weekday rule only — a day off on Mon–Fri, or a
  working Saturday/Sunday (调休上班). `year` is the arrangement (notice) it belongs to, which may
  differ from the date's year (the 2012 notice made 2011-12-31 a working day).
- `Region` / `LocalDayOff`: extra local days off (e.g. 民族自治地方 festivals) for the agencies of a region.
- `CalendarRevision`: one row per change (seed, form entry, import, local day), with the diff and the
  dates whose working status changed. Every change is also in the audit log.

State changes go through `gongkai.workcal.services` only.
"""

from django.conf import settings
from django.db import models


class YearStatus(models.TextChoices):
    COMPLETE = "complete", "已生效"
    PROVISIONAL = "provisional", "草稿（不用于计算）"


class CalendarSource(models.TextChoices):
    LIBRARY = "library", "chinese-calendar 程序库"
    NOTICE = "notice", "国务院办公厅通知（表单录入）"
    HOLIDAY_CN = "holiday_cn", "holiday-cn JSON 文件导入"
    CSV = "csv", "CSV 文件导入"
    LOCAL = "local", "地方规定"


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年份", unique=True)
    status = models.CharField("状态", max_length=20, choices=YearStatus.choices, default=YearStatus.COMPLETE)
    notice_title = models.CharField("通知标题", max_length=200, blank=True)
    notice_no = models.CharField("文号", max_length=60, blank=True)
    notice_url = models.URLField("通知网址", max_length=500, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    source = models.CharField("来源", max_length=20, choices=CalendarSource.choices)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度节假日安排"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年（{self.get_status_display()}）"

    @property
    def is_known(self) -> bool:
        return self.status == YearStatus.COMPLETE


class CalendarDay(models.Model):
    date = models.DateField("日期", unique=True)
    is_off_day = models.BooleanField("休息日", help_text="是：放假（工作日放假）；否：调休上班（周末上班）。")
    name = models.CharField("节日", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField("所属年度安排", db_index=True)
    source = models.CharField("来源", max_length=20, choices=CalendarSource.choices)

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {'放假' if self.is_off_day else '调休上班'} {self.name}".strip()


class Region(models.Model):
    code = models.SlugField("代码", max_length=40, unique=True, help_text="如行政区划代码 650000。")
    name = models.CharField("地区名称", max_length=100, unique=True)
    agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name="适用机关", blank=True, related_name="calendar_regions",
        help_text="选中的机关及其下级机关使用本地区的地方休息日。",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "地区"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocalDayOff(models.Model):
    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT, related_name="days_off")
    date = models.DateField("日期")
    name = models.CharField("名称", max_length=100)
    basis = models.CharField("依据", max_length=200, blank=True, help_text="如地方人民政府的放假通知。")

    class Meta:
        verbose_name = verbose_name_plural = "地方休息日"
        ordering = ["region", "date"]
        constraints = [models.UniqueConstraint(fields=["region", "date"], name="local_day_off_once")]

    def __str__(self) -> str:
        return f"{self.region}：{self.date.isoformat()} {self.name}"


class RevisionAction(models.TextChoices):
    SEED = "seed", "初始数据"
    ENTER_YEAR = "enter_year", "录入年度安排"
    IMPORT_JSON = "import_json", "导入 holiday-cn JSON"
    IMPORT_CSV = "import_csv", "导入 CSV"
    ADD_LOCAL = "add_local", "增加地方休息日"
    REMOVE_LOCAL = "remove_local", "删除地方休息日"
    ADD_REGION = "add_region", "增加地区"


class CalendarRevision(models.Model):
    """One version of the calendar: what changed, who changed it, and which dates moved."""

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("操作人", max_length=100, blank=True)
    action = models.CharField("操作", max_length=20, choices=RevisionAction.choices)
    summary = models.CharField("摘要", max_length=300)
    years = models.JSONField("涉及年份", default=list, blank=True)
    region = models.ForeignKey(
        Region, verbose_name="地区", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    #: [{"date", "before": [is_off_day, name] | null, "after": [...] | null}] for each entry that changed
    changes = models.JSONField("变更明细", default=list, blank=True)
    #: ISO dates whose working-day status changed (including unknown → known)
    changed_dates = models.JSONField("工作日状态变化的日期", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "日历修订记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"第{self.pk}版：{self.summary}"

    @property
    def version(self) -> int:
        return self.pk


class CalendarAlert(models.Model):
    """One daily e-mail about a missing year (gap.py); unique per (year, day) so that the command
    `gongkai calendar_alert` can run any number of times a day."""

    year = models.PositiveSmallIntegerField("缺少的年份")
    day = models.DateField("日期")
    recipients = models.JSONField("收件人", default=list, blank=True)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "日历缺失提醒"
        ordering = ["-day", "year"]
        constraints = [models.UniqueConstraint(fields=["year", "day"], name="calendar_alert_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day.isoformat()}：{self.year}年未录入"
