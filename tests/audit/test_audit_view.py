"""/staff/audit/: read-only, filtered, paginated, scoped by Perm.AUDIT_VIEW."""

import datetime as dt

import time_machine

from gongkai.audit.services import record_event
from permissions import assert_no_access


def _actions(response):
    return {e.action for e in response.context["page"]}


def _events(cast):
    with time_machine.travel(dt.datetime(2025, 3, 3, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        record_event(cast.handler_a, "case.registered", cast.dept_a)
    with time_machine.travel(dt.datetime(2025, 3, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        record_event(cast.reviewer_a, "case.reply_approved", cast.dept_a)
        record_event(cast.handler_b, "case.registered", cast.dept_b)
        record_event(cast.other_supervisor, "report.approved", cast.other_gov)
        record_event(None, "report.reminder_due_soon", actor_label="系统")


def test_a_head_sees_its_agency_only(client, cast):
    _events(cast)
    client.force_login(cast.head_a)
    response = client.get("/staff/audit/")
    assert response.status_code == 200
    assert {(e.action, e.agency_id) for e in response.context["page"]} == {
        ("case.registered", cast.dept_a.pk), ("case.reply_approved", cast.dept_a.pk),
    }


def test_a_supervisor_sees_its_government_and_an_administrator_everything(client, cast):
    _events(cast)
    client.force_login(cast.supervisor)
    agencies = {e.agency_id for e in client.get("/staff/audit/").context["page"]}
    assert agencies == {cast.dept_a.pk, cast.dept_b.pk}
    client.force_login(cast.admin)
    assert len(client.get("/staff/audit/").context["page"]) == 5


def test_handlers_and_the_public_have_no_audit_view(client, cast):
    assert_no_access(client, cast.handler_a, ["/staff/audit/"], methods=["get"])
    assert_no_access(client, cast.public, ["/staff/audit/"], methods=["get"])
    response = client.logout() or client.get("/staff/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filters(client, cast):
    _events(cast)
    client.force_login(cast.admin)
    assert _actions(client.get("/staff/audit/", {"action": "case.registered"})) == {"case.registered"}
    assert _actions(client.get("/staff/audit/", {"actor": "李审核"})) == {"case.reply_approved"}
    assert _actions(client.get("/staff/audit/", {"actor": "reviewer_a"})) == {"case.reply_approved"}
    assert _actions(client.get("/staff/audit/", {"agency": cast.dept_b.pk})) == {"case.registered"}
    assert _actions(client.get("/staff/audit/", {"obj": "房山"})) == {"report.approved"}
    march_3 = client.get("/staff/audit/", {"date_from": "2025-03-01", "date_to": "2025-03-05"})
    assert _actions(march_3) == {"case.registered"} and len(march_3.context["page"]) == 1
    assert len(client.get("/staff/audit/", {"date_from": "2025-03-06"}).context["page"]) == 4


def test_bad_filters_get_chinese_errors_and_keep_the_input(client, cast):
    _events(cast)
    client.force_login(cast.head_a)
    response = client.get("/staff/audit/", {
        "date_from": "2025-13-01", "date_to": "2025-03-31", "agency": cast.other_gov.pk, "actor": "张经办",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效日期" in body and "请选择您有权查看的机关" in body
    assert 'value="张经办"' in body
    # The valid filter still applies, the invalid ones are ignored.
    assert _actions(response) == {"case.registered"}
    reversed_range = client.get("/staff/audit/", {"date_from": "2025-03-05", "date_to": "2025-03-01"})
    assert "截止日期不能早于起始日期" in reversed_range.content.decode()


def test_pagination(client, cast):
    for n in range(55):
        record_event(cast.admin, "agency.updated", cast.dept_a, details={"n": n})
    client.force_login(cast.head_a)
    first = client.get("/staff/audit/")
    assert len(first.context["page"]) == 50 and first.context["page"].paginator.num_pages == 2
    second = client.get("/staff/audit/", {"page": 2, "agency": cast.dept_a.pk})
    assert len(second.context["page"]) == 5
    assert f"agency={cast.dept_a.pk}&amp;page=1" in second.content.decode()  # filters survive paging
    assert len(client.get("/staff/audit/", {"page": "999"}).context["page"]) == 5  # out of range: last page
    assert client.get("/staff/audit/", {"page": "abc"}).status_code == 200


def test_the_detail_page_shows_the_details_in_scope_only(client, cast):
    mine = record_event(cast.handler_a, "case.registered", cast.dept_a, details={"申请人": "王某"})
    other = record_event(cast.handler_b, "case.registered", cast.dept_b)
    client.force_login(cast.head_a)
    body = client.get(f"/staff/audit/{mine.pk}/").content.decode()
    assert "申请人" in body and "王某" in body
    assert client.get(f"/staff/audit/{other.pk}/").status_code == 404
    assert client.get("/staff/audit/999999/").status_code == 404
