"""Case work waiting for a person — defined once, read by the inbox filter 「待办」 and the 待办 queues
(cases/queues.py). The clock states (待确认, 即将到期, 已逾期 …) are `states.py`; these are the steps
the workflow waits on: an approval, a review, the applicant's answer, a delivery.

Each item is a `Q` over `Application` built from `Exists` subqueries (no join, so no duplicate rows and
the inbox's index order is kept).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from .models import (
    APPLICANT_DOC_KINDS,
    PAPER_CHANNELS,
    ApprovalStatus,
    CaseEvent,
    Delivery,
    DeliveryChannel,
    DeliveryStatus,
    Document,
    DocumentDelivery,
    EventKind,
    Extension,
    FeeNotice,
    FeeStatus,
    Reply,
    ReplyStatus,
    Status,
)


@dataclass(frozen=True)
class WorkItem:
    key: str
    label: str
    q: Callable[[], Q]


def _extension_requested() -> Q:
    return Q(Exists(Extension.objects.filter(case=OuterRef("pk"), status=ApprovalStatus.REQUESTED)))


def _fee_proposed() -> Q:
    return Q(Exists(FeeNotice.objects.filter(case=OuterRef("pk"), status=FeeStatus.PROPOSED)))


def _reply_to_review() -> Q:
    return Q(Exists(Reply.objects.filter(case=OuterRef("pk"), status=ReplyStatus.DRAFT)))


def _correction_answered() -> Q:
    """Waiting for 补正 and the applicant answered online after the 补正告知 (applicant.pending_online_correction)."""
    requested = (CaseEvent.objects.filter(case=OuterRef(OuterRef("pk")), kind=EventKind.CORRECTION_REQUESTED)
                 .order_by("-on", "-id").values("id")[:1])
    answered = CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.CORRECTION_SUBMITTED,
                                        id__gt=Subquery(requested))
    return Q(status=Status.CORRECTION) & Q(Exists(answered))


#: 获取途径 the applicant chose that need a paper delivery staff record (邮寄, 当面领取).
PAPER_DELIVERY = (Delivery.POST, Delivery.PICKUP)


def unserved_documents() -> QuerySet:
    """「待送达」: issued, not voided notices/replies for the applicant that still need a paper delivery
    recorded (送达 as a legal fact, docs/law.md §4.3): the applicant chose 邮寄 or 当面领取 (or 电子邮件
    without an address), or the e-mail failed every attempt and none was sent; and no 邮寄/直接/留置
    送达 is recorded for it. One definition: the 待办 count, the inbox filter and the case page."""
    mail = DocumentDelivery.objects.filter(document=OuterRef("pk"), channel=DeliveryChannel.EMAIL)
    needs_paper = Q(case__delivery__in=PAPER_DELIVERY) | Q(case__delivery=Delivery.EMAIL, addressee_email="")
    email_failed = Q(Exists(mail.filter(status=DeliveryStatus.FAILED))) & ~Q(Exists(mail.filter(status=DeliveryStatus.SENT)))
    on_paper = Exists(DocumentDelivery.objects.filter(document=OuterRef("pk"), channel__in=PAPER_CHANNELS))
    return (Document.objects.filter(kind__in=APPLICANT_DOC_KINDS, voided_on__isnull=True)
            .filter(needs_paper | email_failed).exclude(on_paper))


def is_unserved(document: Document, case) -> bool:
    """`unserved_documents()` for one loaded document (its `deliveries` prefetched) of `case`: the same
    rule in Python, for the case page (tests/cases/test_unserved_queue.py checks that both agree)."""
    if document.kind not in APPLICANT_DOC_KINDS or document.voided_on:
        return False
    deliveries = list(document.deliveries.all())
    if any(x.channel in PAPER_CHANNELS for x in deliveries):
        return False
    mail = [x.status for x in deliveries if x.channel == DeliveryChannel.EMAIL]
    needs_paper = case.delivery in PAPER_DELIVERY or (case.delivery == Delivery.EMAIL and not document.addressee_email)
    return needs_paper or (DeliveryStatus.FAILED in mail and DeliveryStatus.SENT not in mail)


def _delivery_pending() -> Q:
    """A case with a notice or reply still to be served (`unserved_documents`)."""
    return Q(Exists(unserved_documents().filter(case=OuterRef("pk"))))


def _delivery_failed() -> Q:
    """An e-mail delivery that failed every attempt (delivery.failed_deliveries)."""
    return Q(Exists(DocumentDelivery.objects.filter(document__case=OuterRef("pk"), status=DeliveryStatus.FAILED)))


def _deadline_unknown() -> Q:
    """The clock reaches a year the working-day calendar does not know yet: no due date can be given."""
    return Q(clock_unknown_year=True)


WORK: tuple[WorkItem, ...] = (
    WorkItem("deadline_unknown", "期限待定", _deadline_unknown),
    WorkItem("correction_answered", "补正已回复", _correction_answered),
    WorkItem("delivery_pending", "待送达", _delivery_pending),
    WorkItem("delivery_failed", "邮件发送失败", _delivery_failed),
    WorkItem("reply_to_review", "答复待审核", _reply_to_review),
    WorkItem("extension_requested", "延期待批准", _extension_requested),
    WorkItem("fee_proposed", "收费待批准", _fee_proposed),
)
BY_KEY: dict[str, WorkItem] = {w.key: w for w in WORK}


def in_work(qs: QuerySet, key: str) -> QuerySet:
    """`qs` narrowed to the cases waiting for `key`; an unknown key leaves `qs` as it is."""
    item = BY_KEY.get(key)
    return qs.filter(item.q()) if item else qs
