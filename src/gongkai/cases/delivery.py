"""Delivery (送达) of issued notices to the applicant.

    from gongkai.cases.delivery import deliver_document
    deliver_document(document)          # inside the transaction that issued it

Every notice addressed to the applicant (APPLICANT_DOC_KINDS) whose case has an e-mail address is
e-mailed right after the issuing transaction commits, by a background task (`cases.tasks.
send_notice_email`) with retries: the PDF notice is attached, and for a 答复书 the files supplied
with it, up to `settings.MAIL_ATTACH_MAX_BYTES` in all; above that the e-mail says which files wait
on the tracking page (申请查询, code + second factor), where every notice and supplied file can be
downloaded. `gongkai remind` sends, every morning, whatever is still unsent (the safety net).
A delivery that fails `settings.MAIL_DELIVERY_ATTEMPTS` times is 「发送失败」: `failed_deliveries()`
lists them for staff (the 待办 and the case page).

Paper channels are legal facts staff record (`actions.serving.record_paper_delivery`, the case action
「登记送达」): 邮寄 with the 邮寄单号 and the 交邮日期, 直接送达 / 留置送达 with the 签收日期 (docs/law.md §4.3).
The day a notice counts as served (`served_on`):

- 邮寄送达: the 交邮日期 — 国办公开办函〔2016〕235号: 「以交邮之日当日为期限计算时点」;
- 直接送达 / 留置送达: the 签收日期 (the day the applicant signs, or the day it is left, 留置);
- 电子邮件: the day the e-mail left the system (235号 does not cover electronic delivery [U]).

For a 答复书 not e-mailed, the paper served day is the reply date the clock and the annual report use
(`Application.decided_on`; `cases.clock.law_events`). 「待送达」 is `worklists.unserved_documents()`; the
送达回证 of a notice is `service_receipt(document)` (gongkai.core.notice.ServiceReceipt).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.services import SYSTEM_LABEL, record_event
from gongkai.core.law.calendar import fmt_date
from gongkai.core.notice import ServiceReceipt
from gongkai.mail import render_mail

from .documents.issuing import addressed_as
from .documents.rendering import Rendered, to_pdf
from .models import (
    APPLICANT_DOC_KINDS,
    PAPER_CHANNELS,
    DeliveryChannel,
    DeliveryStatus,
    DocKind,
    Document,
    DocumentDelivery,
    ReplyStatus,
)

logger = logging.getLogger("gongkai.cases.delivery")

#: Back-off between attempts (minutes): 1, 4, 16, 64 …
BACKOFF_BASE_MINUTES = 4


def is_for_applicant(document: Document) -> bool:
    return document.kind in APPLICANT_DOC_KINDS


def deliver_document(document: Document) -> DocumentDelivery | None:
    """Queue the e-mail delivery of an issued notice (call inside the issuing transaction).

    Returns the pending delivery, or None when the notice is not for the applicant or the applicant
    gave no e-mail address (then it is served on paper or on the tracking page). Idempotent: a notice
    already queued or sent is not queued again.
    """
    if not is_for_applicant(document) or not document.addressee_email:
        return None
    existing = document.deliveries.filter(channel=DeliveryChannel.EMAIL).exclude(status=DeliveryStatus.FAILED).first()
    if existing is not None:
        return existing
    delivery = DocumentDelivery.objects.create(
        document=document, channel=DeliveryChannel.EMAIL, recipient=document.addressee_email,
    )
    from gongkai.tasks import enqueue_on_commit

    from .tasks import send_notice_email

    enqueue_on_commit(send_notice_email, delivery.pk)
    return delivery


def supplied_files(document: Document) -> list:
    """The files supplied with a 答复书 (the sent reply's attachments), else none."""
    if document.kind != DocKind.REPLY:
        return []
    reply = document.case.replies.filter(status=ReplyStatus.SENT).prefetch_related("files").first()
    return list(reply.files.all()) if reply else []


def pdf_name(document: Document) -> str:
    return f"{document.title}（{document.number}）.pdf"


def tracking_url() -> str:
    return settings.SITE_URL + reverse("cases:track")


def build_message(delivery: DocumentDelivery) -> EmailMessage:
    doc = delivery.document
    rendered = Rendered.of(doc)
    pdf = to_pdf(rendered)
    budget = settings.MAIL_ATTACH_MAX_BYTES - len(pdf)
    attached, linked, payload = [], [], []
    for att in supplied_files(doc):
        if att.size <= budget:
            try:
                with att.file.open("rb") as fh:
                    data = fh.read()
            except OSError:
                linked.append(att.original_name)
                continue
            budget -= att.size
            attached.append(att.original_name)
            payload.append((att.original_name, data, att.content_type))
        else:
            linked.append(att.original_name)
    subject, body = render_mail("cases/email/notice", {
        "doc": doc, "agency": doc.agency, "case": doc.case, "text": rendered.text(), "pdf_name": pdf_name(doc),
        "attached": attached, "linked": linked, "tracking_url": tracking_url(), "you": addressed_as(doc.case),
    })
    message = EmailMessage(
        subject=subject, body=body,
        from_email=settings.DEFAULT_FROM_EMAIL, to=[delivery.recipient],
    )
    message.attach(pdf_name(doc), pdf, "application/pdf")
    for name, data, content_type in payload:
        message.attach(name, data, content_type.split(";")[0] or "application/octet-stream")
    delivery.attached, delivery.linked = [pdf_name(doc), *attached], linked
    return message


def send_delivery(delivery_id: int) -> str:
    """Send one e-mail delivery now (the task's body; `gongkai remind` calls it too).

    Returns 'sent', 'already' (nothing to do), 'retry' or 'failed'. A worker that dies between the
    SMTP hand-over and the commit sends the notice twice; never zero times.
    """
    with transaction.atomic():
        delivery = (
            DocumentDelivery.objects.select_for_update().select_related("document__agency", "document__case")
            .filter(pk=delivery_id).first()
        )
        if delivery is None or delivery.status == DeliveryStatus.SENT or delivery.channel != DeliveryChannel.EMAIL:
            return "already"
        delivery.attempts += 1
        try:
            build_message(delivery).send(fail_silently=False)
        except Exception as exc:  # SMTP refusals, network errors, a missing file: all retried, then shown
            logger.warning("notice e-mail %s failed: %s", delivery.pk, exc)
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            final = delivery.attempts >= settings.MAIL_DELIVERY_ATTEMPTS
            delivery.status = DeliveryStatus.FAILED if final else DeliveryStatus.PENDING
            delivery.save(update_fields=["attempts", "last_error", "status"])
            if final:
                record_event(None, "case.notice_email_failed", delivery.document, actor_label=SYSTEM_LABEL,
                             details={"number": delivery.document.number, "attempts": delivery.attempts,
                                      "error": delivery.last_error[:300]})
                return "failed"
            from gongkai.tasks import enqueue_on_commit

            from .tasks import send_notice_email

            enqueue_on_commit(send_notice_email, delivery.pk,
                              run_after=dt.timedelta(minutes=BACKOFF_BASE_MINUTES ** (delivery.attempts - 1)))
            return "retry"
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "status", "sent_at", "last_error", "attached", "linked"])
        record_event(None, "case.notice_emailed", delivery.document, actor_label=SYSTEM_LABEL,
                     details={"number": delivery.document.number, "attached": delivery.attached,
                              "linked": delivery.linked})
    return "sent"


def unsent_email_documents(since: dt.date):
    """Notices for the applicant, issued since `since`, with an e-mail address and no sent e-mail:
    what `gongkai remind` (re)sends. A failed delivery is tried again there, once a day."""
    return (
        Document.objects.filter(kind__in=APPLICANT_DOC_KINDS, issued_on__gte=since).exclude(addressee_email="")
        .exclude(deliveries__channel=DeliveryChannel.EMAIL, deliveries__status=DeliveryStatus.SENT)
        .select_related("agency", "case").order_by("id")
    )


def email_delivery_for(document: Document) -> DocumentDelivery:
    """The document's latest e-mail delivery, created (not queued) when there is none."""
    return (
        document.deliveries.filter(channel=DeliveryChannel.EMAIL).order_by("-id").first()
        or DocumentDelivery.objects.create(document=document, channel=DeliveryChannel.EMAIL,
                                           recipient=document.addressee_email)
    )


def failed_deliveries(agencies=None):
    """「发送失败」 e-mail deliveries, newest first (for the staff 待办 and the case page)."""
    qs = DocumentDelivery.objects.filter(status=DeliveryStatus.FAILED).select_related("document", "document__case")
    if agencies is not None:
        qs = qs.filter(document__agency__in=agencies)
    return qs.order_by("-created_at")


# -- 送达 as a legal fact --------------------------------------------------------------------


def served_on(delivery: DocumentDelivery) -> dt.date | None:
    """The day the notice counts as served (see the module docstring); None until it is."""
    if delivery.channel == DeliveryChannel.POST:
        return delivery.posted_on
    if delivery.channel in (DeliveryChannel.IN_PERSON, DeliveryChannel.LEFT):
        return delivery.signed_on
    if delivery.status == DeliveryStatus.SENT and delivery.sent_at:
        return timezone.localdate(delivery.sent_at)
    return None


def applicant_documents(case):
    """The notices the applicant may see and download on the tracking page, oldest first."""
    return case.documents.filter(kind__in=APPLICANT_DOC_KINDS).order_by("created_at", "id")


def applicant_files(case):
    """Files the applicant may download: what they submitted, and what was supplied with a sent reply."""
    from .models import AttachmentRole

    own = case.attachments.filter(role__in=[AttachmentRole.APPLICATION, AttachmentRole.CORRECTION])
    supplied = case.attachments.filter(role=AttachmentRole.REPLY, replies__status=ReplyStatus.SENT)
    return (own | supplied).distinct().order_by("uploaded_at", "id")


def suffix(name: str) -> str:
    return Path(name).suffix.lower()


def paper_delivery(document: Document) -> DocumentDelivery | None:
    """The recorded 邮寄/直接/留置送达 of a notice, if any (one per notice)."""
    return document.deliveries.filter(channel__in=PAPER_CHANNELS).order_by("id").first()


def service_receipt(document: Document) -> ServiceReceipt:
    """The 送达回证 of a notice: blank (to print and take along) until a 直接/留置送达 is recorded, then
    filled with what was recorded (签收日期, 签收人 or 见证人 and 拒收事由, 送达人)."""
    case = document.case
    done = paper_delivery(document)
    receipt = ServiceReceipt(
        agency_name=document.agency.name, document=f"{document.title}（{document.number}）",
        addressee=document.addressee, place=case.address or "", method="□直接送达　□留置送达",
    )
    if done is not None and done.channel != DeliveryChannel.POST:
        receipt.method = done.get_channel_display()
        receipt.signed_on = fmt_date(done.signed_on) if done.signed_on else ""
        receipt.server = str(done.recorded_by) if done.recorded_by else ""
        if done.channel == DeliveryChannel.LEFT:
            receipt.note = f"受送达人拒绝签收，拒收事由：{done.note}；见证人：{done.witness}；留置于送达地点，视为送达。"
        elif done.signer:
            receipt.note = f"签收人：{done.signer}"
    elif done is not None:
        receipt.method = done.get_channel_display()
        receipt.rows = [("邮寄单号", done.tracking_no), ("交邮日期", fmt_date(done.posted_on))]
        receipt.signed_on = fmt_date(done.signed_on) if done.signed_on else ""
    return receipt
