"""送达 as a legal fact: staff record how an issued notice reached the applicant on paper
(docs/law.md §4.3; 国办公开办函〔2016〕235号).

- 邮寄送达: 邮寄单号 and 交邮日期 (optionally the 签收日期 from the return receipt); the 交邮日期 counts.
- 直接送达（当面签收）: 签收日期 and 签收人; the 签收日期 counts.
- 留置送达: the date left, the 见证人 and the 拒收事由 (参照《民事诉讼法》第八十九条); the date left counts.

For the 答复书 of an applicant who was not served by e-mail, the day that counts is the reply date:
`Application.decided_on` (the annual report's year, docs/law.md §4.3) and the date the statutory clock
stops at (`cases.clock.law_events` reads the `DOCUMENT_SERVED` event's `reply_date`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm
from gongkai.yearlocks.locks import YearLocked, assert_year_unlocked

from ..documents.templates import d
from ..models import (
    APPLICANT_DOC_KINDS,
    PAPER_CHANNELS,
    Application,
    DeliveryChannel,
    DeliveryStatus,
    DocKind,
    Document,
    DocumentDelivery,
    EventKind,
)
from .base import CaseError, Done, add_event, audit, lock, refresh_clock, require, today

_DAY_LABEL = {DeliveryChannel.POST: "交邮日期", DeliveryChannel.IN_PERSON: "签收日期", DeliveryChannel.LEFT: "留置日期"}


def _check_day(value: dt.date | None, label: str, floor: dt.date, floor_label: str, field: str) -> dt.date:
    if value is None:
        raise CaseError(f"请填写{label}。", field)
    if value > today():
        raise CaseError(f"{label}（{d(value)}）不能晚于今天。", field)
    if value < floor:
        raise CaseError(f"{label}（{d(value)}）不能早于{floor_label}（{d(floor)}）。", field)
    return value


def served_day(channel: str, *, posted_on=None, signed_on=None) -> dt.date | None:
    """The day that counts (235号 第四条): the 交邮日期 for post, the 签收/留置日期 otherwise."""
    return posted_on if channel == DeliveryChannel.POST else signed_on


def record_paper_delivery(
    document: Document, *, acting_user, channel: str, posted_on: dt.date | None = None, tracking_no: str = "",
    signed_on: dt.date | None = None, signer: str = "", witness: str = "", note: str = "",
    expected_version: int | None = None,
) -> Done:
    """Record the paper delivery of an issued notice to the applicant (object: the Document)."""
    case = Application.objects.select_related("agency").get(pk=document.case_id)  # fresh: its version
    require(acting_user, Perm.CASE_HANDLE, case, "登记送达")
    if channel not in PAPER_CHANNELS:
        raise CaseError("请选择送达方式：邮寄送达、直接送达或留置送达。", "channel")
    if document.kind not in APPLICANT_DOC_KINDS:
        raise CaseError("该文书不是送达申请人的文书。", "document")
    if document.voided_on:
        raise CaseError(f"{document.title}（{document.number}）已作废，请送达重新出具的文书。", "document")
    tracking_no, signer, witness, note = (s.strip() for s in (tracking_no, signer, witness, note))
    issued = document.issued_on
    if channel == DeliveryChannel.POST:
        # 235号 第二条: 邮寄送达 through a 邮政企业, with the 邮寄单号 as the proof of posting.
        if not tracking_no:
            raise CaseError("邮寄送达请填写邮寄单号（国办公开办函〔2016〕235号：应当通过邮政企业送达）。", "tracking_no")
        posted_on = _check_day(posted_on, "交邮日期", issued, "文书日期", "posted_on")
        if signed_on is not None:
            signed_on = _check_day(signed_on, "签收日期", posted_on, "交邮日期", "signed_on")
    else:
        label = _DAY_LABEL[channel]
        signed_on = _check_day(signed_on, label, issued, "文书日期", "signed_on")
        posted_on = None
        if channel == DeliveryChannel.IN_PERSON and not signer:
            raise CaseError("直接送达请填写签收人（申请人或其法定代理人、委托代理人）。", "signer")
        if channel == DeliveryChannel.LEFT:
            # 参照《民事诉讼法》第八十九条: 拒收事由和日期, 送达人、见证人签名.
            if not witness:
                raise CaseError("留置送达须有见证人在场，请填写见证人（参照《民事诉讼法》第八十九条）。", "witness")
            if not note:
                raise CaseError("留置送达请写明拒收事由。", "note")
    served = served_day(channel, posted_on=posted_on, signed_on=signed_on)
    warnings: list[str] = []
    with transaction.atomic():
        case = lock(case, expected_version)
        document = Document.objects.select_for_update().get(pk=document.pk)
        earlier = document.deliveries.filter(channel__in=PAPER_CHANNELS).first()
        if earlier is not None:
            raise CaseError(f"{document.title}（{document.number}）已于{d(earlier.served_on)}"
                            f"{earlier.get_channel_display()}，不能重复登记。", "document")
        delivery = DocumentDelivery.objects.create(
            document=document, channel=channel, status=DeliveryStatus.SENT, sent_at=timezone.now(),
            recipient=(case.address if channel == DeliveryChannel.POST else "") or document.addressee,
            tracking_no=tracking_no, posted_on=posted_on, signed_on=signed_on, signer=signer, witness=witness,
            note=note, recorded_by=acting_user,
        )
        how = delivery.get_channel_display()
        text = f"{document.title}（{document.number}）{how}，{_DAY_LABEL[channel]}{d(served)}"
        if tracking_no:
            text += f"，邮寄单号{tracking_no}"
        if channel == DeliveryChannel.POST and signed_on:
            text += f"，{d(signed_on)}签收"
        data = {"document": document.number, "delivery": delivery.pk, "channel": channel, "served_on": served.isoformat()}
        reply_date = _reply_date(case, document, served)
        if reply_date is not None:
            before = case.decided_on
            for year in {before.year if before else served.year, served.year}:
                try:
                    assert_year_unlocked(case.agency, year)
                except YearLocked as exc:
                    raise CaseError(exc.messages[0], "document") from None
            data["reply_date"] = served.isoformat()
            text += "；以该日为答复日期（国办公开办函〔2016〕235号）"
            case.decided_on = served
            case.save(update_fields=["decided_on"])
            if case.due_date and served > case.due_date:
                warnings.append(f"送达日期（{d(served)}）晚于答复期限（{d(case.due_date)}），属于逾期答复。")
        add_event(case, EventKind.DOCUMENT_SERVED, served, acting_user, text + "。", **data)
        if reply_date is not None:
            refresh_clock(case)
        audit(acting_user, "document_served", case, document=document.number, channel=channel,
              served_on=served, tracking_no=tracking_no, reply_date=data.get("reply_date", ""))
    case.refresh_from_db()
    return Done(case, obj=delivery, warnings=warnings)


def _reply_date(case, document: Document, served: dt.date) -> dt.date | None:
    """The served day becomes the reply date for the case's current 答复书, unless it already reached the
    applicant by e-mail (then the e-mail, on the day of issue, came first; docs/law.md §4.3)."""
    if document.kind != DocKind.REPLY or document.voided_on or case.decided_on is None:
        return None
    if document.deliveries.filter(channel=DeliveryChannel.EMAIL, status=DeliveryStatus.SENT).exists():
        return None
    return served
