"""第二十六条 deadlines are stored, computed on the agency's stored calendar, and recomputed (with
an audited reason) when the calendar changes (ARCHITECTURE.md: calendar_changed)."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog import deadlines
from gongkai.catalog.models import CatalogItem

STORED_CALENDAR = deadlines.get_calendar  # the real one, before the autouse fixture pins another


@pytest.fixture
def stored_calendar(monkeypatch):
    monkeypatch.setattr(deadlines, "get_calendar", STORED_CALENDAR)
    from gongkai.workcal import services as workcal

    workcal.invalidate_cache()


def test_the_stored_calendar_gives_the_statutory_example(stored_calendar, make_item):
    # docs/law.md §6.2: 2025-09-26 + 20 working days = 2025-10-30 (国庆/中秋 and two 调休 days).
    assert make_item(formed_on=dt.date(2025, 9, 26)).publish_due == dt.date(2025, 10, 30)


def test_a_local_day_off_moves_open_deadlines_and_says_why(
    stored_calendar, cast, make_item, publish, django_capture_on_commit_callbacks
):
    from gongkai.workcal import services as workcal

    open_item = make_item("待发布的信息", formed_on=dt.date(2025, 9, 26))
    other = make_item("教委的信息", agency=cast.dept_b, author=cast.handler_b, formed_on=dt.date(2025, 9, 26))
    unaffected = make_item("早已到期的信息", formed_on=dt.date(2025, 3, 3))
    assert open_item.publish_due == dt.date(2025, 10, 30)
    with django_capture_on_commit_callbacks(execute=True):
        region = workcal.create_region("mtg-kxj", "区科信局所在地区", acting_user=cast.admin, agencies=[cast.dept_a])
    with django_capture_on_commit_callbacks(execute=True):
        workcal.add_local_day_off(region, dt.date(2025, 10, 20), "地方纪念日", "地方性法规", acting_user=cast.admin)
    open_item.refresh_from_db()
    assert open_item.publish_due == dt.date(2025, 10, 31)  # one more working day needed
    assert CatalogItem.objects.get(pk=other.pk).publish_due == dt.date(2025, 10, 30)  # another region
    assert CatalogItem.objects.get(pk=unaffected.pk).publish_due == unaffected.publish_due
    event = AuditEvent.objects.for_object(open_item).get(action="catalog.deadline_recomputed")
    assert event.details["old"] == "2025-10-30" and event.details["new"] == "2025-10-31"
    assert event.details["reason"] == "工作日历变更" and "2025-10-20" in event.details["changed_dates"]
    assert event.actor_label == "系统（因周管理修改工作日历）"
