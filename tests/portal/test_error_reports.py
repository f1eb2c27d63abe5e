"""「我为政府网站找错」 (issue 17 item 1; docs/law.md §10.3): readers report, staff handle it in the 待办;
the footer shows the site's 标识码 and 备案 numbers from the settings."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.portal import services
from gongkai.portal.models import ErrorReport, ErrorStatus
from permissions import assert_no_access


def _post(client, cast, **overrides):
    data = {"agency": cast.dept_a.slug, "page_url": f"/gk/{cast.dept_a.slug}/", "kind": "typo",
            "description": "指南第四部分的传真号码少了一位。", "contact_name": "王先生", "contact": "13800001111",
            "website": "", **overrides}
    return client.post("/zhaocuo/", data)


def test_the_footer_link_fills_in_the_page_and_its_agency(client, cast):
    body = client.get(f"/gk/{cast.dept_a.slug}/").content.decode()
    assert f'href="/zhaocuo/?page=/gk/{cast.dept_a.slug}/&amp;agency={cast.dept_a.slug}"' in body
    form = client.get("/zhaocuo/", {"page": f"/gk/{cast.dept_a.slug}/", "agency": cast.dept_a.slug}).content.decode()
    assert f'value="/gk/{cast.dept_a.slug}/"' in form
    assert f'<option value="{cast.dept_a.slug}" selected>' in form
    assert '<label for="id_description">' in form and "<legend>问题类型" in form


def test_a_report_is_stored_audited_and_waits_in_the_handlers_todo(client, cast):
    response = _post(client, cast)
    assert response.status_code == 200 and "已收到您的纠错留言" in response.content.decode()
    report = ErrorReport.objects.get()
    assert report.agency == cast.dept_a and report.status == ErrorStatus.OPEN and report.kind == "typo"
    event = AuditEvent.objects.get(action="portal.error_reported")
    assert event.actor_label == "公众" and event.action_label == "网站纠错留言"
    client.force_login(cast.handler_a)
    todo = client.get("/staff/").content.decode()
    assert "网站纠错待处理" in todo and 'href="/staff/portal/errors/"' in todo
    listing = client.get("/staff/portal/errors/").content.decode()
    assert f'href="/staff/portal/errors/{report.pk}/"' in listing
    client.force_login(cast.handler_b)  # another agency's handler: nothing waits, nothing visible
    assert f"/staff/portal/errors/{report.pk}/" not in client.get("/staff/portal/errors/").content.decode()
    assert client.get(f"/staff/portal/errors/{report.pk}/").status_code == 404


def test_staff_mark_a_report_handled_once(client, cast):
    _post(client, cast)
    report = ErrorReport.objects.get()
    client.force_login(cast.handler_a)
    empty = client.post(f"/staff/portal/errors/{report.pk}/", {"valid": "1", "reply": ""})
    assert empty.status_code == 400 and "请写明处理结果" in empty.content.decode()
    done = client.post(f"/staff/portal/errors/{report.pk}/", {"valid": "1", "reply": "已更正传真号码。"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == ErrorStatus.HANDLED and report.valid is True and report.handled_by == cast.handler_a
    event = AuditEvent.objects.get(action="portal.error_report_handled")
    assert event.action_label == "处理网站纠错留言" and event.actor == cast.handler_a
    with pytest.raises(services.PortalError, match="已经处理过"):
        services.handle_error_report(report, acting_user=cast.handler_a, reply="再处理", valid=True)
    with pytest.raises(services.PortalError, match="只有处理机关的经办人"):
        services.handle_error_report(report, acting_user=cast.handler_b, reply="越权", valid=True)


def test_staff_pages_are_closed_to_others(client, cast):
    _post(client, cast)
    report = ErrorReport.objects.get()
    urls = ["/staff/portal/errors/", f"/staff/portal/errors/{report.pk}/"]
    assert_no_access(client, None, urls, secrets=["13800001111"])
    assert_no_access(client, cast.public, urls, secrets=["13800001111"])
    assert_no_access(client, cast.handler_b, urls[1:], secrets=["13800001111"])


def test_a_bot_filling_the_honeypot_gets_nothing_stored(client, cast):
    response = _post(client, cast, website="http://spam.example")
    assert response.status_code == 400 and "提交未成功" in response.content.decode()
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"description": ""}, "请描述发现的问题"),
    ({"kind": "nonsense"}, "请选择列表中的问题类型"),
    ({"agency": "no-such"}, "请选择列表中的机关"),
    ({"page_url": "javascript:alert(1)"}, "请填写以 http://、https:// 或 / 开头的网址"),
])
def test_bad_input_gets_a_chinese_message_and_keeps_the_text(client, cast, overrides, message):
    response = _post(client, cast, **overrides)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "王先生" in body
    assert not ErrorReport.objects.exists()


def test_reports_per_client_are_limited(client, cast, settings):
    settings.GONGKAI_LIMITS = {**settings.GONGKAI_LIMITS, "ERROR_REPORT_PER_CLIENT_PER_HOUR": 2}
    assert _post(client, cast).status_code == 200
    assert _post(client, cast).status_code == 200
    refused = _post(client, cast, description="第三条留言")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "一小时内最多提交2条" in body and "第三条留言" in body
    assert ErrorReport.objects.count() == 2


def test_the_footer_shows_the_site_identity_from_the_settings(client, db, settings):
    settings.GONGKAI_SITE = {"SPONSOR": "北京市门头沟区人民政府办公室", "CONTACT": "010-69852000",
                             "SITE_CODE": "1101090001", "ICP": "京ICP备00000000号", "PSB": "京公网安备 11010902000000号"}
    body = client.get("/").content.decode()
    for text in ("主办单位：北京市门头沟区人民政府办公室", "网站标识码：1101090001", "京ICP备00000000号",
                 "京公网安备 11010902000000号", "网站联系方式：010-69852000", "我为政府网站找错"):
        assert text in body, text
    settings.GONGKAI_SITE = {"SPONSOR": "", "CONTACT": "", "SITE_CODE": "", "ICP": "", "PSB": ""}
    assert "网站标识码" not in client.get("/").content.decode()
