"""Checking year locks: once an agency's report for a year is submitted, that year's data is frozen (issue 7).

Other apps call `assert_year_unlocked(agency, day)` in their service functions before changing data
that a report counts (a case received / answered on `day`, a catalog item, a remedy). It raises
`YearLocked` (a `gongkai.errors.ServiceError`, so forms show its Chinese message) while the year is locked; the
supervisor unlocks a year with `reports.services.unlock_year`, explicitly and audited.

"""

from __future__ import annotations

from datetime import date, datetime

from gongkai.errors import ServiceError

from .models import YearLock


class YearLocked(ServiceError):
    def __init__(self, agency, year: int):
        self.agency = agency
        self.year = year
        super().__init__(
            f"{agency.display_name}{year}年度的年度报告已报送，该年度数据已锁定；"
            "如需修改，请联系主管部门解锁（解锁将记入审计日志）。",
            code="year_locked",
        )


def locked_years(agency) -> set[int]:
    return set(YearLock.objects.filter(agency=agency, locked=True).values_list("year", flat=True))


def is_year_locked(agency, year: int) -> bool:
    return YearLock.objects.filter(agency=agency, year=year, locked=True).exists()


def assert_year_unlocked(agency, day: date | datetime | int) -> None:
    """Raise YearLocked if the report year of `day` (a date, a datetime or a year) is locked for `agency`."""
    year = day if isinstance(day, int) else day.year
    if is_year_locked(agency, year):
        raise YearLocked(agency, year)


def assert_years_unlocked(agency, first: int, last: int | None = None) -> None:
    """Raise YearLocked for the first locked year in [first, last] (last=None: every later year)."""
    for year in sorted(locked_years(agency)):
        if year >= first and (last is None or year <= last):
            raise YearLocked(agency, year)
