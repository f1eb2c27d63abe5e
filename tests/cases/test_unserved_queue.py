"""「待送达」 (issue 13.1): the handler's count of issued notices/replies for applicants who chose paper
(邮寄, 当面领取) not yet recorded as served, plus e-mails that failed every attempt; it links to the
inbox filtered by the same definition (cases.worklists.unserved_documents)."""

import datetime as dt

import pytest

from gongkai.agencies import queues
from gongkai.cases import worklists
from gongkai.cases.actions.serving import record_paper_delivery
from gongkai.cases.models import Application, DeliveryChannel, DeliveryStatus, DocumentDelivery

pytestmark = pytest.mark.django_db


def _queue(user):
    return {w.queue.key: w for w in queues.waiting_for(user)}["cases.delivery_pending"]


def test_paper_choices_count_until_served(client, cast, register):
    by_post = register(delivery="post")
    pickup = register(delivery="pickup", applicant_name="李四")
    register(delivery="email")  # e-mailed: not waiting for staff
    register(delivery="online", email="")  # the tracking page: not waiting for staff
    w = _queue(cast.handler_a)
    assert w.count == 2 and w.url == "/staff/cases/?work=delivery_pending&scope=all"
    assert set(worklists.in_work(Application.objects.all(), "delivery_pending")) == {by_post, pickup}
    client.force_login(cast.handler_a)
    listed = client.get(w.url).content.decode()
    assert by_post.number in listed and pickup.number in listed
    record_paper_delivery(by_post.documents.get(), acting_user=cast.handler_a, channel="in_person",
                          signed_on=dt.date(2026, 3, 2), signer="张三")
    assert _queue(cast.handler_a).count == 1
    assert _queue(cast.handler_b).count == 0  # another agency's handler


def test_a_failed_email_counts_until_sent_or_served(cast, register):
    case = register(delivery="email")
    doc = case.documents.get()
    d = doc.deliveries.get(channel=DeliveryChannel.EMAIL)
    assert _queue(cast.handler_a).count == 0
    DocumentDelivery.objects.filter(pk=d.pk).update(status=DeliveryStatus.FAILED, attempts=5)
    assert _queue(cast.handler_a).count == 1
    record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no="1190000000002",
                          posted_on=dt.date(2026, 3, 2))
    assert _queue(cast.handler_a).count == 0


def test_a_voided_notice_is_not_waiting(cast, register):
    from gongkai.cases.actions.notices import supersede_document

    case = register(delivery="post")
    old = case.documents.get()
    supersede_document(old, acting_user=cast.handler_a, reason="申请人姓名有误")
    unserved = list(worklists.unserved_documents().filter(case=case))
    assert old not in unserved and len(unserved) == 1


def test_the_case_page_rule_agrees_with_the_query(cast, register):
    from gongkai.cases.models import Document

    register(delivery="post")
    register(delivery="pickup", applicant_name="李四")
    register(delivery="email")
    register(delivery="email", email="", applicant_name="王五")
    register(delivery="online", email="", applicant_name="赵六")
    failed = register(delivery="email", applicant_name="钱七")
    DocumentDelivery.objects.filter(document__case=failed).update(status=DeliveryStatus.FAILED)
    served = register(delivery="post", applicant_name="孙八")
    record_paper_delivery(served.documents.get(), acting_user=cast.handler_a, channel="in_person",
                          signed_on=dt.date(2026, 3, 2), signer="孙八")
    docs = Document.objects.select_related("case").prefetch_related("deliveries")
    by_rule = {d.pk for d in docs if worklists.is_unserved(d, d.case)}
    assert by_rule == set(worklists.unserved_documents().values_list("pk", flat=True))
    assert len(by_rule) == 4  # post, pickup, e-mail without an address, the failed e-mail
