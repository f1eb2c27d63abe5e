"""Issuing a notice: the agency's template rendered with the case's facts, numbered, frozen as a Document.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings

from gongkai.core.law import receipt as law_receipt
from gongkai.core.law.grounds import FULL_TITLE, refusal_ground, regulation_citations
from gongkai.core.law.remedies import remedy_clause
from gongkai.core.vocabulary import ApplicantKind, Outcome

from ..actions.base import CaseError, add_event, correction_deadline, is_user, last_event, next_seq
from ..documents.templates import d
from ..models import (
    Application,
    Delivery,
    Document,
    DocumentTemplate,
    EventKind,
    ProvideForm,
    Reply,
)
from . import templates


def remedy_text(case: Application, outcome: Outcome, *, third_party: bool = False) -> str:
    """The 救济告知 (复议前置 per 行政复议法第二十三条). A third party told of a decision to disclose
    (第三十二条) contests 「本决定」 from the day it receives 「本告知书」."""
    wording = {"decision": "决定", "document": "告知书"} if third_party else {}
    try:
        return remedy_clause(
            outcome, case.agency.default_review_body(), case.agency.court,
            partial_requires_review_first=settings.GONGKAI_LAW.get("PARTIAL_REQUIRES_REVIEW_FIRST", True),
            special_law_requires_review_first=settings.GONGKAI_LAW.get("SPECIAL_LAW_REQUIRES_REVIEW_FIRST", True),
            **wording,
        )
    except ValueError as exc:
        raise CaseError(str(exc)) from None


def addressed_as(case: Application) -> str:
    """How a notice addresses the applicant: 您 (a person) or 贵单位 (法人或者其他组织)."""
    return "您" if case.applicant_kind == ApplicantKind.NATURAL_PERSON.value else "贵单位"


_RULE = re.compile(r"^(?:.*?：)?(以.+?为收到申请之日)（《政府信息公开条例》(.+?)）$")


def receipt_rule_sentence(channel) -> str:
    """「根据《…条例》第三十一条第（三）项的规定，以双方确认之日为收到申请之日」: the article cited once."""
    rule = law_receipt.receipt_rule(channel)
    m = _RULE.match(rule)
    if not m:
        return rule
    return f"根据{FULL_TITLE}{m.group(2)}的规定，{m.group(1)}"


def template_for(agency, key: str) -> tuple[str, str]:
    row = DocumentTemplate.objects.filter(agency=agency, kind=key).first()
    if row is not None:
        return row.title, row.body
    return templates.DEFAULT_TEMPLATES[key]


def document_number(agency, year: int, seq: int) -> str:
    prefix = agency.doc_prefix or f"{agency.display_name}公开"
    return f"{prefix}〔{year}〕第{seq}号"


def base_context(case: Application, on: dt.date) -> dict:
    agency = case.agency
    corrected = last_event(case, EventKind.CORRECTION_RECEIVED)
    requested = last_event(case, EventKind.CORRECTION_REQUESTED)
    extended = last_event(case, EventKind.EXTENSION_APPROVED)
    reasons = last_event(case, EventKind.REASONS_REQUESTED)
    fee = case.fees.exclude(sent_on=None).order_by("-id").first()
    summary = case.info_title + (f"（{case.info_doc_number}）" if case.info_doc_number else "")
    return {
        "agency_name": agency.name,
        "agency_phone": agency.phone,
        "agency_address": agency.address,
        "addressee": case.applicant_name,
        "you": addressed_as(case),
        "case_number": case.number,
        "doc_date": d(on),
        "received_on": d(case.received_on),
        "channel": law_receipt.Channel(case.channel).label,
        "receipt_rule": receipt_rule_sentence(case.channel),
        "request_summary": summary,
        "due_date": d(case.due_date),
        "corrected_on": d(corrected.on) if corrected else "",
        "correction_requested_on": d(requested.on) if requested else "",
        "correction_deadline": d(correction_deadline(case)),
        "extended_on": d(extended.on) if extended else "",
        "reasons_requested_on": d(reasons.on) if reasons else "",
        "fee_sent_on": d(fee.sent_on) if fee else "",
        "fee_pay_due": d(fee.pay_due) if fee else "",
    }


def reply_context(case: Application, reply: Reply) -> dict:
    out = Outcome(reply.outcome)
    files = "、".join(a.original_name for a in reply.files.all()) if reply.pk else ""
    return {
        "outcome": out.label,
        "outcome_ground": refusal_ground(out) or out.label.split("：", 1)[-1],
        "legal_basis": reply.legal_basis,
        "body": reply.body,
        "withheld": reply.withheld,
        "competent_agency": reply.competent_agency,
        "competent_contact": reply.competent_contact,
        "provide_form": ProvideForm(reply.provide_form).label if reply.provide_form else "",
        "delivery": Delivery(reply.delivery).label if reply.delivery else "",
        "files": files,
        "remedy": remedy_text(case, out),
    }


def issue(case: Application, key: str, on: dt.date, *, acting_user, addressee: str | None = None,
           addressee_email: str | None = None, reply: Reply | None = None, **extra) -> Document:
    """Render the agency's template for `key`, number it and freeze it as a Document."""
    title_tpl, body_tpl = template_for(case.agency, key)
    ctx = base_context(case, on)
    if reply is not None:
        ctx.update(reply_context(case, reply))
    ctx.update(extra)
    if addressee is not None:
        ctx["addressee"] = addressee
    year = on.year
    seq = next_seq(case.agency, year, "document")
    ctx["doc_number"] = number = document_number(case.agency, year, seq)
    try:
        title = templates.render_text(title_tpl, ctx).strip() or templates.doc_kind_of(key).label
        body = regulation_citations(templates.paragraphs(templates.render_text(body_tpl, ctx)))
    except templates.TemplateError as exc:
        raise CaseError(f"文书模板「{templates.TEMPLATE_KEYS.get(key, key)}」无法使用：{exc}") from None
    doc = Document.objects.create(
        case=case, kind=templates.doc_kind_of(key), number=number, agency=case.agency, year=year, seq=seq,
        title=title[:200], addressee=ctx["addressee"][:100],
        addressee_email=case.email if addressee_email is None else addressee_email,
        body="\n".join(body), issued_on=on, issued_by=acting_user if is_user(acting_user) else None,
    )
    add_event(case, EventKind.DOCUMENT_ISSUED, on, acting_user, f"生成{doc.title}（{number}）。", document=doc.pk)
    from ..delivery import (
        deliver_document,  # a notice for the applicant is e-mailed once this transaction commits
    )

    deliver_document(doc)
    return doc

