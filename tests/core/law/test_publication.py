from datetime import date

import pytest

from gongkai.core.law.calendar import UnknownCalendarYear, national_calendar
from gongkai.core.law.publication import publication_days, publication_due


def test_twenty_working_days_from_formation():
    assert publication_due(date(2025, 9, 26), national_calendar()) == date(2025, 10, 30)


def test_a_category_may_have_its_own_period():
    overrides = {"财政预算": 10}
    assert publication_days("财政预算", overrides) == 10
    assert publication_days("其他", overrides) == 20
    cal = national_calendar()
    assert publication_due(date(2025, 9, 26), cal, publication_days("财政预算", overrides)) == date(2025, 10, 16)


def test_unknown_year():
    with pytest.raises(UnknownCalendarYear):
        publication_due(date(2026, 12, 20), national_calendar())
