"""The public application form: no login, Chinese errors, nothing typed lost, tracking code shown once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.cases.models import Application, Attachment, EventKind, Status

from .conftest import applicant, id_card, uscc

pytestmark = pytest.mark.django_db


def form_data(agency, **overrides):
    data = applicant(**overrides)
    data["agency"] = str(agency.pk)
    data["needs_assistance"] = "on" if data["needs_assistance"] else ""
    return {k: v for k, v in data.items() if v is not False}


def test_the_form_explains_the_process_and_the_right_to_help(client, cast):
    body = client.get("/apply/").content.decode()
    assert "20个工作日" in body and "第四十三条" in body and "阅读困难或者视听障碍" in body
    assert '<label for="id_applicant_name">' in body  # every input has a visible label


def test_it_submits_without_login_and_shows_the_code_once(client, cast, clock):
    pdf = SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    resp = client.post("/apply/", {**form_data(cast.dept_a), "attachments": [pdf]})
    assert resp.status_code == 302 and resp["Location"] == "/apply/done/"
    case = Application.objects.get()
    assert case.status == Status.PENDING and case.received_on is None  # 第三十一条(三): awaits confirmation
    assert case.channel == "online" and case.agency == cast.dept_a
    assert case.events.get().kind == EventKind.SUBMITTED
    att = Attachment.objects.get()
    assert att.original_name == "身份证明.pdf" and att.case == case
    assert "media" not in att.file.path  # stored outside the web root
    done = client.get("/apply/done/").content.decode()
    code = done.split('data-testid="tracking-code"><strong>')[1].split("<")[0]
    assert len(code.replace("-", "")) == 20
    assert code not in str(Application.objects.values().get())  # only a hash is stored
    assert client.get("/apply/done/").status_code == 302  # shown once


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"id_number": "110105194912310020"}, "居民身份证号码校验位不正确"),
        ({"id_number": "11010519491231"}, "居民身份证号码应为18位"),
        ({"applicant_kind": "commercial", "id_type": "uscc", "id_number": "91110109123456780X"}, "统一社会信用代码"),
        ({"applicant_name": ""}, "请填写申请人姓名或组织名称"),
        ({"info_title": ""}, "请填写所需政府信息的名称"),
        ({"phone": "", "email": "", "address": ""}, "请至少填写一种联系方式"),
        ({"delivery": "email", "email": ""}, "请填写电子邮箱"),
        ({"applicant_kind": "natural_person", "id_type": "uscc", "id_number": uscc()}, "自然人请选择"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_keeps_what_was_typed(client, cast, overrides, field_message):
    data = form_data(cast.dept_a, info_description="我需要2025年的全部立项清单，谢谢", **overrides)
    resp = client.post("/apply/", data)
    body = resp.content.decode()
    assert resp.status_code == 400
    assert field_message in body
    assert "您已填写的内容都已保留" in body
    assert "我需要2025年的全部立项清单，谢谢" in body  # the textarea keeps its text
    if data.get("applicant_name"):
        assert f'value="{data["applicant_name"]}"' in body
    assert Application.objects.count() == 0


def test_a_valid_organisation_applies_with_its_credit_code(client, cast, clock):
    resp = client.post("/apply/", form_data(cast.dept_a, applicant_kind="research", applicant_name="某研究院",
                                             id_type="uscc", id_number=uscc("87654321"), contact_person="王五"))
    assert resp.status_code == 302
    assert Application.objects.get().applicant_kind == "research"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("病毒.exe", b"MZ\x90\x00", "类型不允许上传"),
        ("假的.pdf", b"GIF89a....", "内容与扩展名不符"),
        ("空.pdf", b"", "空文件"),
    ],
)
def test_forbidden_attachments_are_refused_and_the_form_kept(client, cast, name, content, message):
    f = SimpleUploadedFile(name, content)
    resp = client.post("/apply/", {**form_data(cast.dept_a, applicant_name="李四"), "attachments": [f]})
    body = resp.content.decode()
    assert resp.status_code == 400 and message in body
    assert 'value="李四"' in body
    assert "请重新选择附件" in body  # browsers cannot keep a chosen file: the page says so
    assert Application.objects.count() == 0


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_oversize_attachments_are_refused(client, cast):
    f = SimpleUploadedFile("大文件.pdf", b"%PDF" + b"0" * 2000)
    resp = client.post("/apply/", {**form_data(cast.dept_a), "attachments": [f]})
    assert resp.status_code == 400
    assert "超过了1 KB的上限" in resp.content.decode()
    assert Application.objects.count() == 0


def test_a_logged_in_applicant_sees_their_applications(client, cast, clock):
    client.force_login(cast.public)
    client.post("/apply/", form_data(cast.dept_a, id_number=id_card("11010519800101123")))
    case = Application.objects.get()
    assert case.applicant_user == cast.public
    body = client.get("/track/mine/").content.decode()
    assert case.number in body
    assert client.get(f"/track/mine/{case.pk}/").status_code == 200
    client.force_login(cast.handler_b)
    assert client.get(f"/track/mine/{case.pk}/").status_code == 404
