"""The supervising office's dashboard: every agency below its government, status, deadlines."""

import time_machine

from gongkai.reports.models import AnnualReport, ReportStatus, YearLock


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
