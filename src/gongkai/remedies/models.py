"""行政复议 / 行政诉讼 records about an agency's disclosure work (条例 第五十一条).

Together they give table 四 of the annual report (条例 第五十条第（三）项; docs/law.md §2.6); the counting
rule lives in `reporting.table4_for`. The applicant's name is personal data: only the handling agency
sees it (same rule as cases), and each view of a record's detail is logged.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.core.vocabulary import RemedyKind, RemedyResult, choices


class Remedy(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="被申请人/被告机关", on_delete=models.PROTECT, related_name="remedies"
    )
    kind = models.CharField("类型", max_length=20, choices=choices(RemedyKind))
    version = models.PositiveIntegerField("版本", default=0, editable=False)  # optimistic concurrency (gongkai.versioning)
    # The 依申请公开 case the proceedings are about, where there is one (issue 7).
    case = models.ForeignKey(
        "cases.Application", verbose_name="关联的依申请公开案件", null=True, blank=True, on_delete=models.PROTECT,
        related_name="remedies",
    )
    review = models.ForeignKey(
        "self", verbose_name="前置的行政复议", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="later_suits", help_text="复议后起诉时，选择对应的行政复议记录。",
    )
    applicant_name = models.CharField("申请人/原告", max_length=100)
    act_known_on = models.DateField(
        "知道该行政行为之日", null=True, blank=True,
        help_text="用于提示法定期限（行政复议法第二十条、行政诉讼法第四十六条），仅供参考。",
    )
    filed_on = models.DateField("申请复议/起诉日期")
    accepted_on = models.DateField("受理/立案日期", null=True, blank=True)
    body = models.CharField("复议机关/人民法院", max_length=100)
    case_number = models.CharField("案号", max_length=80, blank=True)
    result = models.CharField("结果", max_length=20, choices=choices(RemedyResult), default=RemedyResult.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼"
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["agency", "filed_on"]), models.Index(fields=["agency", "decided_on"])]

    def __str__(self) -> str:
        number = self.case_number or f"#{self.pk}"
        return f"{self.get_kind_display()} {number}"

    @property
    def is_review(self) -> bool:
        return self.kind == RemedyKind.REVIEW

    @property
    def is_pending(self) -> bool:
        return self.result == RemedyResult.PENDING

    def result_on(self, day) -> str:
        """The result as it stood at the end of `day`: not yet decided then → 尚未审结."""
        if self.result != RemedyResult.PENDING and self.decided_on and self.decided_on <= day:
            return self.result
        return RemedyResult.PENDING.value

    def contribution(self, year: int) -> tuple[str, str] | None:
        """(row, column) of table 四 of `year` this record counts in, or None (reporting.table4_for)."""
        if self.filed_on is None or self.filed_on.year > year:
            return None
        if not self.is_pending and self.decided_on and self.decided_on.year < year:
            return None
        return self.kind, self.result_on(date(year, 12, 31))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.filed_on and self.accepted_on and self.accepted_on < self.filed_on:
            errors["accepted_on"] = "受理日期不能早于申请复议/起诉日期。"
        if self.filed_on and self.act_known_on and self.act_known_on > self.filed_on:
            errors["act_known_on"] = "知道该行政行为之日不能晚于申请复议/起诉日期。"
        if self.result == RemedyResult.PENDING:
            if self.decided_on:
                errors["decided_on"] = "尚未审结的案件不应填写审结日期。"
        elif not self.decided_on:
            errors["decided_on"] = "已审结的案件须填写审结日期。"
        elif self.filed_on and self.decided_on < self.filed_on:
            errors["decided_on"] = "审结日期不能早于申请复议/起诉日期。"
        if self.case_id and self.agency_id and self.case.agency_id != self.agency_id:
            errors["case"] = "所选案件不属于该机关。"
        if self.review_id:
            if self.kind != RemedyKind.SUIT_AFTER_REVIEW:
                errors["review"] = "只有「复议后起诉」才关联前置的行政复议。"
            elif self.review.kind != RemedyKind.REVIEW or self.review.agency_id != self.agency_id:
                errors["review"] = "所选记录不是本机关的行政复议。"
            elif self.review.pk == self.pk:
                errors["review"] = "不能关联自身。"
        if errors:
            raise ValidationError(errors)


def remedy_upload_to(instance: RemedyDocument, filename: str) -> str:
    return f"remedies/{instance.remedy.agency_id}/{instance.remedy_id}/{filename}"


class RemedyDocument(models.Model):
    """A document of the proceedings (复议申请书、决定书、起诉状、判决书…)."""

    remedy = models.ForeignKey(Remedy, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("文书名称", max_length=100)
    file = models.FileField("文件", upload_to=remedy_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼文书"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self):
        return self.remedy.agency
