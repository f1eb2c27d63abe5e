"""Notices reach the applicant: e-mailed after the issuing transaction commits, with the PDF and the
supplied files (or a link above the size limit), retried, failures visible; every notice and file
downloadable on the tracking page, each download logged."""

import io
import zipfile

import pdfplumber
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.cases import delivery
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import DeliveryStatus
from gongkai.core.vocabulary import Outcome

pytestmark = pytest.mark.django_db


def xlsx(rows=3) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(rows):
        wb.active.append([f"项目{i}", i * 100])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_notice_is_emailed_after_commit_with_its_pdf(cast, register, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = register()  # issues the 受理回执, which queues its delivery
    doc = case.documents.get()
    d = doc.deliveries.get()
    assert mail.outbox == [] and d.status == DeliveryStatus.PENDING  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and d.attempts == 1
    (msg,) = mail.outbox
    assert msg.to == ["zhangsan@example.com"] and "受理回执" in msg.subject and doc.number in msg.subject
    name, data, mimetype = msg.attachments[0]
    assert name == f"{doc.title}（{doc.number}）.pdf" and mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "受理回执" in pdf.pages[0].extract_text()
    assert AuditEvent.objects.filter(action="case.notice_emailed").count() == 1
    assert delivery.deliver_document(doc) == d  # idempotent: not queued twice


def test_no_email_address_means_no_email(cast, register):
    case = register(email="")
    assert delivery.deliver_document(case.documents.get()) is None


def _replied_with_file(cast, register, clock, content: bytes, name="立项清单.xlsx", capture=None):
    import contextlib
    import datetime as dt

    case = register()
    draft_reply(
        case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="见附件。", provide_form="email", delivery="email",
        files=[SimpleUploadedFile(name, content)],
    )
    clock.to(dt.date(2026, 3, 9))
    mail.outbox.clear()
    with capture(execute=True) if capture else contextlib.nullcontext():
        approve_reply(case, acting_user=cast.reviewer_a)
    return case, case.documents.filter(kind="reply").get()


def test_the_reply_carries_the_supplied_files(cast, register, clock, agency_ready, django_capture_on_commit_callbacks):
    content = xlsx()
    case, doc = _replied_with_file(cast, register, clock, content, capture=django_capture_on_commit_callbacks)
    d = doc.deliveries.get()
    (msg,) = mail.outbox
    names = [a[0] for a in msg.attachments]
    assert names == [delivery.pdf_name(doc), "立项清单.xlsx"]
    assert msg.attachments[1][1] == content
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(msg.attachments[1][1])).active["A1"].value == "项目0"
    assert "随本邮件附送答复提供的文件：立项清单.xlsx" in msg.body
    assert d.attached == names and d.linked == []


def test_files_over_the_limit_are_linked_not_attached(cast, register, clock, agency_ready, settings,
                                                      django_capture_on_commit_callbacks):
    settings.MAIL_ATTACH_MAX_BYTES = 1  # the PDF notice always goes; the file does not fit
    case, doc = _replied_with_file(cast, register, clock, xlsx(), capture=django_capture_on_commit_callbacks)
    (msg,) = mail.outbox
    assert [a[0] for a in msg.attachments] == [delivery.pdf_name(doc)]
    assert "超过邮件附件大小上限" in msg.body and "立项清单.xlsx" in msg.body and "/track/" in msg.body


def test_a_failing_send_is_retried_then_shown_to_staff(cast, register, settings, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    calls = []

    def boom(self, *args, **kwargs):
        calls.append(1)
        raise OSError("550 mailbox unavailable")

    monkeypatch.setattr(EmailMessage, "send", boom)
    settings.MAIL_DELIVERY_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
    d = case.documents.get().deliveries.get()
    # The immediate engine cannot wait: the retries run at once, bounded by the attempt count.
    assert len(calls) == 3 and d.attempts == 3 and d.status == DeliveryStatus.FAILED
    assert "550" in d.last_error
    assert list(delivery.failed_deliveries()) == [d]
    assert list(delivery.failed_deliveries([cast.dept_b])) == []
    assert AuditEvent.objects.filter(action="case.notice_email_failed").count() == 1


# -- the tracking page --------------------------------------------------------------------------


def _track(client, case):
    resp = client.post("/track/", {"code": case._sub.tracking_code, "factor": "1234"}, follow=True)
    assert resp.status_code == 200
    return resp.content.decode()


def test_the_tracking_page_lists_notices_and_files_for_download(client, cast, register, clock, agency_ready):
    content = xlsx()
    case, reply_doc = _replied_with_file(cast, register, clock, content)
    page = _track(client, case)
    receipt = case.documents.get(kind="receipt")
    assert receipt.title in page and reply_doc.number in page and "立项清单.xlsx" in page
    pdf = client.get(f"/track/status/documents/{reply_doc.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "filename*=utf-8''" in pdf["Content-Disposition"].lower()
    att = case.attachments.get(original_name="立项清单.xlsx")
    got = client.get(f"/track/status/files/{att.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == content
    logged = AuditEvent.objects.filter(action__in=["case.document_downloaded", "case.file_downloaded"])
    assert logged.count() == 2


def test_downloads_need_the_tracked_case(client, cast, register, clock):
    mine = register()
    other = register(phone="13900009999")
    _track(client, mine)
    assert client.get(f"/track/status/documents/{other.documents.get().pk}.pdf").status_code == 404
    assert client.get(f"/track/status/documents/{mine.documents.get().pk}.pdf").status_code == 200
    client.logout()
    fresh = client.__class__()
    assert fresh.get(f"/track/status/documents/{mine.documents.get().pk}.pdf").status_code == 404


def test_an_unused_zip_is_not_needed(cast):
    # Guard against a silent change of the e-mail size setting's unit (MB → bytes).
    from django.conf import settings

    assert settings.MAIL_ATTACH_MAX_BYTES >= 1024 * 1024
    assert zipfile.is_zipfile(io.BytesIO(xlsx()))
