"""「临近公开期限」 counts working days of the stored calendar (条例第二十六条; issue 13.1).

The 待办 count, the staff list filter and the row badge use one rule: an unpublished item is near its
公开期限 when that day is at most `DUE_SOON_WORKING_DAYS` working days away — holidays and 调休 as the
calendar says, the provisional calendar when next year's arrangement is not entered.
"""

import datetime as dt

import pytest
import time_machine

from gongkai.agencies import queues
from gongkai.catalog import deadlines, selectors
from gongkai.catalog.models import CatalogItem
from gongkai.core.law.calendar import WorkCalendar

D = dt.date


@pytest.fixture(autouse=True)
def three_working_days(settings):
    settings.GONGKAI_LAW = {**settings.GONGKAI_LAW, "DUE_SOON_WORKING_DAYS": 3}


def _due(make_item, title, due):
    item = make_item(title)
    CatalogItem.objects.filter(pk=item.pk).update(publish_due=due)
    return item


def _count(user):
    return {w.queue.key: w for w in queues.waiting_for(user)}["catalog.publish_due_soon"].count


def _titles(cast, today):
    qs = CatalogItem.objects.filter(agency=cast.dept_a)
    return sorted(i.title for i in selectors.publication_warning(qs, "due_soon", today))


def test_over_national_day_calendar_days_do_not_count(cast, make_item):
    # Fri 2025-09-26: Sun 9/28 is a 调休 working day (1), 9/29 (2), 9/30 (3); 10/1–10/8 off.
    _due(make_item, "九月底到期", D(2025, 9, 30))
    _due(make_item, "节后到期", D(2025, 10, 9))  # 13 calendar days away, but the 4th working day
    with time_machine.travel(dt.datetime(2025, 9, 26, 10, 0), tick=False):
        assert _titles(cast, D(2025, 9, 26)) == ["九月底到期"]
        assert _count(cast.handler_a) == 1
    with time_machine.travel(dt.datetime(2025, 9, 29, 10, 0), tick=False):
        assert _titles(cast, D(2025, 9, 29)) == ["九月底到期", "节后到期"]


def test_over_spring_festival(cast, make_item, client):
    # Fri 2026-02-13: Sat 2/14 is a 调休 working day (1), 2/15–2/23 off, 2/24 (2), 2/25 (3).
    _due(make_item, "春节后第二个工作日到期", D(2026, 2, 24))
    _due(make_item, "春节后第四个工作日到期", D(2026, 2, 26))  # 13 calendar days: not near in working days
    with time_machine.travel(dt.datetime(2026, 2, 13, 10, 0), tick=False):
        assert _titles(cast, D(2026, 2, 13)) == ["春节后第二个工作日到期"]
        assert _count(cast.handler_a) == 1
        client.force_login(cast.handler_a)
        body = client.get("/staff/catalog/?warn=due_soon").content.decode()
        assert "春节后第二个工作日到期" in body and "春节后第四个工作日到期" not in body
        assert "即将到期（2026-02-24）" in body


def test_a_period_into_an_unentered_year_counts_on_the_provisional_calendar(cast, make_item, monkeypatch):
    national = deadlines.get_calendar()
    known = {y for y in national.known_years if y <= 2026}
    only_2026 = WorkCalendar({d: off for d, off in national.entries.items() if d.year in known}, known, "至2026年")
    monkeypatch.setattr(deadlines, "get_calendar", lambda agency=None: only_2026)
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, 0), tick=False):
        item = make_item("年底形成的信息")
    item.refresh_from_db()
    # 20 working days from Mon 2026-12-07 end in 2027: no certain date, an estimate of 2027-01-05.
    assert item.publish_due is None and "2027年工作日历尚未录入" in item.publish_due_note
    assert selectors.provisional_due(item, only_2026) == D(2027, 1, 5)
    with time_machine.travel(dt.datetime(2026, 12, 29, 10, 0), tick=False):
        assert _titles(cast, D(2026, 12, 29)) == []  # 3 working days: 12/30, 12/31, 1/4
        assert _count(cast.handler_a) == 0
    with time_machine.travel(dt.datetime(2026, 12, 30, 10, 0), tick=False):
        assert _titles(cast, D(2026, 12, 30)) == ["年底形成的信息"]
        assert _count(cast.handler_a) == 1
