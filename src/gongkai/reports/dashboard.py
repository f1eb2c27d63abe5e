"""The supervising office's dashboard (条例 第四十七条 日常指导和监督检查; 第四十九条 deadlines).

One row per agency below the government: its report's status and validation, the 第四十九条 deadline,
open applications past their reply due date today, and the share of the year's replies given by the
due date. Case figures are aggregates only (counts per agency), never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone

from gongkai.agencies.models import AgencyKind
from gongkai.cases import states
from gongkai.cases.models import DONE_STATUSES, Application
from gongkai.yearlocks.models import YearLock

from .models import AnnualReport, ReportKind, deadline_for


@dataclass
class Row:
    agency: object
    kind: str
    report: AnnualReport | None
    deadline: date
    overdue_report: bool
    locked: bool
    case_stats: dict = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else "未生成"

    @property
    def due_count(self) -> int:
        """Replies that fell due: answered this year, or due this year and still unanswered today."""
        return (self.case_stats.get("answered") or 0) + (self.case_stats.get("overdue_in_year") or 0)

    @property
    def on_time_rate(self) -> float | None:
        """按期答复率 = 按期答复 ÷ (本年度已答复 + 期限在本年度、至今逾期未答复): an open overdue case counts
        against the rate instead of vanishing from it."""
        return rate(self.case_stats.get("on_time", 0) or 0, self.due_count)


def rate(on_time: int, due: int) -> float | None:
    return on_time / due if due else None


def case_stats(agency_ids: list[int], year: int, today: date) -> dict[int, dict[str, int]]:
    """Per agency: open applications overdue today; the year's replies and how many were in time.

    Uses the cases app's stored clock (`due_date`, `clock_state`, `decided_on`). A paused clock
    (征求意见, 第三十三条第三款) or one waiting for the applicant is not overdue.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = (
        Application.objects.filter(agency_id__in=agency_ids)
        .values("agency_id")
        .annotate(
            overdue=Count("id", filter=states.q("overdue", states.Day.of(today))),
            overdue_in_year=Count("id", filter=states.q("overdue", states.Day.of(today))
                                  & Q(due_date__range=(start, end))),
            answered=Count("id", filter=Q(status__in=DONE_STATUSES, decided_on__range=(start, end),
                                          due_date__isnull=False)),
            on_time=Count("id", filter=Q(status__in=DONE_STATUSES, decided_on__range=(start, end),
                                         decided_on__lte=F("due_date"))),
        )
    )
    return {r["agency_id"]: r for r in rows}


def rows_for(government, year: int, today: date | None = None) -> list[Row]:
    today = today or timezone.localdate()
    agencies = list(government.descendants(include_self=True).filter(is_active=True))
    reports = {
        (r.agency_id, r.kind): r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).select_related("agency")
    }
    locks = set(YearLock.objects.filter(agency__in=agencies, year=year, locked=True).values_list("agency_id", flat=True))
    stats = case_stats([a.pk for a in agencies], year, today)
    rows = []
    for agency in agencies:
        kind = ReportKind.GOVERNMENT if agency.kind == AgencyKind.GOVERNMENT else ReportKind.DEPARTMENT
        report = reports.get((agency.pk, kind))
        deadline = deadline_for(kind, year)
        if kind == ReportKind.GOVERNMENT:
            done = report.published_at if report else None
        else:
            done = report.submitted_at if report else None
        done_on = timezone.localdate(done) if done else None
        rows.append(Row(
            agency=agency, kind=kind, report=report, deadline=deadline,
            overdue_report=(done_on or today) > deadline, locked=agency.pk in locks,
            case_stats=stats.get(agency.pk, {}),
        ))
    return rows


def summary(rows: list[Row]) -> dict:
    due = sum(r.due_count for r in rows)
    on_time = sum(r.case_stats.get("on_time", 0) or 0 for r in rows)
    return {
        "agencies": len(rows),
        "submitted": sum(1 for r in rows if r.report and r.report.submitted_at),
        "published": sum(1 for r in rows if r.report and r.report.published_at),
        "with_errors": sum(1 for r in rows if r.report and r.report.error_count),
        "overdue_reports": sum(1 for r in rows if r.overdue_report),
        "overdue_cases": sum(r.case_stats.get("overdue", 0) or 0 for r in rows),
        "on_time": on_time, "due": due,
        "on_time_rate": rate(on_time, due),
    }
