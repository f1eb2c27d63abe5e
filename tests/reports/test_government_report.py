"""The government-level report: the departments' approved tables summed with the government's own
figures, the list of contributions with their validation, and the government's own sections."""

import datetime as dt

import pytest

from gongkai.core.report.schema import Report
from gongkai.reports import services
from gongkai.reports.models import ReportKind, ReportStatus


def _approved(cast, agency, head, year=2025):
    obj = services.compute_report(agency, year, acting_user=head)
    obj = services.save_report_text(obj, acting_user=head, section1=obj.section1.replace("（请填写）", "完成。"),
                                    section5="改进。", section6=obj.section6)
    return services.approve_report(services.submit_report(obj, acting_user=head), acting_user=cast.supervisor)


@pytest.fixture
def head_b(cast):
    from gongkai.agencies.models import Role, RoleAssignment, User

    user = User.objects.create_user(username="head_b", password="test-pass-123", agency=cast.dept_b, full_name="吴负责")
    RoleAssignment.objects.create(user=user, role=Role.HEAD)
    return user


def test_it_sums_approved_department_reports_and_the_governments_own_figures(cast, bulk_cases, head_b):
    bulk_cases(cast.dept_a, [("natural_person", dt.date(2025, 3, 1), dt.date(2025, 3, 20), "disclose")] * 3)
    bulk_cases(cast.dept_b, [("commercial", dt.date(2025, 4, 1), None, "")] * 2, start_seq=2000)
    bulk_cases(cast.gov, [("research", dt.date(2025, 5, 1), dt.date(2025, 5, 9), "not_exist")], start_seq=3000)
    bulk_cases(cast.office, [("natural_person", dt.date(2025, 5, 1), None, "")] * 7, start_seq=4000)  # no report
    _approved(cast, cast.dept_a, cast.head_a)
    _approved(cast, cast.dept_b, head_b)
    draft_other = services.compute_report(cast.sub_a, 2025, acting_user=cast.admin)  # a draft does not contribute
    assert draft_other.status == ReportStatus.DRAFT

    # The office (a department that reports) has no approved report: its name, and an explicit confirmation.
    with pytest.raises(services.MissingReports) as refused:
        services.compute_government_report(cast.gov, 2025, acting_user=cast.supervisor)
    assert [a.name for a in refused.value.missing] == [cast.office.name]
    assert cast.office.name in refused.value.messages[0] and "按现有数据汇总" in refused.value.messages[0]
    assert not cast.gov.annual_reports.exists()
    obj = services.compute_government_report(cast.gov, 2025, acting_user=cast.supervisor, confirm_missing=True)
    assert obj.provenance["missing_departments"] == [cast.office.name]
    assert "按现有数据汇总" in obj.provenance["confirmations"][0] and cast.office.name in obj.provenance["confirmations"][0]
    from gongkai.audit.models import AuditEvent

    event = AuditEvent.objects.for_object(obj).get(action="report.computed")
    assert event.details["missing_departments"] == [cast.office.name] and event.details["confirmed_with_missing"]
    # Recomputing with the same departments missing needs no new confirmation; the note stays.
    again = services.compute_government_report(cast.gov, 2025, acting_user=cast.supervisor)
    assert again.provenance["confirmations"] == obj.provenance["confirmations"]
    assert obj.kind == ReportKind.GOVERNMENT and obj.agency == cast.gov
    table = Report.from_json(obj.data)
    assert table.t3("R1", "total").value == 3 + 2 + 1
    assert table.t3("R3a", "natural_person").value == 3
    assert table.t3("R4", "commercial").value == 2
    assert table.t3("R3d1", "research").value == 1
    names = [c["agency"] for c in obj.contributions]
    assert names == [cast.gov.name, cast.dept_a.name, cast.dept_b.name]
    assert obj.contributions[1]["status"] == "审核通过" and obj.contributions[1]["errors"] == 0
    assert obj.error_count == 0
    assert "本年新收政府信息公开申请6件" in obj.section1


def test_the_government_report_is_published_by_its_supervising_office(client, cast):
    client.force_login(cast.supervisor)
    response = client.post("/staff/reports/supervise/government/", {"year": 2025})
    assert response.status_code == 302 and "#aggregate" in response["Location"]  # departments missing
    assert not cast.gov.annual_reports.exists()
    page = client.get(response["Location"]).content.decode()
    assert "尚无审核通过的2025年度报告" in page and cast.dept_a.name in page and "按现有数据汇总" in page
    response = client.post("/staff/reports/supervise/government/", {"year": 2025, "confirm_missing": "1"})
    obj = cast.gov.annual_reports.get(year=2025)
    assert response.status_code == 302 and response["Location"] == f"/staff/reports/{obj.pk}/"
    client.post(f"/staff/reports/{obj.pk}/text/", {
        "section1": obj.section1.replace("（请填写）", "工作考核、社会评议和责任追究结果情况：……"),
        "section5": "改进。", "section6": obj.section6,
    })
    assert client.post(f"/staff/reports/{obj.pk}/submit/").status_code == 302
    assert client.post(f"/staff/reports/{obj.pk}/approve/").status_code == 302
    obj.refresh_from_db()
    services.publish_report(obj, acting_user=cast.supervisor, formats=("html", "json"))
    obj.refresh_from_db()
    assert obj.status == ReportStatus.PUBLISHED
    # Agency staff cannot touch the government's report.
    client.force_login(cast.head_a)
    assert client.get(f"/staff/reports/{obj.pk}/").status_code == 404


def test_urging_mails_the_departments_that_have_not_submitted_and_logs_it(client, cast, mailoutbox):
    from gongkai.agencies.models import User
    from gongkai.audit.models import AuditEvent

    User.objects.filter(pk=cast.handler_a.pk).update(email="kxj@example.gov.cn")
    User.objects.filter(pk=cast.handler_b.pk).update(email="jw@example.gov.cn")
    client.force_login(cast.supervisor)
    page = client.get("/staff/reports/supervise/?year=2025").content.decode()
    assert "尚未报送的部门 3 个" in page  # 区政府办, 区科信局, 区教委 (下属机构 report through their department)
    response = client.post("/staff/reports/supervise/urge/", {"year": 2025})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["jw@example.gov.cn", "kxj@example.gov.cn"]
    assert all("【催报】" in m.subject and "2025年度" in m.subject for m in mailoutbox)
    urged = AuditEvent.objects.filter(action="report.urged")
    assert {e.agency_id for e in urged} == {cast.office.pk, cast.dept_a.pk, cast.dept_b.pk}
    assert all(e.actor == cast.supervisor for e in urged)
    # The head of another agency cannot urge.
    client.force_login(cast.head_a)
    assert client.post("/staff/reports/supervise/urge/", {"year": 2025}).status_code == 403
