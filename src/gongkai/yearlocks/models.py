"""Year locks (issue 7): once an agency's annual report for a year is submitted, that year's data is frozen.

This app sits below cases, catalog and remedies (which refuse changes to a locked year) and below
reports (which locks a year on submission and unlocks it, audited, through
`reports.services.unlock_year`). It imports no other app of the project except agencies.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class YearLock(models.Model):
    """Once a year's report is submitted its data is locked (issue 7); the supervisor unlocks it."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="year_locks")
    year = models.PositiveSmallIntegerField("年度")
    locked = models.BooleanField("已锁定", default=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unlocked_at = models.DateTimeField(null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unlock_reason = models.TextField("解锁理由", blank=True)

    class Meta:
        db_table = "reports_yearlock"  # the table was created by the reports app; the model moved here
        verbose_name = verbose_name_plural = "年度数据锁定"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_lock_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年（{'已锁定' if self.locked else '已解锁'}）"
