"""Previews before approval (issue 12): the reviewer reads the exact 答复书 (PDF marked 「预览 · 未出具」,
no 文号, nothing stored or sent), the head sees the new due date with the clock's proof.

Registered 2026-03-02 (Mon); the plain due date is 2026-03-30; 2026-04-06 (清明) is a holiday.
"""

import datetime as dt
import subprocess

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.cases.actions.extension import approve_extension, preview_extension, request_extension
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import Counter, DocKind, Document
from gongkai.core.vocabulary import Outcome
from permissions import assert_no_access

pytestmark = pytest.mark.django_db
D = dt.date


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def in_review(cast, register, clock, agency_ready):
    case = register()
    clock.to(D(2026, 3, 10))
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="随本答复书提供立项清单一份。")
    case.refresh_from_db()
    return case


def test_the_reviewer_reads_the_exact_reply_before_approving(client, cast, in_review):
    case = in_review
    docs, counters = Document.objects.count(), list(Counter.objects.order_by("pk").values_list("series", "last"))
    client.force_login(cast.reviewer_a)
    # the approve panel's form (fetched when the panel opens)
    page = client.get(f"/staff/cases/{case.pk}/do/approve_reply/", headers={"HX-Request": "true"}).content.decode()
    url = f"/staff/cases/{case.pk}/reply-preview.pdf"
    assert 'data-testid="reply-preview"' in page and url in page
    resp = client.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"].startswith("inline")
    text = pdf_text(resp.content)
    assert "预览" in text and "未出具" in text and "不编文号" in text
    assert "随本答复书提供立项清单一份。" in text and "第三十六条第（二）项" in text
    # not a document: no number taken, nothing stored, nothing sent
    assert Document.objects.count() == docs and list(Counter.objects.order_by("pk").values_list("series", "last")) == counters
    assert not case.documents.filter(kind=DocKind.REPLY).exists()
    ev = AuditEvent.objects.filter(action="case.document_previewed").get()
    assert ev.actor == cast.reviewer_a and ev.details["issued"] is False

    # The issued 答复书 says what the preview said, with a number and without the mark.
    done = approve_reply(case, acting_user=cast.reviewer_a)
    body = done.document.body
    assert "随本答复书提供立项清单一份。" in body and "预览" not in body
    assert done.document.number.endswith("第2号")  # the receipt is 第1号: the preview took no number
    for line in ("随本答复书提供立项清单一份。",):
        assert line in text


def test_the_preview_is_permission_checked(client, cast, in_review):
    url = f"/staff/cases/{in_review.pk}/reply-preview.pdf"
    assert_no_access(client, cast.handler_b, [url], methods=("get",))  # another agency's case: 404
    assert_no_access(client, cast.public, [url], methods=("get",))
    assert_no_access(client, None, [url], methods=("get",))
    assert not AuditEvent.objects.filter(action="case.document_previewed").exists()


def test_no_preview_without_a_reply_in_review(client, cast, register):
    case = register()
    client.force_login(cast.reviewer_a)
    assert client.get(f"/staff/cases/{case.pk}/reply-preview.pdf").status_code == 404


def test_the_head_sees_the_new_due_date_with_the_proof(client, cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 20))
    request_extension(case, acting_user=cast.handler_a, days=20, reason="需要调取多个科室档案")
    preview = preview_extension(case)
    assert preview.old_due == D(2026, 3, 30) and preview.new_due == D(2026, 4, 28)
    assert any("20" in line for line in preview.proof)
    case.refresh_from_db()
    assert case.due_date == D(2026, 3, 30) and not case.extensions.filter(status="approved").exists()  # nothing written

    client.force_login(cast.head_a)
    page = client.get(f"/staff/cases/{case.pk}/do/extension_approve/", headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="extension-preview"' in page
    assert "原答复期限2026年3月30日" in page and "批准后答复期限为2026年4月28日" in page
    assert "计算过程" in page and "需要调取多个科室档案" in page
    done = approve_extension(case, acting_user=cast.head_a)
    assert case.due_date == preview.new_due and "2026年4月28日" in done.document.body


def test_the_extension_preview_is_provisional_when_the_year_is_unknown(cast, register, clock):
    case = register(on=D(2026, 12, 1))
    clock.to(D(2026, 12, 2))
    request_extension(case, acting_user=cast.handler_a, days=20, reason="档案较多")
    preview = preview_extension(case)
    assert preview.new_due is None and preview.provisional_due is not None
    assert preview.provisional_due.year == 2027
    assert "预计（2027年安排未录入）" in preview.summary
