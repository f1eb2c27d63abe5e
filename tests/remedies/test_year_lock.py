"""A remedy counted in a locked report year cannot be changed until the supervisor unlocks it."""

from datetime import date

import pytest

from gongkai.core.vocabulary import RemedyKind, RemedyResult
from gongkai.remedies import services
from gongkai.yearlocks.locks import YearLocked
from gongkai.yearlocks.models import YearLock


def _record(cast, filed=date(2023, 11, 1)):
    return services.record_remedy(
        cast.dept_a, acting_user=cast.handler_a, kind=RemedyKind.REVIEW, applicant_name="张三", filed_on=filed,
        body="北京市门头沟区人民政府",
    )


def test_it_refuses_a_new_record_in_a_locked_year(cast):
    YearLock.objects.create(agency=cast.dept_a, year=2023)
    with pytest.raises(YearLocked) as info:
        _record(cast)
    assert "2023年度" in info.value.messages[0] and "解锁" in info.value.messages[0]


def test_a_result_dated_in_the_locked_year_is_refused(cast):
    remedy = _record(cast)
    YearLock.objects.create(agency=cast.dept_a, year=2023)
    with pytest.raises(YearLocked):
        services.record_remedy_result(remedy, RemedyResult.UPHELD, date(2023, 12, 20), acting_user=cast.handler_a)
    remedy.refresh_from_db()
    assert remedy.is_pending


def test_a_result_dated_after_the_locked_year_leaves_that_years_table_alone(cast):
    # The submitted 2023 report counts the case as 尚未审结; a 2024 decision does not change that.
    remedy = _record(cast)
    YearLock.objects.create(agency=cast.dept_a, year=2023)
    services.record_remedy_result(remedy, RemedyResult.UPHELD, date(2024, 1, 10), acting_user=cast.handler_a)
    remedy.refresh_from_db()
    assert remedy.result == RemedyResult.UPHELD


def test_changing_the_kind_or_deleting_a_counted_record_is_refused(cast):
    remedy = _record(cast)
    YearLock.objects.create(agency=cast.dept_a, year=2023)
    with pytest.raises(YearLocked):
        services.update_remedy(remedy, acting_user=cast.handler_a, kind=RemedyKind.DIRECT_SUIT)
    with pytest.raises(YearLocked):
        services.delete_remedy(remedy, "误录", acting_user=cast.handler_a)
    services.update_remedy(remedy, acting_user=cast.handler_a, notes="补充说明")  # no effect on table 四


def test_unlocked_years_are_free_to_change(cast):
    remedy = _record(cast)
    YearLock.objects.create(agency=cast.dept_a, year=2023, locked=False)
    YearLock.objects.create(agency=cast.dept_b, year=2023)  # another agency's lock does not matter
    services.record_remedy_result(remedy, RemedyResult.UPHELD, date(2024, 1, 10), acting_user=cast.handler_a)
    remedy.refresh_from_db()
    assert remedy.result == RemedyResult.UPHELD


def test_a_record_of_a_later_year_is_not_affected_by_an_earlier_lock(cast):
    YearLock.objects.create(agency=cast.dept_a, year=2023)
    remedy = _record(cast, filed=date(2024, 2, 1))
    services.record_remedy_result(remedy, RemedyResult.OTHER, date(2024, 3, 1), acting_user=cast.handler_a)
