"""The supervising office's dashboard: every agency below its government, status, deadlines."""

import time_machine

from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.yearlocks.models import YearLock


@time_machine.travel("2025-02-10 10:00 +0800")
def test_it_lists_every_agency_below_the_government_with_status_and_deadlines(client, cast):
    AnnualReport.objects.create(agency=cast.dept_a, year=2024, status=ReportStatus.SUBMITTED,
                                submitted_at="2025-01-20T10:00:00+08:00", error_count=0, warning_count=2)
    YearLock.objects.create(agency=cast.dept_a, year=2024)
    client.force_login(cast.supervisor)
    response = client.get("/staff/reports/supervise/?year=2024")
    assert response.status_code == 200
    rows = {row.agency: row for row in response.context["rows"]}
    assert set(rows) == {cast.gov, cast.office, cast.dept_a, cast.dept_b, cast.sub_a}
    assert rows[cast.dept_a].status_label == "已报送主管部门" and not rows[cast.dept_a].overdue_report
    assert rows[cast.dept_a].locked
    assert rows[cast.dept_b].status_label == "未生成" and rows[cast.dept_b].overdue_report
    assert not rows[cast.gov].overdue_report  # 3月31日
    body = response.content.decode()
    assert "2条提示" in body and "北京市房山区" not in body


def test_agency_staff_cannot_see_the_dashboard(client, cast):
    client.force_login(cast.head_a)
    assert client.get("/staff/reports/supervise/").status_code == 403


@time_machine.travel("2025-02-10 10:00 +0800")
def test_it_shows_overdue_applications_and_the_on_time_rate_without_personal_data(client, cast, bulk_cases):
    import datetime as dt

    from gongkai.cases.models import Application

    d = dt.date
    bulk_cases(cast.dept_a, [
        ("natural_person", d(2024, 3, 1), d(2024, 3, 20), "disclose"),  # due 3-29: on time
        ("natural_person", d(2024, 5, 1), d(2024, 5, 29), "disclose"),  # due 5-29: on time (the due day)
        ("commercial", d(2024, 6, 1), d(2024, 6, 10), "not_exist"),  # on time
        ("natural_person", d(2024, 8, 1), d(2024, 9, 30), "disclose"),  # due 8-29: late
        ("natural_person", d(2024, 12, 20), None, ""),  # due 2025-01-17, still open: overdue today
        ("natural_person", d(2025, 1, 2), None, ""),  # due 2025-01-30: overdue
        ("natural_person", d(2025, 2, 3), None, ""),  # due 2025-03-03: not yet
    ])
    Application.objects.create(**{f: getattr(Application.objects.first(), f) for f in (
        "agency_id", "applicant_kind", "applicant_name", "id_type", "id_number", "applicant_key", "info_title",
        "provide_form", "delivery", "channel", "submitted_at")}, year=2025, seq=1, tracking_hash="p",
        tracking_factor_hash="p", received_on=d(2024, 12, 1), due_date=d(2025, 1, 1), status="open", clock_state="paused")
    client.force_login(cast.supervisor)
    response = client.get("/staff/reports/supervise/?year=2024")
    row = next(r for r in response.context["rows"] if r.agency == cast.dept_a)
    assert row.case_stats["overdue"] == 2  # the paused case (征求意见) is not overdue
    assert (row.case_stats["on_time"], row.case_stats["answered"]) == (3, 4)
    body = response.content.decode()
    assert "75%（3/4）" in body
    assert "申请人" not in body  # aggregates only
    # 2025: nothing answered yet, two cases due this year and overdue: the rate counts them (0 of 2),
    # instead of reading 100 % beside 「逾期未答复 2」.
    row = next(r for r in client.get("/staff/reports/supervise/?year=2025").context["rows"] if r.agency == cast.dept_a)
    assert row.case_stats["overdue_in_year"] == 2 and row.due_count == 2 and row.on_time_rate == 0
    assert "按期答复率 = 按期答复件数 ÷ 应答复件数" in client.get("/staff/reports/supervise/?year=2025").content.decode()
