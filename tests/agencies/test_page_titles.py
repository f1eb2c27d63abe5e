"""Page titles read 「页面 · 机关 · gongkai」, every page has the one favicon, /favicon.ico resolves (issue 13)."""

import re


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_titles_name_the_page_the_agency_and_gongkai(client, cast):
    assert _title(client.get("/")) == "政府信息公开 · gongkai"
    assert _title(client.get("/accounts/login/")) == "工作人员登录 · gongkai"
    client.force_login(cast.head_a)
    assert _title(client.get("/staff/audit/")) == "审计日志 · 区科信局 · gongkai"
    assert _title(client.get("/staff/")) == "工作台 · 区科信局 · gongkai"
    agency_page = client.get(f"/gk/{cast.dept_b.slug}/")
    if agency_page.status_code == 200:  # a public page about another agency names that agency
        assert _title(agency_page) == "政府信息公开指南 · 区教委 · gongkai"
    for response in (client.get("/"), client.get("/staff/audit/")):
        body = response.content.decode()
        assert body.count('rel="icon"') == 1 and "gongkai/favicon.svg" in body
        assert "政府信息公开 · 政府信息公开" not in body


def test_favicon_ico_is_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("gongkai/favicon.svg")


def test_the_remedy_page_uses_the_shared_styles(client, cast):
    import datetime as dt

    from gongkai.core.vocabulary import RemedyKind
    from gongkai.remedies import services

    remedy = services.record_remedy(cast.dept_a, acting_user=cast.handler_a, kind=RemedyKind.REVIEW, applicant_name="张三",
                                    filed_on=dt.date(2024, 3, 1), body="北京市门头沟区人民政府")
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/remedies/{remedy.pk}/").content.decode()
    assert '<dl class="facts"' in body and 'class="panel' in body and 'class="field' in body
    assert _title(client.get(f"/staff/remedies/{remedy.pk}/")).endswith(" · 区科信局 · gongkai")
