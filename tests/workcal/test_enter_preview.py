"""Entering a year goes through a preview: what changes, how many open cases and catalogue deadlines move."""

from datetime import date

import pytest

from gongkai.workcal import services
from gongkai.workcal.models import CalendarRevision
from gongkai.workcal.services import CalendarInputError, get_calendar

D = date
OFF = [(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 2, 5), D(2027, 2, 13), "春节")]
WORK = [(D(2027, 2, 20), "春节")]


def test_the_preview_lists_the_changes_and_writes_nothing(cast):
    before = CalendarRevision.objects.count()
    preview = services.preview_year_arrangement(2027, OFF, WORK)
    assert preview.years == [2027]
    assert preview.version == services.current_version()
    rows = {r["date"]: (r["before"], r["after"]) for r in preview.change_rows()}
    assert rows[D(2027, 2, 8)] == ("—", "放假（春节）") and rows[D(2027, 2, 20)] == ("—", "调休上班（春节）")
    assert len(preview.changed_dates) == 365  # unknown → known: every day of 2027
    assert CalendarRevision.objects.count() == before and not get_calendar().is_known_year(2027)


def test_a_change_made_after_the_preview_is_refused(cast):
    preview = services.preview_year_arrangement(2027, OFF, WORK)
    services.enter_year_arrangement(2027, OFF, WORK, acting_user=cast.admin)  # someone else, meanwhile
    with pytest.raises(CalendarInputError, match="请重新预览"):
        services.enter_year_arrangement(2027, OFF, WORK, acting_user=cast.admin, previewed_version=preview.version)
