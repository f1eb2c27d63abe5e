"""Locking a year on submission and the supervisor's explicit, audited unlock."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.yearlocks.locks import YearLocked, assert_year_unlocked
from gongkai.yearlocks.models import YearLock


def test_assert_year_unlocked_takes_a_date_or_a_year(cast):
    from datetime import date

    YearLock.objects.create(agency=cast.dept_a, year=2024)
    with pytest.raises(YearLocked):
        assert_year_unlocked(cast.dept_a, date(2024, 6, 1))
    with pytest.raises(YearLocked):
        assert_year_unlocked(cast.dept_a, 2024)
    assert_year_unlocked(cast.dept_a, date(2025, 1, 1))
    assert_year_unlocked(cast.dept_b, date(2024, 6, 1))


def test_unlock_needs_a_reason_and_is_audited(cast):
    YearLock.objects.create(agency=cast.dept_a, year=2024)
    with pytest.raises(services.ReportBlocked):
        services.unlock_year(cast.dept_a, 2024, "  ", acting_user=cast.supervisor)
    services.unlock_year(cast.dept_a, 2024, "案件2024-0003结果录入错误", acting_user=cast.supervisor)
    lock = YearLock.objects.get(agency=cast.dept_a, year=2024)
    assert not lock.locked and lock.unlocked_by == cast.supervisor
    event = AuditEvent.objects.get(action="report.year_unlocked")
    assert event.agency == cast.dept_a and event.details["reason"] == "案件2024-0003结果录入错误"
    assert_year_unlocked(cast.dept_a, 2024)


def test_unlocking_returns_a_submitted_report_for_resubmission(cast):
    YearLock.objects.create(agency=cast.dept_a, year=2024)
    report = AnnualReport.objects.create(agency=cast.dept_a, year=2024, status=ReportStatus.SUBMITTED)
    services.unlock_year(cast.dept_a, 2024, "更正案件", acting_user=cast.supervisor)
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert "更正案件" in report.comments.get().text


def test_unlocking_an_unlocked_year_is_refused(cast):
    with pytest.raises(services.ReportBlocked):
        services.unlock_year(cast.dept_a, 2024, "理由", acting_user=cast.supervisor)


def test_only_a_supervisor_in_scope_unlocks_through_the_page(client, cast):
    YearLock.objects.create(agency=cast.dept_a, year=2024)
    client.force_login(cast.head_a)
    assert client.post("/staff/reports/supervise/unlock/", {"agency": cast.dept_a.pk, "year": 2024,
                                                            "reason": "x"}).status_code == 403
    client.force_login(cast.other_supervisor)
    client.post("/staff/reports/supervise/unlock/", {"agency": cast.dept_a.pk, "year": 2024, "reason": "x"})
    assert YearLock.objects.get(agency=cast.dept_a, year=2024).locked
    client.force_login(cast.supervisor)
    response = client.post("/staff/reports/supervise/unlock/", {"agency": cast.dept_a.pk, "year": 2024, "reason": ""})
    assert YearLock.objects.get(agency=cast.dept_a, year=2024).locked
    response = client.post("/staff/reports/supervise/unlock/", {"agency": cast.dept_a.pk, "year": 2024,
                                                                "reason": "更正"}, follow=True)
    assert not YearLock.objects.get(agency=cast.dept_a, year=2024).locked
    assert "已解锁" in response.content.decode()
