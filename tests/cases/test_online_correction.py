"""补正 online: the tracking page shows the items and the deadline and takes a text and files; the
answer waits for staff confirmation (第三十一条第（三）项: the confirmation day is the receipt day)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.cases import applicant
from gongkai.cases.actions.correction import request_correction
from gongkai.cases.models import AttachmentRole, EventKind

pytestmark = pytest.mark.django_db
D = dt.date


def _track(client, case):
    return client.post("/track/", {"code": case._sub.tracking_code, "factor": "1234"}, follow=True)


def _correction(cast, register):
    case = register()
    request_correction(case, acting_user=cast.handler_a, items=["请写明所需信息的年度", "请说明项目名称"], deadline=D(2026, 3, 16))
    case.refresh_from_db()
    return case


def test_the_page_shows_the_items_and_takes_an_answer(client, cast, register):
    case = _correction(cast, register)
    page = _track(client, case).content.decode()
    assert "请写明所需信息的年度" in page and "请说明项目名称" in page and "2026年3月16日前" in page
    resp = client.post("/track/status/correction/", {
        "text": "所需信息为2025年度。", "files": [SimpleUploadedFile("补正.pdf", b"%PDF-1.4\n%%EOF\n")],
    }, follow=True)
    page = resp.content.decode()
    assert resp.status_code == 200 and "正在等待工作人员确认" in page and 'data-testid="correction-form"' not in page
    pending = applicant.pending_online_correction(case)
    assert pending.kind == EventKind.CORRECTION_SUBMITTED and pending.data["text"] == "所需信息为2025年度。"
    assert case.attachments.get(role=AttachmentRole.CORRECTION).original_name == "补正.pdf"


def test_an_empty_or_second_answer_is_refused(client, cast, register):
    case = _correction(cast, register)
    _track(client, case)
    empty = client.post("/track/status/correction/", {"text": "  "})
    assert empty.status_code == 400 and "请填写补正内容或上传补正材料" in empty.content.decode()
    client.post("/track/status/correction/", {"text": "第一次"})
    again = client.post("/track/status/correction/", {"text": "第二次"})
    assert again.status_code == 400 and "等待工作人员确认" in again.content.decode()


def test_a_bad_file_is_refused_with_the_text_kept(client, cast, register):
    case = _correction(cast, register)
    _track(client, case)
    resp = client.post("/track/status/correction/", {
        "text": "见附件", "files": [SimpleUploadedFile("a.exe", b"MZ\x90\x00")],
    })
    body = resp.content.decode()
    assert resp.status_code == 400 and "见附件" in body
    assert applicant.pending_online_correction(case) is None


def test_no_answer_outside_a_correction(client, cast, register):
    case = register()
    _track(client, case)
    resp = client.post("/track/status/correction/", {"text": "x"})
    assert resp.status_code == 400 and "不需要补正" in resp.content.decode()
    assert client.post("/track/status/correction/", {"text": "x"}, HTTP_COOKIE="").status_code in (302, 400)
