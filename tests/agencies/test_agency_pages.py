"""Staff pages of an agency: the 第十二条 facts, readable in scope, editable with AGENCY_MANAGE."""

from gongkai.audit.models import AuditEvent


def test_the_list_shows_only_agencies_in_scope(client, cast):
    client.force_login(cast.handler_a)
    body = client.get("/staff/agencies/").content.decode()
    assert cast.dept_a.name in body and cast.dept_b.name not in body
    client.force_login(cast.supervisor)
    body = client.get("/staff/agencies/").content.decode()
    assert cast.dept_a.name in body and cast.dept_b.name in body and cast.other_gov.name not in body


def test_the_detail_page_shows_the_article_12_facts(client, cast):
    cast.dept_a.address = "北京市门头沟区新桥大街13号"
    cast.dept_a.office_hours = "工作日 9:00—17:00"
    cast.dept_a.save()
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/agencies/{cast.dept_a.slug}/").content.decode()
    for text in ("办公地址", "北京市门头沟区新桥大街13号", "办公时间", "工作日 9:00—17:00", "传真号码", "联系电话"):
        assert text in body
    assert "编辑机关信息" not in body  # a handler reads, does not edit


def test_a_handler_may_not_edit_even_its_own_agency(client, cast):
    client.force_login(cast.handler_a)
    assert client.get(f"/staff/agencies/{cast.dept_a.slug}/edit/").status_code == 403
    assert client.post(f"/staff/agencies/{cast.dept_a.slug}/edit/", {"address": "x"}).status_code == 403


def test_an_administrator_edits_the_facts_and_the_change_is_audited(client, cast):
    client.force_login(cast.admin)
    url = f"/staff/agencies/{cast.dept_a.slug}/edit/"
    form = client.get(url)
    assert form.status_code == 200 and "办公地址" in form.content.decode()
    response = client.post(url, {
        "short_name": "区科信局", "uscc": cast.dept_a.uscc, "address": "北京市门头沟区新桥大街13号",
        "office_hours": "工作日", "phone": "010-69851003", "email": "gk@bjmtg.example",
        "website": "www.bjmtg.example",
    })
    assert response.status_code == 302
    cast.dept_a.refresh_from_db()
    assert cast.dept_a.address == "北京市门头沟区新桥大街13号"
    assert cast.dept_a.website == "https://www.bjmtg.example"
    event = AuditEvent.objects.get(action="agency.updated")
    assert event.actor == cast.admin and event.agency == cast.dept_a
    assert event.details["changed"]["address"] == ["", "北京市门头沟区新桥大街13号"]


def test_bad_input_is_answered_in_chinese_and_kept(client, cast):
    client.force_login(cast.admin)
    response = client.post(f"/staff/agencies/{cast.dept_a.slug}/edit/", {
        "uscc": "", "org_code": "", "email": "不是邮箱", "address": "保留的地址",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "至少填写一项" in body and "请输入有效的电子邮件地址" in body
    assert "保留的地址" in body and "不是邮箱" in body
    assert not AuditEvent.objects.filter(action="agency.updated").exists()
