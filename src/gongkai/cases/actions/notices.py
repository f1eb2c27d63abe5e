"""Issued notices after the fact: 「待出具」 notices issued once their dates are known, and
作废并重新出具 (superseding an issued notice). docs/law.md §9.3.

- `issue_held_notice(held, *, acting_user)`: issue a notice that was held because a statutory date
  lay in a year nobody had entered; it is dated the day it is actually issued. `issue_held_notices()`
  runs after every calendar change (cases/apps.py) with the system as actor.
- `supersede_document(document, *, acting_user, reason)`: the old document is kept and marked
  (作废, reason, actor, date); a new one with a new number is issued from the case's current facts
  and delivered to the applicant through the normal delivery (`delivery.deliver_document`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm
from gongkai.audit.services import SYSTEM_LABEL, record_event

from ..documents import templates
from ..documents.issuing import COMPUTED_DATES, issue, late_dates
from ..models import Application, DocKind, Document, EventKind, HeldNotice, ReplyStatus
from .base import (
    CaseError,
    Done,
    add_event,
    audit,
    case_service,
    is_user,
    lock,
    refresh_clock,
    require,
    today,
)


def _issue_held(held: HeldNotice, acting_user, on: dt.date) -> Document | None:
    case = held.case
    refresh_clock(case)
    extra = {**held.context, **late_dates(case, held.missing, held.context)}
    doc = issue(case, held.key, on, acting_user=acting_user, addressee=held.addressee or None,
                addressee_email=held.addressee_email, reply=held.reply, held=held, **extra)
    if doc is None:
        return None
    held.document = doc
    held.issued_at = timezone.now()
    held.save(update_fields=["document", "issued_at"])
    add_event(case, EventKind.DOCUMENT_ISSUED, on, acting_user,
              f"「待出具」的{doc.title}已出具（{doc.number}），所需日期已可确定。", document=doc.pk, held=held.pk)
    record_event(acting_user if is_user(acting_user) else None, "case.held_document_issued", case,
                 actor_label=None if is_user(acting_user) else SYSTEM_LABEL,
                 details={"number": case.number, "document": doc.number, "held": held.pk, "held_since": held.created_at})
    return doc  # issue() queued its delivery to the applicant


@case_service
def issue_held_notice(held: HeldNotice, *, acting_user, expected_version=None) -> Done:
    """Issue one 「待出具」 notice now (refused, with the reason, while its date is still unknown)."""
    case = held.case
    require(acting_user, Perm.CASE_HANDLE, case, "出具待出具文书")
    with transaction.atomic():
        case = lock(case, expected_version)
        held = HeldNotice.objects.select_for_update().get(pk=held.pk)
        if held.document_id is not None:
            raise CaseError("该文书已经出具。")
        held.case = case
        doc = _issue_held(held, acting_user, today())
        if doc is None:
            from ..documents.issuing import held_message, missing_year

            raise CaseError(held_message(templates.doc_kind_of(held.key).label, held.missing, missing_year(case)))
    return Done(case, doc, obj=held)


def issue_held_notices(case_ids=None) -> int:
    """After a calendar change: issue every waiting notice whose dates are now known (system actor)."""
    issued = 0
    waiting = HeldNotice.objects.filter(document__isnull=True).select_related("case", "case__agency")
    if case_ids is not None:
        waiting = waiting.filter(case_id__in=case_ids)
    for held in waiting.order_by("id"):
        with transaction.atomic():
            case = Application.objects.select_for_update().get(pk=held.case_id)
            held.case = case
            if _issue_held(held, None, today()) is not None:
                issued += 1
    return issued


@case_service
def supersede_document(
    document: Document, *, acting_user, reason: str, on: dt.date | None = None, expected_version=None
) -> Done:
    """作废并重新出具: mark `document` void (kept, with the reason) and issue its replacement."""
    case = document.case
    require(acting_user, Perm.CASE_HANDLE, case, "作废并重新出具文书")
    reason = (reason or "").strip()
    if not reason:
        raise CaseError("请写明作废并重新出具的理由。", "reason")
    with transaction.atomic():
        case = lock(case, expected_version)
        old = Document.objects.select_for_update().get(pk=document.pk)
        if old.superseded_by_id is not None or old.voided_on is not None:
            raise CaseError(f"{old.title}（{old.number}）已经作废。")
        reply = None
        if old.kind == DocKind.REPLY:
            reply = case.replies.filter(status=ReplyStatus.SENT).order_by("-id").first()
            key = f"{templates.REPLY_PREFIX}{reply.outcome}" if reply is not None else None
        else:
            key = old.kind if old.kind in templates.TEMPLATE_KEYS else None
        if key is None:
            raise CaseError("这类文书不能重新出具。")
        on = on or today()
        refresh_clock(case)
        extra = {**old.context, **late_dates(case, [k for k in old.context if k in COMPUTED_DATES], old.context)}
        new = issue(case, key, on, acting_user=acting_user, addressee=old.addressee,
                    addressee_email=old.addressee_email, reply=reply, **extra)
        if new is None:
            raise CaseError(case.held_messages.pop() if getattr(case, "held_messages", None) else "文书暂不能出具。")
        old.superseded_by = new
        old.voided_on = on
        old.void_reason = reason[:300]
        old.voided_by = acting_user if is_user(acting_user) else None
        old.save(update_fields=["superseded_by", "voided_on", "void_reason", "voided_by"])
        add_event(case, EventKind.DOCUMENT_SUPERSEDED, on, acting_user,
                  f"{old.title}（{old.number}）作废，重新出具（{new.number}）。理由：{reason}", old=old.pk, new=new.pk)
        audit(acting_user, "document_superseded", case, old=old.number, new=new.number, reason=reason)
    return Done(case, new, obj=old)
