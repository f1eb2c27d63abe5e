"""Staff and public pages of the report workflow: permissions, forms that keep input, downloads."""

import re

import pytest

from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportStatus


@pytest.fixture
def draft(cast):
    obj = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    return services.save_report_text(obj, acting_user=cast.head_a, section1=obj.section1.replace("（请填写）", "已完成。"),
                                     section5="问题与改进。", section6=obj.section6)


def test_staff_generate_a_report_from_the_list_page(client, cast):
    client.force_login(cast.handler_a)
    assert client.get("/staff/reports/").status_code == 200
    response = client.post("/staff/reports/compute/", {"c-agency": cast.dept_a.pk, "c-year": 2025})
    obj = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/reports/{obj.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "一、本年新收政府信息公开申请数量" in body and "校验" in body and "区科信局" in body


def test_a_bad_year_gets_a_chinese_error(client, cast):
    client.force_login(cast.handler_a)
    response = client.post("/staff/reports/compute/", {"c-agency": cast.dept_a.pk, "c-year": "二〇二五"})
    assert response.status_code == 400 and "年度须为四位数字" in response.content.decode()
    response = client.post("/staff/reports/compute/", {"c-agency": cast.dept_b.pk, "c-year": 2025})
    assert response.status_code == 400 and "请选择您有权操作的机关" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_other_agencies_see_404_and_the_supervisor_sees_the_report(client, cast, draft):
    url = f"/staff/reports/{draft.pk}/"
    client.force_login(cast.handler_b)
    assert client.get(url).status_code == 404
    client.force_login(cast.other_supervisor)
    assert client.get(url).status_code == 404
    client.force_login(cast.supervisor)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'action="/staff/reports/{draft.pk}/submit/"' not in body  # the supervisor does not submit
    assert f'action="/staff/reports/{draft.pk}/text/"' not in body  # nor edit the department's text
    client.force_login(cast.head_a)
    assert f'action="/staff/reports/{draft.pk}/submit/"' in client.get(url).content.decode()


def test_only_the_head_submits_and_only_the_supervisor_approves(client, cast, draft):
    client.force_login(cast.handler_a)
    assert client.post(f"/staff/reports/{draft.pk}/submit/").status_code == 403
    client.force_login(cast.head_a)
    assert client.post(f"/staff/reports/{draft.pk}/submit/").status_code == 302
    assert client.post(f"/staff/reports/{draft.pk}/approve/").status_code == 403
    client.force_login(cast.supervisor)
    assert client.post(f"/staff/reports/{draft.pk}/approve/").status_code == 302
    client.force_login(cast.head_a)
    response = client.post(f"/staff/reports/{draft.pk}/publish/", follow=True)
    assert "已在门户网站公开" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED


def test_saving_text_keeps_it_and_revalidates(client, cast, draft):
    client.force_login(cast.handler_a)
    text = draft.section1 + "本年新收政府信息公开申请99件。"
    response = client.post(f"/staff/reports/{draft.pk}/text/", {"section1": text, "section5": "改进", "section6": "无"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.section1 == text.strip()


def test_a_returned_report_shows_the_comment_and_a_missing_comment_is_refused(client, cast, draft):
    services.submit_report(draft, acting_user=cast.head_a)
    client.force_login(cast.supervisor)
    response = client.post(f"/staff/reports/{draft.pk}/return/", {"comment": ""})
    assert response.status_code == 400 and "须填写修改意见" in response.content.decode()
    client.post(f"/staff/reports/{draft.pk}/return/", {"comment": "请补充第五部分。"})
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/reports/{draft.pk}/").content.decode()
    assert "请补充第五部分。" in body and "退回修改" in body


def test_the_public_page_and_downloads_exist_only_once_published(client, cast, draft, django_capture_on_commit_callbacks):
    assert client.get("/nianbao/dept-a/2025/").status_code == 404
    obj = services.approve_report(services.submit_report(draft, acting_user=cast.head_a), acting_user=cast.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_report(obj, acting_user=cast.supervisor, formats=("html", "docx", "json"))
    page = client.get("/nianbao/dept-a/2025/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "北京市门头沟区科学技术和信息化局2025年政府信息公开工作年度报告" in re.sub(r"<[^>]+>", "", body)
    assert "/nianbao/dept-a/2025/docx/" in body
    docx = client.get("/nianbao/dept-a/2025/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK" and "attachment" in docx["Content-Disposition"]
    data = client.get("/nianbao/dept-a/2025/json/").json()
    assert data["year"] == 2025 and data["agency"] == cast.dept_a.name
    assert client.get("/nianbao/dept-a/2025/pdf/").status_code == 404  # not rendered in this test
