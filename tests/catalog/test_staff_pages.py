"""Staff pages: thin views over the services, Chinese errors, nothing typed is lost."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services
from gongkai.catalog.models import CatalogItem, FigureKind, Status, YearlyFigure


@pytest.fixture
def handler(client, cast):
    client.force_login(cast.handler_a)
    return client


def form_data(**kw):
    data = {"title": "关于公布2024年度科技项目的通知", "category": "20-11", "subject": "科技、教育", "genre": "notice",
            "formed_on": "2024-05-06", "body": "第一段\n第二段", "keywords": "科技 项目"}
    data.update(kw)
    return data


def test_staff_pages_need_login_and_catalogue_rights(client, cast):
    assert client.get("/staff/catalog/").status_code == 302
    client.force_login(cast.supervisor)
    assert client.get("/staff/catalog/").status_code == 403
    client.force_login(cast.public)
    assert client.get("/staff/catalog/new/").status_code == 403


def test_a_handler_creates_a_draft_from_plain_text(handler, cast):
    response = handler.post("/staff/catalog/new/", form_data(doc_no="门科信发[2024]7号"))
    item = CatalogItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/catalog/{item.pk}/"
    assert item.body == "<p>第一段</p><p>第二段</p>" and item.doc_no == "门科信发〔2024〕7号"
    # 20 working days after 2024-05-06, counting the 调休 Saturday 2024-05-11 as a working day.
    assert item.publish_due == dt.date(2024, 5, 31)


def test_bad_input_re_renders_with_everything_typed(handler):
    response = handler.post("/staff/catalog/new/", form_data(title="", formed_on="2099-01-01", body="保留的正文"))
    body = response.content.decode()
    assert response.status_code == 200 and not CatalogItem.objects.exists()
    assert "这个字段是必填项" in body and "不能晚于今天" in body
    assert "保留的正文" in body and "科技 项目" in body


def test_regulatory_genre_with_a_wrong_category_is_refused(handler):
    body = handler.post("/staff/catalog/new/", form_data(genre="normative")).content.decode()
    assert "规章和行政规范性文件属于条例第二十条第（一）项" in body


def test_the_workflow_through_the_pages(client, cast):
    client.force_login(cast.handler_a)
    client.post("/staff/catalog/new/", form_data())
    item = CatalogItem.objects.get()
    client.post(f"/staff/catalog/{item.pk}/submit/")
    assert CatalogItem.objects.get().status == Status.IN_REVIEW
    # The author sees no review buttons, and a forged POST is refused in Chinese.
    assert "审查通过" not in client.get(f"/staff/catalog/{item.pk}/").content.decode()
    forged = client.post(f"/staff/catalog/{item.pk}/approve/", {"note": ""})
    assert forged.status_code == 400 and "权限" in forged.content.decode()
    client.force_login(cast.reviewer_a)
    assert item.title in client.get("/staff/catalog/review/").content.decode()
    empty = client.post(f"/staff/catalog/{item.pk}/reject/", {"reason": ""})
    assert empty.status_code == 400 and "这个字段是必填项" in empty.content.decode()
    client.post(f"/staff/catalog/{item.pk}/approve/", {"note": "不涉密"})
    assert CatalogItem.objects.get().status == Status.APPROVED
    client.force_login(cast.handler_a)
    client.post(f"/staff/catalog/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.index_no
    page = client.get(f"/staff/catalog/{item.pk}/").content.decode()
    assert item.index_no in page and "第 4 版" in page and f"/gk/{cast.dept_a.slug}/item/{item.pk}/" in page
    client.post(f"/staff/catalog/{item.pk}/withdraw/", {"reason": "信息有误"})
    assert CatalogItem.objects.get().status == Status.WITHDRAWN


def test_other_agencies_items_are_not_found(client, cast, make_item):
    item = make_item()
    client.force_login(cast.handler_b)
    assert client.get(f"/staff/catalog/{item.pk}/").status_code == 404
    assert client.post(f"/staff/catalog/{item.pk}/submit/").status_code == 404


def test_revisions_are_viewable_with_changes_marked(handler, make_item, cast):
    item = make_item("第一稿")
    services.update_draft(item, {"title": "第二稿"}, acting_user=cast.handler_a)
    body = handler.get(f"/staff/catalog/{item.pk}/revisions/2/").content.decode()
    assert "第二稿" in body and "第一稿" in body and "有变化" in body


def test_attachments_are_checked_for_type_and_size(handler, make_item, settings):
    item = make_item()
    bad = handler.post(f"/staff/catalog/{item.pk}/attachments/", {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 400 and "类型不允许上传" in bad.content.decode()
    exe = handler.post(f"/staff/catalog/{item.pk}/attachments/", {"file": SimpleUploadedFile("通知.pdf", b"MZ\x90\0")})
    assert exe.status_code == 400 and "「通知.pdf」是可执行程序" in exe.content.decode()
    settings.UPLOAD_MAX_BYTES = 10
    big = handler.post(f"/staff/catalog/{item.pk}/attachments/", {"file": SimpleUploadedFile("a.pdf", b"x" * 11)})
    assert big.status_code == 400 and "的上限" in big.content.decode()
    ok = handler.post(f"/staff/catalog/{item.pk}/attachments/", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert ok.status_code == 302 and item.attachments.count() == 1
    att = item.attachments.get()
    assert handler.get(f"/staff/catalog/{item.pk}/attachments/{att.pk}/").status_code == 200


def test_the_list_warns_of_overdue_items(handler, make_item, cast):
    make_item("早已形成的信息", formed_on=dt.date(2024, 1, 2))
    body = handler.get("/staff/catalog/").content.decode()
    assert "已超期" in body and "有 1 条信息已超过条例第二十六条规定的公开期限" in body
    assert "早已形成的信息" in handler.get("/staff/catalog/?warn=overdue").content.decode()


def test_yearly_figures_page_saves_and_shows_table_2(handler, cast):
    response = handler.post(f"/staff/catalog/figures/?agency={cast.dept_a.pk}&year=2023",
                            {"permit": "5", "penalty": "", "coercion": "0", "fee": "1.5", "note": "财务科提供"})
    assert response.status_code == 302
    assert YearlyFigure.objects.get(kind=FigureKind.PERMIT, year=2023).value == 5
    body = handler.get(f"/staff/catalog/figures/?agency={cast.dept_a.pk}&year=2023").content.decode()
    assert "行政规范性文件" in body and "本年收费金额（单位：万元）" in body and "1.5" in body
    bad = handler.post(f"/staff/catalog/figures/?agency={cast.dept_a.pk}&year=2023", {"permit": "-1"})
    assert bad.status_code == 200 and "确保该值大于或等于0" in bad.content.decode()
