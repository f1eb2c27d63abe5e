"""Entering a year's arrangement (the notice's 放假 ranges and 上班 days): versioned, audited, signalled."""

from datetime import date, timedelta

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.workcal import services
from gongkai.workcal.models import CalendarDay, CalendarRevision, CalendarYear
from gongkai.workcal.services import CalendarInputError, enter_year_arrangement, get_calendar

D = date
# An illustrative 2027 arrangement in the notice's structure (not an official one).
OFF_2027 = [
    (D(2027, 1, 1), D(2027, 1, 3), "元旦"),
    (D(2027, 2, 5), D(2027, 2, 13), "春节"),
    (D(2027, 4, 3), D(2027, 4, 5), "清明节"),
    (D(2027, 5, 1), D(2027, 5, 5), "劳动节"),
    (D(2027, 6, 9), D(2027, 6, 11), "端午节"),
    (D(2027, 9, 15), D(2027, 9, 17), "中秋节"),
    (D(2027, 10, 1), D(2027, 10, 7), "国庆节"),
]
WORK_2027 = [(D(2027, 2, 20), "春节"), (D(2027, 4, 25), "劳动节"), (D(2027, 9, 26), "国庆节"), (D(2027, 10, 9), "国庆节")]


def days_of(year):
    d = D(year, 1, 1)
    while d.year == year:
        yield d
        d += timedelta(days=1)


def test_entering_2027_makes_it_known_and_signals_every_day_of_it(cast, changes):
    with changes() as sent:
        revision = enter_year_arrangement(
            2027, OFF_2027, WORK_2027, acting_user=cast.admin, notice_title="国务院办公厅关于2027年部分节假日安排的通知",
            notice_no="国办发明电〔2026〕X号",
        )
    cal = get_calendar()
    assert cal.is_known_year(2027)
    assert not cal.is_working_day(D(2027, 2, 8)) and cal.is_working_day(D(2027, 2, 20))
    assert cal.add_working_days(D(2026, 12, 20), 20) == D(2027, 1, 18)  # 1/1 元旦 skipped
    # only deviations are stored: weekday holidays and weekend working days
    stored = {d.date: d.is_off_day for d in CalendarDay.objects.filter(year=2027)}
    assert all(off == (d.weekday() < 5) for d, off in stored.items())
    assert D(2027, 2, 6) not in stored  # a Saturday inside 春节: off anyway
    # versioned and audited
    assert revision.action == "enter_year" and revision.years == [2027] and revision.actor == cast.admin
    assert len(revision.changes) == len(stored)
    event = AuditEvent.objects.get(action="calendar.enter_year")
    assert event.details["version"] == revision.pk and event.actor == cast.admin
    # unknown → known: every day of 2027 changed status, exactly once, after commit
    assert len(sent) == 1
    assert sent[0]["changed_dates"] == set(days_of(2027))
    assert sent[0]["region"] is None and sent[0]["revision"] == revision
    assert revision.changed_dates == sorted(d.isoformat() for d in days_of(2027))


def test_correcting_a_year_signals_exactly_the_moved_days(cast, changes):
    enter_year_arrangement(2027, OFF_2027, WORK_2027, acting_user=cast.admin)
    # the correction moves 端午 from 6/9–6/11 (Wed–Fri) to 6/10–6/12 (Thu–Sat) and drops one 上班 day
    corrected = [r if r[2] != "端午节" else (D(2027, 6, 10), D(2027, 6, 12), "端午节") for r in OFF_2027]
    work = [w for w in WORK_2027 if w[0] != D(2027, 4, 25)]
    with changes() as sent:
        revision = enter_year_arrangement(2027, corrected, work, acting_user=cast.admin)
    assert sent[0]["changed_dates"] == {D(2027, 6, 9), D(2027, 4, 25)}
    assert revision.changed_dates == ["2027-04-25", "2027-06-09"]
    assert {c["date"] for c in revision.changes} == {"2027-06-09", "2027-04-25"}


def test_re_entering_an_identical_year_sends_nothing(cast, changes):
    seeded = {d.date: (d.is_off_day, d.name) for d in CalendarDay.objects.filter(year=2025)}
    off = [(d, d, name) for d, (is_off, name) in seeded.items() if is_off]
    work = [(d, name) for d, (is_off, name) in seeded.items() if not is_off]
    with changes() as sent:
        revision = enter_year_arrangement(2025, off, work, acting_user=cast.admin)
    assert sent == [] and revision.changed_dates == [] and revision.changes == []


def test_a_draft_does_not_make_the_year_known(cast, changes):
    with changes() as sent:
        enter_year_arrangement(2027, OFF_2027, WORK_2027, acting_user=cast.admin, provisional=True)
    assert CalendarYear.objects.get(year=2027).status == "provisional"
    assert not get_calendar().is_known_year(2027)
    assert sent == []


@pytest.mark.parametrize(
    ("off", "work", "message"),
    [
        ([(D(2027, 1, 3), D(2027, 1, 1), "元旦")], [], "结束日期早于开始日期"),
        ([(D(2027, 1, 1), D(2027, 1, 1), "元旦")], [(D(2027, 1, 6), "元旦")], "本来就是工作日"),
        ([(D(2027, 1, 1), D(2027, 1, 3), "元旦")], [(D(2027, 1, 2), "元旦")], "同时被列为放假日和上班日"),
        ([(D(2027, 1, 2), D(2027, 1, 3), "元旦")], [], "没有填写任何工作日放假的日期"),
        ([], [], "没有填写任何工作日放假的日期"),
        ([(D(2025, 1, 1), D(2025, 1, 1), "元旦")], [], "不在2027年安排的范围内"),
        ([(D(2027, 1, 1), D(2027, 2, 1), "元旦")], [], "超过20天"),
    ],
)
def test_bad_arrangements_are_refused_in_chinese(cast, off, work, message):
    before = CalendarRevision.objects.count()
    with pytest.raises(CalendarInputError) as exc:
        enter_year_arrangement(2027, off, work, acting_user=cast.admin)
    assert any(message in e for e in exc.value.errors), exc.value.errors
    assert CalendarRevision.objects.count() == before
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_neighbouring_year_date_moves_to_the_new_notice(cast):
    """The 2012 notice made 2011-12-31 a working day; re-entering 2012 keeps it with 2012."""
    rows = {d.date: (d.is_off_day, d.name) for d in CalendarDay.objects.filter(year=2012)}
    off = [(d, d, n) for d, (o, n) in rows.items() if o]
    work = [(d, n) for d, (o, n) in rows.items() if not o]
    assert (D(2011, 12, 31), "元旦") in work
    services.enter_year_arrangement(2012, off, [w for w in work if w[0] != D(2011, 12, 31)], acting_user=cast.admin)
    assert not CalendarDay.objects.filter(date=D(2011, 12, 31)).exists()
    assert not get_calendar().is_working_day(D(2011, 12, 31))
