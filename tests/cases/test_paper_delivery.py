"""送达 as a legal fact (issue 12.2; docs/law.md §4.3): staff record 邮寄 / 直接 / 留置送达 of any issued
notice; for a 答复书 served on paper the 交邮日期 or 签收日期 is the reply date of the clock, the case
page, the tracking page and table 三; wrong dates are refused in Chinese; every record is audited."""

import datetime as dt
import io
import subprocess

import pdfplumber
import pytest

from gongkai.audit.models import AuditEvent
from gongkai.cases import clock as case_clock
from gongkai.cases import reporting
from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.actions.serving import record_paper_delivery
from gongkai.cases.models import DeliveryChannel, EventKind
from gongkai.core.audit_actions import action_label
from gongkai.core.vocabulary import Outcome

pytestmark = pytest.mark.django_db
D = dt.date


def _replied(cast, register, clock, on=D(2026, 3, 27), **data):
    case = register(**data)
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="见附件。")
    clock.to(on)
    approve_reply(case, acting_user=cast.reviewer_a, on=on)
    case.refresh_from_db()
    return case, case.documents.get(kind="reply")


def test_post_the_posting_day_is_the_reply_date(cast, register, clock, agency_ready):
    case, doc = _replied(cast, register, clock)  # due 2026-03-30; the reply is dated Fri 3/27
    assert case.due_date == D(2026, 3, 30) and case.decided_on == D(2026, 3, 27)
    clock.to(D(2026, 4, 2))
    done = record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no="1190012345678",
                                 posted_on=D(2026, 3, 31), expected_version=case.version)
    case.refresh_from_db()
    assert done.obj.served_on == D(2026, 3, 31) and done.obj.tracking_no == "1190012345678"
    # 235号: 「以交邮之日当日为期限计算时点」 — posted the day after the due date, the reply is late.
    assert case.decided_on == D(2026, 3, 31)
    assert any("逾期答复" in w for w in done.warnings)
    result = case_clock.compute(case, D(2026, 4, 2))
    assert result.overdue and "超过答复期限" in " ".join(result.proof)
    ev = case.events.get(kind=EventKind.DOCUMENT_SERVED)
    assert ev.on == D(2026, 3, 31) and ev.data["reply_date"] == "2026-03-31" and "邮寄单号1190012345678" in ev.text
    audit = AuditEvent.objects.get(action="case.document_served")
    assert audit.details["channel"] == "post" and audit.details["document"] == doc.number
    assert action_label("case.document_served") != "case.document_served"


def test_post_within_the_deadline_is_on_time_and_the_return_receipt_date_is_kept(cast, register, clock, agency_ready):
    case, doc = _replied(cast, register, clock)
    done = record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no="XA123",
                                 posted_on=D(2026, 3, 27), signed_on=None)
    case.refresh_from_db()
    assert case.decided_on == D(2026, 3, 27) and not done.warnings
    assert not case_clock.compute(case, D(2026, 4, 2)).overdue


def test_in_person_the_signing_day_counts(cast, register, clock, agency_ready):
    case, doc = _replied(cast, register, clock, on=D(2026, 3, 27))
    assert reporting.table3_for(cast.dept_a, 2026)["R3g"][-1] == 1
    clock.to(D(2026, 4, 1))
    record_paper_delivery(doc, acting_user=cast.handler_a, channel="in_person", signed_on=D(2026, 3, 30), signer="张三")
    case.refresh_from_db()
    assert case.decided_on == D(2026, 3, 30)
    assert not case_clock.compute(case, D(2026, 4, 1)).overdue  # signed on the due date itself


def test_the_year_of_the_reply_follows_the_served_date(cast, register, clock, agency_ready):
    case = register(on=D(2026, 12, 14))
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="见附件。")
    clock.to(D(2026, 12, 31))
    approve_reply(case, acting_user=cast.reviewer_a, on=D(2026, 12, 31))
    doc = case.documents.get(kind="reply")
    assert reporting.table3_for(cast.dept_a, 2026)["R3g"][-1] == 1
    clock.to(D(2027, 1, 4))
    record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no="1190000000001",
                          posted_on=D(2027, 1, 4))
    t26, t27 = reporting.table3_for(cast.dept_a, 2026), reporting.table3_for(cast.dept_a, 2027)
    assert t26["R3g"][-1] == 0 and t26["R4"][-1] == 1  # 结转下年度
    assert t27["R2"][-1] == 1 and t27["R3g"][-1] == 1


def test_left_needs_a_witness_and_the_reason_for_refusal(cast, register, clock, agency_ready):
    case, doc = _replied(cast, register, clock)
    with pytest.raises(CaseError, match="见证人") as exc:
        record_paper_delivery(doc, acting_user=cast.handler_a, channel="left", signed_on=D(2026, 3, 27))
    assert exc.value.field == "witness"
    with pytest.raises(CaseError, match="拒收事由"):
        record_paper_delivery(doc, acting_user=cast.handler_a, channel="left", signed_on=D(2026, 3, 27), witness="李四（社区居委会）")
    done = record_paper_delivery(doc, acting_user=cast.handler_a, channel="left", signed_on=D(2026, 3, 27),
                                 witness="李四（社区居委会）", note="申请人拒绝签收")
    assert done.obj.channel == DeliveryChannel.LEFT and done.obj.served_on == D(2026, 3, 27)


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"channel": "post", "tracking_no": "", "posted_on": D(2026, 3, 27)}, "tracking_no", "请填写邮寄单号"),
    ({"channel": "post", "tracking_no": "X1", "posted_on": None}, "posted_on", "请填写交邮日期"),
    ({"channel": "post", "tracking_no": "X1", "posted_on": D(2026, 3, 26)}, "posted_on", "交邮日期（2026年3月26日）不能早于文书日期（2026年3月27日）"),
    ({"channel": "post", "tracking_no": "X1", "posted_on": D(2026, 3, 28)}, "posted_on", "不能晚于今天"),
    ({"channel": "post", "tracking_no": "X1", "posted_on": D(2026, 3, 27), "signed_on": D(2026, 3, 26)}, "signed_on", "不能早于交邮日期"),
    ({"channel": "in_person", "signed_on": D(2026, 3, 27), "signer": ""}, "signer", "签收人"),
    ({"channel": "in_person", "signed_on": D(2026, 3, 20), "signer": "张三"}, "signed_on", "签收日期（2026年3月20日）不能早于文书日期"),
    ({"channel": "in_person", "signed_on": D(2026, 4, 1), "signer": "张三"}, "signed_on", "签收日期（2026年4月1日）不能晚于今天"),
    ({"channel": "email"}, "channel", "请选择送达方式"),
])
def test_wrong_input_gets_a_chinese_error_and_nothing_is_written(cast, register, clock, agency_ready, kwargs, field, message):
    case, doc = _replied(cast, register, clock)
    with pytest.raises(CaseError, match=message.replace("（", "\\（").replace("）", "\\）")) as exc:
        record_paper_delivery(doc, acting_user=cast.handler_a, **kwargs)
    assert exc.value.field == field
    assert not doc.deliveries.exclude(channel="email").exists()
    assert not AuditEvent.objects.filter(action="case.document_served").exists()
    case.refresh_from_db()
    assert case.decided_on == D(2026, 3, 27)


def test_served_once_and_only_by_staff_of_the_agency(cast, register, clock, agency_ready):
    case, doc = _replied(cast, register, clock)
    with pytest.raises(CaseError, match="权限"):
        record_paper_delivery(doc, acting_user=cast.handler_b, channel="in_person", signed_on=D(2026, 3, 27), signer="张三")
    record_paper_delivery(doc, acting_user=cast.handler_a, channel="in_person", signed_on=D(2026, 3, 27), signer="张三")
    with pytest.raises(CaseError, match="不能重复登记"):
        record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no="X", posted_on=D(2026, 3, 27))


def test_a_notice_other_than_the_reply_is_served_without_touching_the_clock(cast, register, clock):
    case = register()  # the 受理回执
    receipt = case.documents.get(kind="receipt")
    due = case.due_date
    record_paper_delivery(receipt, acting_user=cast.handler_a, channel="in_person", signed_on=D(2026, 3, 2), signer="张三")
    case.refresh_from_db()
    assert case.due_date == due and case.decided_on is None
    assert "reply_date" not in case.events.get(kind=EventKind.DOCUMENT_SERVED).data


def test_an_emailed_reply_keeps_its_date(cast, register, clock, agency_ready, django_capture_on_commit_callbacks):
    case = register(delivery="email")
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="见附件。")
    clock.to(D(2026, 3, 27))
    with django_capture_on_commit_callbacks(execute=True):
        approve_reply(case, acting_user=cast.reviewer_a, on=D(2026, 3, 27))
    doc = case.documents.get(kind="reply")
    clock.to(D(2026, 4, 3))
    record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no="X9", posted_on=D(2026, 4, 3))
    case.refresh_from_db()
    assert case.decided_on == D(2026, 3, 27)  # the e-mail reached the applicant first


def test_the_case_page_action_and_the_tracking_page(client, cast, register, clock, agency_ready):
    case, doc = _replied(cast, register, clock)
    client.force_login(cast.handler_a)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "登记送达" in page and f'data-testid="unserved-{doc.pk}"' in page and "尚未登记送达" in page
    panel = client.get(f"/staff/cases/{case.pk}/do/serve/", headers={"HX-Request": "true"}).content.decode()
    assert "邮寄单号" in panel and "见证人" in panel and doc.number in panel
    bad = client.post(f"/staff/cases/{case.pk}/do/serve/", {
        "serve-version": case.version, "serve-document": doc.pk, "serve-channel": "post",
        "serve-tracking_no": "1190012345678", "serve-posted_on": "2026-03-20"})
    assert bad.status_code == 400 and "不能早于文书日期" in bad.content.decode()
    assert "1190012345678" in bad.content.decode()  # nothing the user typed is lost
    ok = client.post(f"/staff/cases/{case.pk}/do/serve/", {
        "serve-version": case.version, "serve-document": doc.pk, "serve-channel": "post",
        "serve-tracking_no": "1190012345678", "serve-posted_on": "2026-03-27"})
    assert ok.status_code == 302
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "邮寄单号 1190012345678，2026-03-27交邮" in page and f'data-testid="unserved-{doc.pk}"' not in page
    assert "送达之日，国办公开办函〔2016〕235号" in page
    # The tracking page (code + second factor) says so too.
    client.logout()
    client.post("/track/", {"code": case._sub.tracking_code, "factor": "1234"})
    track = client.get("/track/status/").content.decode()
    assert "邮寄送达，2026年3月27日交邮" in track and "以交邮之日为答复日期" in track


def test_the_service_receipt_renders(client, cast, register, clock, agency_ready, tmp_path):
    case, doc = _replied(cast, register, clock)
    record_paper_delivery(doc, acting_user=cast.handler_a, channel="left", signed_on=D(2026, 3, 27),
                          witness="李四（社区居委会）", note="称不需要纸质答复书")
    client.force_login(cast.handler_a)
    resp = client.get(f"/staff/cases/{case.pk}/documents/{doc.pk}/service-receipt.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(resp.content)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4
        text = page.extract_text().replace(" ", "").replace("\n", "")
    # (cells are read row by row, so a label column's second line interleaves: look for short pieces)
    for expected in ("送达回证", doc.number.split("公开")[-1], "留置送达", "2026年3月27日", "李四（社区居委会）",
                     "拒收事由", str(cast.handler_a), "受送达人签名或盖章"):
        assert expected in text
    (tmp_path / "receipt.pdf").write_bytes(resp.content)
    import os

    if os.environ.get("GONGKAI_KEEP_PRINTS"):  # to look at it: GONGKAI_KEEP_PRINTS=/some/dir
        (__import__("pathlib").Path(os.environ["GONGKAI_KEEP_PRINTS"]) / "service-receipt.pdf").write_bytes(resp.content)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(tmp_path / "receipt.pdf"), str(tmp_path / "receipt")], check=True)
    assert list(tmp_path.glob("receipt*.png"))
    docx = client.get(f"/staff/cases/{case.pk}/documents/{doc.pk}/service-receipt.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert AuditEvent.objects.filter(action="case.service_receipt_viewed").count() == 2
    other = client.get(f"/staff/cases/{case.pk}/documents/{doc.pk}/service-receipt.txt")
    assert other.status_code == 404
