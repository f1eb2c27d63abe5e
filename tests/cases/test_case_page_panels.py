"""The case page's action panels: closed and empty, each form fetched when its panel opens (htmx), a page of
its own without JavaScript; a form sent back with errors is shown open; viewing is logged once (issue 16)."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_panels_are_empty_until_opened(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/cases/{case.pk}/").content.decode()
    for key, label in (("extension", "申请延期答复"), ("reply", "拟定答复"), ("assign", "分配经办人")):
        url = f"/staff/cases/{case.pk}/do/{key}/"
        assert f'<details class="action" id="action-{key}" hx-get="{url}" hx-trigger="toggle once"' in body
        assert f"<summary>{label}</summary>" in body
        assert f'<a href="{url}">打开「{label}」表单</a>' in body  # the no-JavaScript way
        assert f'id="id_{key}-' not in body  # no widget drawn for a closed panel
    assert "<form" not in body.split('id="actions-h"', 1)[1].split("</section>", 1)[0]


def test_opening_a_panel_fetches_its_form(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    url = f"/staff/cases/{case.pk}/do/extension/"
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "<h1" not in fragment
    assert f'<form method="post" action="{url}"' in fragment
    assert 'name="csrfmiddlewaretoken"' in fragment
    assert f'name="extension-version" value="{case.version}"' in fragment
    assert 'id="id_extension-days"' in fragment and "<label for=\"id_extension-days\">" in fragment
    assert ">申请延期答复</button>" in fragment


def test_without_javascript_the_form_is_a_page_of_its_own(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    url = f"/staff/cases/{case.pk}/do/reply/"
    page = client.get(url).content.decode()
    assert "<html" in page and "<h1>拟定答复" in page
    assert f'<a href="/staff/cases/{case.pk}/">返回申请 {case.number}</a>' in page
    assert f'<form method="post" action="{url}"' in page and 'id="id_reply-outcome"' in page
    resp = client.post(url, {"reply-version": case.version, "reply-outcome": "disclose", "reply-body": "随本答复书提供。"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == "review"


def test_an_action_the_state_no_longer_allows_says_so(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    url = f"/staff/cases/{case.pk}/do/approve_reply/"  # a reviewer's action, and not in this state
    assert client.get(url).status_code == 403  # the handler lacks the permission altogether
    client.force_login(cast.reviewer_a)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "「审核通过并发出答复」现在不能进行" in fragment and "<form" not in fragment
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"] == f"/staff/cases/{case.pk}/"
    assert "现在不能进行" in client.get(resp["Location"]).content.decode()


def test_a_form_with_errors_comes_back_open_with_what_was_typed(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    resp = client.post(f"/staff/cases/{case.pk}/do/extension/",
                       {"extension-version": case.version, "extension-days": "30", "extension-reason": "档案很多"})
    body = resp.content.decode()
    assert resp.status_code == 400
    assert '<details class="action" id="action-extension" open>' in body
    assert "最长不得超过20个工作日" in body and "档案很多" in body
    assert '<details class="action" id="action-reply" hx-get=' in body  # the others stay closed


def test_fetching_a_form_is_not_a_view_of_personal_data_but_the_page_is(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    before = AuditEvent.objects.filter(action="case.viewed").count()
    client.get(f"/staff/cases/{case.pk}/do/extension/", headers={"HX-Request": "true"})
    assert AuditEvent.objects.filter(action="case.viewed").count() == before
    client.get(f"/staff/cases/{case.pk}/")
    assert AuditEvent.objects.filter(action="case.viewed").count() == before + 1


def test_another_agencys_action_form_is_not_found(client, cast, register):
    case = register()
    client.force_login(cast.handler_b)
    assert client.get(f"/staff/cases/{case.pk}/do/extension/").status_code == 404
