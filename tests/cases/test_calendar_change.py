"""A calendar change moves open cases' stored due dates and says why on the timeline."""

import datetime as dt

import pytest

from gongkai.cases.actions.closing import withdraw_application
from gongkai.cases.models import EventKind
from gongkai.workcal import services as workcal

pytestmark = pytest.mark.django_db(transaction=False)
D = dt.date


def test_a_new_local_day_off_moves_the_due_date(cast, register, django_capture_on_commit_callbacks):
    case = register()
    done = register(applicant_name="已办结")
    withdraw_application(done, acting_user=cast.handler_a)
    assert case.due_date == D(2026, 3, 30)
    with django_capture_on_commit_callbacks(execute=True):
        region = workcal.create_region("110109", "门头沟区", acting_user=cast.admin, agencies=[cast.gov])
        workcal.add_local_day_off(region, D(2026, 3, 16), "地方放假（测试）", acting_user=cast.admin)
    case.refresh_from_db()
    assert case.due_date == D(2026, 3, 31)
    entry = case.events.get(kind=EventKind.DEADLINE_RECOMPUTED)
    assert "因工作日历变更，答复期限由2026年3月30日调整为2026年3月31日" in entry.text
    assert "2026年3月16日" in entry.text
    assert not done.events.filter(kind=EventKind.DEADLINE_RECOMPUTED).exists()


def test_a_change_outside_the_window_leaves_cases_alone(cast, register, django_capture_on_commit_callbacks):
    case = register()
    with django_capture_on_commit_callbacks(execute=True):
        region = workcal.create_region("110109", "门头沟区", acting_user=cast.admin, agencies=[cast.gov])
        workcal.add_local_day_off(region, D(2026, 6, 15), "地方放假（测试）", acting_user=cast.admin)
    case.refresh_from_db()
    assert case.due_date == D(2026, 3, 30)
    assert not case.events.filter(kind=EventKind.DEADLINE_RECOMPUTED).exists()


def test_the_recomputation_is_logged_as_caused_by_the_calendar_change(cast, register, django_capture_on_commit_callbacks):
    from gongkai.audit.models import AuditEvent

    case = register()
    with django_capture_on_commit_callbacks(execute=True):
        region = workcal.create_region("110109", "门头沟区", acting_user=cast.admin, agencies=[cast.gov])
        workcal.add_local_day_off(region, D(2026, 3, 16), "地方放假（测试）", acting_user=cast.admin)
    event = AuditEvent.objects.for_object(case).get(action="case.deadline_recomputed")
    assert event.actor is None
    assert event.actor_label == "系统（因周管理修改工作日历）"
    cause = AuditEvent.objects.get(pk=event.details["cause"]["event"])
    assert cause.action == "calendar.add_local" and cause.actor == cast.admin
