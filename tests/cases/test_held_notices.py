"""No document ever carries a missing statutory date (docs/law.md §9.3): 「待出具」 and 作废并重新出具.

A case received 2026-12-04 while 2027 is not entered: the 受理回执 (and a 延期答复告知书) cannot state
their dates, so they are held with a message naming the year and who must enter it; the case is
「期限待定」 with a provisional date; entering 2027 issues the held notices with the right dates."""

import datetime as dt
import re

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.cases import states
from gongkai.cases.actions import extension, notices
from gongkai.cases.actions.base import CaseError
from gongkai.cases.models import DocKind, Document, HeldNotice
from gongkai.workcal.services import enter_year_arrangement

pytestmark = pytest.mark.django_db
D = dt.date
# an illustrative 2027 arrangement: 元旦 1/1–1/3; 春节 2/5–2/13, 2/20 (Sat) worked
OFF_2027 = [(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 2, 5), D(2027, 2, 13), "春节")]
WORK_2027 = [(D(2027, 2, 20), "春节")]
BLANK = re.compile(r"即前|于前|在前|至。|（即）|\ue000")


def no_blank_dates():
    for doc in Document.objects.all():
        assert not BLANK.search(doc.body), (doc.title, doc.body)


def enter_2027(cast, capture):
    with capture(execute=True):
        enter_year_arrangement(2027, OFF_2027, WORK_2027, acting_user=cast.admin)


def test_a_december_case_holds_its_receipt_until_2027_is_entered(
    cast, register, clock, django_capture_on_commit_callbacks
):
    case = register(on=D(2026, 12, 4))
    sub = case._sub
    # the receipt is refused, with the year and who must act; the receipt of the case is recorded
    assert case.received_on == D(2026, 12, 4) and not case.documents.exists()
    assert any("2027年的节假日和调休安排尚未录入" in w and "系统管理员" in w for w in sub.warnings)
    held = HeldNotice.objects.get(case=case)
    assert held.waiting and held.kind == DocKind.RECEIPT and held.missing == ["due_date"] and held.missing_year == 2027
    assert AuditEvent.objects.filter(action="case.document_held").count() == 1
    assert case.events.filter(kind="document_held").exists()
    # 期限待定, with the provisional date; never 正常
    assert case.due_date is None and case.provisional_due == D(2027, 1, 4)
    assert states.state_of(case, states.Day(D(2026, 12, 4), D(2026, 12, 9))).label == "期限待定"
    assert states.state_of(case, states.Day(D(2026, 12, 30), D(2027, 1, 5))).label == "即将到期"
    no_blank_dates()

    clock.to(D(2026, 12, 10))
    enter_2027(cast, django_capture_on_commit_callbacks)
    held.refresh_from_db()
    case.refresh_from_db()
    doc = held.document
    assert doc is not None and doc.kind == DocKind.RECEIPT and doc.issued_on == D(2026, 12, 10)
    # 12/7–12/31: 19 working days; 1/1–1/3 off → 1/4 (Mon) is the 20th
    assert case.due_date == D(2027, 1, 4) and case.provisional_due is None
    assert "（即2027年1月4日前）" in doc.body
    assert AuditEvent.objects.filter(action="case.held_document_issued").count() == 1
    no_blank_dates()


def test_an_extension_notice_is_held_and_issued_with_both_dates(
    cast, register, clock, django_capture_on_commit_callbacks
):
    case = register(on=D(2026, 11, 27))  # due 2026-12-25: known
    assert case.due_date == D(2026, 12, 25) and case.documents.filter(kind=DocKind.RECEIPT).exists()
    clock.to(D(2026, 12, 15))
    extension.request_extension(case, acting_user=cast.handler_a, days=20, reason="需要调取档案")
    done = extension.approve_extension(case, acting_user=cast.head_a)
    assert done.document is None and any("延长后的答复期限" in w and "2027年" in w for w in done.warnings)
    assert not case.documents.filter(kind=DocKind.EXTENSION).exists()
    no_blank_dates()
    clock.to(D(2026, 12, 16))
    enter_2027(cast, django_capture_on_commit_callbacks)
    doc = case.documents.get(kind=DocKind.EXTENSION)
    # 20 more working days after 12/25: 12/28–12/31 (4); 1/1 元旦; 1/4–1/22 (15); 1/25 is the 20th
    assert "不能在2026年12月25日前作出答复" in doc.body and "将于2027年1月25日前作出答复" in doc.body
    no_blank_dates()


def test_a_held_notice_cannot_be_issued_by_hand_while_the_year_is_missing(cast, register, clock):
    case = register(on=D(2026, 12, 4))
    held = HeldNotice.objects.get(case=case)
    with pytest.raises(CaseError, match="2027年"):
        notices.issue_held_notice(held, acting_user=cast.handler_a)


def test_superseding_keeps_both_versions(cast, register, clock):
    case = register(on=D(2026, 3, 2))
    old = case.documents.get(kind=DocKind.RECEIPT)
    clock.to(D(2026, 3, 4))
    with pytest.raises(CaseError, match="理由"):
        notices.supersede_document(old, acting_user=cast.handler_a, reason=" ")
    done = notices.supersede_document(old, acting_user=cast.handler_a, reason="原回执申请编号有误")
    new = done.document
    old.refresh_from_db()
    assert new.pk != old.pk and new.number != old.number and new.kind == old.kind
    assert old.superseded_by == new and old.voided_on == D(2026, 3, 4) and old.voided_by == cast.handler_a
    assert old.void_reason == "原回执申请编号有误" and old.body  # the old text is kept as issued
    assert "2026年3月30日" in new.body
    assert case.documents.filter(kind=DocKind.RECEIPT).count() == 2
    event = AuditEvent.objects.get(action="case.document_superseded")
    assert event.details["old"] == old.number and event.details["new"] == new.number
    assert new.deliveries.filter(channel="email").exists()  # the applicant is told by the normal delivery
    with pytest.raises(CaseError, match="已经作废"):
        notices.supersede_document(old, acting_user=cast.handler_a, reason="再次")


def test_the_case_page_lists_held_notices_and_offers_superseding(client, cast, register, clock):
    from django.urls import reverse

    case = register(on=D(2026, 12, 4))
    client.force_login(cast.handler_a)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "待出具文书" in page and "所需日期落在2027年" in page
    assert "期限待定" in page
    inbox = client.get(reverse("cases:inbox")).content.decode()
    assert "期限待定" in inbox and "预计 2027-01-04（2027年安排未录入）" in inbox
    other = register(on=D(2026, 3, 2))
    doc = other.documents.get(kind=DocKind.RECEIPT)
    url = reverse("cases:document-supersede", args=[other.pk, doc.pk])
    client.post(url, {"reason": "地址有误"})
    doc.refresh_from_db()
    assert doc.voided_on is not None and doc.superseded_by is not None
    page = client.get(reverse("cases:detail", args=[other.pk])).content.decode()
    assert "已作废" in page and "地址有误" in page and doc.superseded_by.number in page
    # another agency's staff cannot supersede it
    client.force_login(cast.handler_b)
    new = doc.superseded_by
    assert client.post(reverse("cases:document-supersede", args=[other.pk, new.pk]), {"reason": "x"}).status_code in (403, 404)
    new.refresh_from_db()
    assert new.voided_on is None
