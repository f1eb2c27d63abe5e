"""A submitted annual report locks its year: no case event dated in that year can be recorded
until the supervisor unlocks it (issue 7); the next year stays open."""

import datetime as dt

import pytest

from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.closing import withdraw_application
from gongkai.cases.models import Status
from gongkai.reports.services import unlock_year
from gongkai.yearlocks.models import YearLock

pytestmark = pytest.mark.django_db


def test_events_dated_in_a_locked_year_are_refused_until_the_supervisor_unlocks(cast, register, clock):
    case = register()  # received 2026-03-02
    clock.to(dt.date(2026, 3, 6))
    YearLock.objects.create(agency=cast.dept_a, year=2026, locked=True)

    with pytest.raises(CaseError, match="年度数据已锁定"):
        withdraw_application(case, acting_user=cast.handler_a, on=dt.date(2026, 3, 5))
    case.refresh_from_db()
    assert case.status != Status.CLOSED

    unlock_year(cast.dept_a, 2026, acting_user=cast.supervisor, reason="更正一件撤回申请的日期")
    withdraw_application(case, acting_user=cast.handler_a, on=dt.date(2026, 3, 5))
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_a_lock_on_last_year_does_not_block_this_years_work(cast, register):
    YearLock.objects.create(agency=cast.dept_a, year=2025, locked=True)
    case = register()
    assert case.received_on == dt.date(2026, 3, 2)


def test_registering_an_application_received_in_a_locked_year_is_refused(cast, register):
    YearLock.objects.create(agency=cast.dept_a, year=2026, locked=True)
    with pytest.raises(CaseError, match="年度数据已锁定"):
        register()
