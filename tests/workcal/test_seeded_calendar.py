"""The data migration seeds 2008–2026 and the stored calendar equals chinese-calendar's."""

from datetime import date, timedelta

import pytest

from gongkai.core.law.calendar import UnknownCalendarYear, national_calendar
from gongkai.workcal.models import CalendarDay, CalendarRevision, CalendarYear
from gongkai.workcal.services import get_calendar

pytestmark = pytest.mark.django_db


def test_years_2008_to_2026_are_seeded_and_complete():
    assert list(CalendarYear.objects.values_list("year", flat=True)) == list(range(2008, 2027))
    assert not CalendarYear.objects.exclude(status="complete").exists()
    assert CalendarRevision.objects.filter(action="seed").count() == 1


def test_only_explicit_entries_are_stored():
    for day in CalendarDay.objects.all():
        assert day.is_off_day == (day.date.weekday() < 5), day
    # the December 元旦 make-up day belongs to the next year's notice
    assert CalendarDay.objects.get(date=date(2011, 12, 31)).year == 2012


def test_the_stored_calendar_agrees_day_by_day_with_chinese_calendar():
    stored, shipped = get_calendar(), national_calendar()
    d = date(2008, 1, 1)
    while d <= date(2026, 12, 31):
        assert stored.is_working_day(d) == shipped.is_working_day(d), d
        d += timedelta(days=1)
    assert stored.is_working_day(date(2024, 2, 4)) and stored.is_working_day(date(2025, 1, 26))


def test_2027_is_unknown_in_the_stored_calendar():
    with pytest.raises(UnknownCalendarYear, match="2027年"):
        get_calendar().add_working_days(date(2026, 12, 20), 20)


def test_the_calendar_is_cached_until_it_changes(cast):
    from gongkai.workcal import services

    a = get_calendar()
    assert get_calendar() is a
    services.enter_year_arrangement(2027, [(date(2027, 1, 1), date(2027, 1, 1), "元旦")], [], acting_user=cast.admin)
    b = get_calendar()
    assert b is not a and b.is_known_year(2027)
