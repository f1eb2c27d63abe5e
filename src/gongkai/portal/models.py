"""What the 政府信息公开专栏 keeps beside the agency record (issue 17; docs/law.md §10):

- `GuideText`: the staff-written parts of an agency's 政府信息公开指南 (条例第十二条). The 指南 itself is
  generated from the agency's data (name, address, hours, phone, fax, website, 复议机关, court), the
  clock's 期限 and the fee engine's tiers; these texts add to each section and list the agency's own
  公开制度.
- `ErrorReport`: a reader's 「我为政府网站找错」-style report about a page, handled by the agency's staff
  as a 待办 queue (portal/queues.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class GuideText(models.Model):
    agency = models.OneToOneField("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                                  related_name="guide_text")
    foreword = models.TextField("前言", blank=True, help_text="显示在指南开头，如编制依据、更新日期。")
    classification = models.TextField("分类（补充说明）", blank=True)
    arrangement = models.TextField("编排体系（补充说明）", blank=True)
    obtaining = models.TextField("获取方式（补充说明）", blank=True, help_text="如政府信息查阅场所、公共查阅点。")
    procedure = models.TextField("办理流程（补充说明）", blank=True)
    fees = models.TextField("收费标准（补充说明）", blank=True)
    remedies = models.TextField("救济途径（补充说明）", blank=True, help_text="如投诉、举报的受理机关和联系方式（条例第五十一条）。")
    rules = models.TextField(
        "本机关政府信息公开制度", blank=True,
        help_text="每行一项：制度名称，后接「｜」和网址（可省略），如「北京市门头沟区科信局政府信息公开保密审查制度｜https://…」。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开指南（补充内容）"

    def __str__(self) -> str:
        return f"{self.agency}政府信息公开指南"

    def rule_links(self) -> list[tuple[str, str]]:
        """The 公开制度 lines as (title, url or "")."""
        out = []
        for line in self.rules.splitlines():
            title, _, url = line.replace("|", "｜").partition("｜")
            if title.strip():
                url = url.strip()
                out.append((title.strip(), url if url.startswith(("https://", "http://", "/")) else ""))
        return out


class ErrorKind(models.TextChoices):
    TYPO = "typo", "错别字、表述错误"
    LINK = "link", "链接错误或无法打开"
    CONTENT = "content", "内容不准确或未更新"
    ACCESS = "access", "页面无法访问或显示异常"
    ACCESSIBILITY = "accessibility", "无障碍、适老化问题"
    OTHER = "other", "其他"


class ErrorStatus(models.TextChoices):
    OPEN = "open", "待处理"
    HANDLED = "handled", "已处理"


class ErrorReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name="处理机关", on_delete=models.PROTECT,
                               related_name="error_reports")
    page_url = models.CharField("出错页面网址", max_length=500)
    kind = models.CharField("问题类型", max_length=20, choices=ErrorKind.choices)
    description = models.TextField("问题描述")
    contact_name = models.CharField("称呼", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    created_at = models.DateTimeField("留言时间", auto_now_add=True, db_index=True)
    status = models.CharField("状态", max_length=10, choices=ErrorStatus.choices, default=ErrorStatus.OPEN)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    valid = models.BooleanField("问题属实", null=True)
    reply = models.TextField("处理结果", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "网站纠错留言"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"纠错留言 {self.pk}：{self.get_kind_display()}"
