"""Issuing a notice: the agency's template rendered with the case's facts, numbered, frozen as a Document.

No document ever carries a missing statutory date (docs/law.md §9.3): a date variable that is unknown
(its year's 节假日安排 is not entered) renders as a marker; a template that prints it unconditionally
is not issued — the notice is kept as a `HeldNotice` (「待出具」) and issued by `issue_held` once the
calendar allows. Templates may print a date only when known: `{% if consult_due %}…{% endif %}`.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings

from gongkai.core import wording
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
    HeldNotice,
    ProvideForm,
    Reply,
)
from . import rendering, templates


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
    return wording.addressed_as(case.applicant_kind == ApplicantKind.NATURAL_PERSON.value)


_RULE = re.compile(r"^(?:.*?：)?(以.+?为收到申请之日)（《政府信息公开条例》(.+?)）$")


def receipt_rule_sentence(channel) -> str:
    """「根据《…条例》第三十一条第（三）项的规定，以双方确认之日为收到申请之日」: the article cited once."""
    rule = law_receipt.receipt_rule(channel)
    m = _RULE.match(rule)
    if not m:
        return rule
    return f"根据{FULL_TITLE}{m.group(2)}的规定，{m.group(1)}"


#: 「收到您当面提出的」「收到您以邮寄方式提出的」: the channel as it reads before 「提出」 (第二十九条).
CHANNEL_HOW = {
    law_receipt.Channel.IN_PERSON: "当面",
    law_receipt.Channel.POST_SIGNED: "以邮寄方式",
    law_receipt.Channel.POST_ORDINARY: "以平常信函方式",
    law_receipt.Channel.ONLINE: "通过互联网",
    law_receipt.Channel.FAX: "以传真方式",
    law_receipt.Channel.EMAIL: "以电子邮件方式",
    law_receipt.Channel.ORAL: "口头",
}


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
        "channel_how": CHANNEL_HOW.get(law_receipt.Channel(case.channel), ""),
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


#: The form the information is given in (第四十条), as it reads in 「以…形式」; 自行查阅 names no form.
_FORM_WORDS = {ProvideForm.PAPER: "纸质", ProvideForm.EMAIL: "电子", ProvideForm.DISC: "光盘等存储介质", ProvideForm.INSPECT: ""}
_DELIVERY_WORDS = {Delivery.POST: "邮寄方式", Delivery.EMAIL: "电子邮件方式", Delivery.PICKUP: "当面领取方式",
                   Delivery.ONLINE: "本机关网站「申请查询」页面"}


def provide_how(provide_form: str, delivery: str) -> str:
    """「以纸质形式、通过邮寄方式」 / 「通过电子邮件方式」: how the information reaches the applicant, each
    word once (never 「以电子邮件形式、通过电子邮件方式」, issue 12)."""
    if not delivery:
        return f"以{_FORM_WORDS[ProvideForm(provide_form)]}形式" if provide_form and _FORM_WORDS[ProvideForm(provide_form)] else ""
    form = _FORM_WORDS[ProvideForm(provide_form)] if provide_form else ""
    if form == "电子" and delivery in (Delivery.EMAIL, Delivery.ONLINE):
        form = ""  # an e-mail or the tracking page is electronic already
    via = f"通过{_DELIVERY_WORDS[Delivery(delivery)]}"
    return f"以{form}形式、{via}" if form else via


def reply_context(case: Application, reply: Reply) -> dict:
    out = Outcome(reply.outcome)
    files = "、".join(a.original_name for a in reply.files.all()) if reply.pk else ""
    basis = (reply.legal_basis or "").strip()
    return {
        "provide_how": provide_how(reply.provide_form, reply.delivery),
        # 部分公开: the article that withholds the rest (第十四条…), not 第三十七条 the reply already cites.
        "withheld_basis": "" if basis in ("", out.info.basis) else basis,
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


#: The statutory dates a notice may state, and what they are called in a refusal message.
DATE_VARS = {
    "due_date": "答复期限",
    "old_due": "原答复期限",
    "new_due": "延长后的答复期限",
    "correction_deadline": "补正期限",
    "fee_pay_due": "缴费期限",
    "consult_due": "征求意见的答复期限",
    "custom_due": "答复期限",
    "reasons_deadline": "说明理由的期限",
}
_MARK = re.compile("\ue000([a-z_]+)\ue001")


class _MissingDate:
    """An unknown date: false in `{% if %}`, a marker when printed (found after rendering)."""

    def __init__(self, name: str):
        self.name = name

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"\ue000{self.name}\ue001"


def _render(key: str, title_tpl: str, body_tpl: str, ctx: dict) -> tuple[str, list[str]]:
    try:
        title = templates.render_text(title_tpl, ctx).strip() or templates.doc_kind_of(key).label
        body = wording.tidy(regulation_citations(templates.paragraphs(templates.render_text(body_tpl, ctx))))
    except templates.TemplateError as exc:
        raise CaseError(f"文书模板「{templates.TEMPLATE_KEYS.get(key, key)}」无法使用：{exc}") from None
    return title, body


def missing_year(case: Application) -> int | None:
    result = getattr(case, "clock_result", None)
    if result is None or not hasattr(result, "unknown_year"):
        from .. import clock

        result = clock.compute(case)
    return getattr(result, "unknown_year", None) if result is not None else None


def held_message(title: str, missing: list[str], year: int | None) -> str:
    """The refusal: which date, which year, who must enter it (docs/law.md §9.3)."""
    what = "、".join(dict.fromkeys(DATE_VARS.get(m, m) for m in missing))
    if year is None:
        return f"{title}暂不出具：文书须写明的{what}尚不能确定。本次办理已记录，文书列为「待出具」，日期确定后再出具。"
    return (
        f"{title}暂不出具：文书须写明的{what}落在{year}年，而{year}年的节假日和调休安排尚未录入工作日历，"
        f"无法确定具体日期。请系统管理员在「工作日历」中录入国务院办公厅公布的{year}年安排；录入后本文书将自动出具。"
        f"本次办理已记录，文书列为「待出具」。"
    )


def _json_safe(value):
    if isinstance(value, dt.date):
        return d(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _context(case: Application, on: dt.date, reply: Reply | None, addressee: str | None, extra: dict) -> dict:
    ctx = base_context(case, on)
    if reply is not None:
        ctx.update(reply_context(case, reply))
    ctx.update(extra)
    if addressee is not None:
        ctx["addressee"] = addressee
    for name in DATE_VARS:
        if name in ctx and not ctx[name]:
            ctx[name] = _MissingDate(name)
    return ctx


#: What a preview prints where the 文号 goes, and across every page (issue 12: the reviewer sees the exact
#: 答复书 before approving it — but a preview is not a document: no number, nothing stored, nothing sent).
PREVIEW_NUMBER = "（预览：未出具，不编文号）"
PREVIEW_MARK = "预览 · 未出具"


def preview(case: Application, key: str, on: dt.date, *, reply: Reply | None = None, addressee: str | None = None,
            **extra) -> rendering.Rendered:
    """The notice `issue()` would produce for `key` on `on`, rendered from the same template and context,
    marked 「预览 · 未出具」 and without a number. Nothing is numbered, stored, logged on the case or
    delivered. A statutory date that is not known yet is printed as 「（…尚不能确定）」."""
    title_tpl, body_tpl = template_for(case.agency, key)
    ctx = _context(case, on, reply, addressee, extra)
    ctx["doc_number"] = PREVIEW_NUMBER
    title, body = _render(key, title_tpl, body_tpl, ctx)

    def unknown(m: re.Match) -> str:
        return f"（{DATE_VARS.get(m.group(1), m.group(1))}尚不能确定）"

    return rendering.Rendered(
        title=_MARK.sub(unknown, title), number=PREVIEW_NUMBER, agency_name=case.agency.name,
        paragraphs=[_MARK.sub(unknown, p) for p in body], date_text=d(on), mark=PREVIEW_MARK,
    )


def issue(case: Application, key: str, on: dt.date, *, acting_user, addressee: str | None = None,
           addressee_email: str | None = None, reply: Reply | None = None, held: HeldNotice | None = None,
           **extra) -> Document | None:
    """Render the agency's template for `key`, number it and freeze it as a Document.

    When the template prints a statutory date that is not known yet, nothing is numbered: the notice
    is kept as a `HeldNotice` (「待出具」), the refusal message is added to `case.held_messages`
    (actions put it in `Done.warnings`) and None is returned. `held`: re-issuing that held notice."""
    title_tpl, body_tpl = template_for(case.agency, key)
    ctx = _context(case, on, reply, addressee, extra)
    ctx["doc_number"] = "（文号）"
    title, body = _render(key, title_tpl, body_tpl, ctx)
    missing = sorted(set(_MARK.findall(title + "\n".join(body))))
    if missing:
        if held is not None:
            return None
        return _hold(case, key, on, acting_user, title, missing, addressee, addressee_email, reply, extra)
    year = on.year
    seq = next_seq(case.agency, year, "document")
    ctx["doc_number"] = number = document_number(case.agency, year, seq)
    title, body = _render(key, title_tpl, body_tpl, ctx)
    doc = Document.objects.create(
        case=case, kind=templates.doc_kind_of(key), number=number, agency=case.agency, year=year, seq=seq,
        title=title[:200], addressee=ctx["addressee"][:100],
        addressee_email=case.email if addressee_email is None else addressee_email,
        body="\n".join(body), issued_on=on, issued_by=acting_user if is_user(acting_user) else None,
        context={k: _json_safe(v) for k, v in extra.items()},
    )
    add_event(case, EventKind.DOCUMENT_ISSUED, on, acting_user, f"生成{doc.title}（{number}）。", document=doc.pk)
    from ..delivery import (
        deliver_document,  # a notice for the applicant is e-mailed once this transaction commits
    )

    deliver_document(doc)
    return doc


def _hold(case, key, on, acting_user, title, missing, addressee, addressee_email, reply, extra) -> None:
    year = missing_year(case)
    message = held_message(title, missing, year)
    HeldNotice.objects.create(
        case=case, key=key, kind=templates.doc_kind_of(key), on=on,
        context={k: _json_safe(v) for k, v in extra.items()},
        addressee=addressee or "", addressee_email=case.email if addressee_email is None else addressee_email,
        reply=reply, missing=missing, missing_year=year, held_by=acting_user if is_user(acting_user) else None,
    )
    add_event(case, EventKind.DOCUMENT_HELD, on, acting_user, message, key=key, missing=missing, year=year)
    from gongkai.audit.services import record_event

    record_event(acting_user if is_user(acting_user) else None, "case.document_held", case,
                 details={"number": case.number, "key": key, "missing": missing, "year": year})
    case.held_messages = [*getattr(case, "held_messages", []), message]
    return None


#: Dates the law engine computes (a re-issued notice states them as computed now); the other date
#: variables (补正期限, 第三十五条 期限, 说明理由期限) are set by staff and kept as issued.
COMPUTED_DATES = ("new_due", "old_due", "fee_pay_due", "consult_due")


def late_dates(case: Application, names, context: dict) -> dict:
    """The computed statutory dates among `names`, as known now (e.g. after the calendar changed)."""
    from .. import clock

    names = set(names) & set(COMPUTED_DATES)
    result = clock.compute(case)
    out: dict = {}
    if result is None or not names:
        return out
    if "new_due" in names:
        out["new_due"] = d(result.due)
    if "old_due" in names:
        rows = [ev for ev in case.events.all().order_by("on", "id") if ev.kind != EventKind.EXTENSION_APPROVED]
        without = clock.compute(case, events=rows)
        out["old_due"] = d(without.due) if without is not None else ""
    if "fee_pay_due" in names:
        pay_due = result.deadlines.get("fee_payment")
        fee = case.fees.exclude(sent_on=None).order_by("-id").first()
        if fee is not None and pay_due and fee.pay_due is None:
            fee.pay_due = pay_due
            fee.save(update_fields=["pay_due"])
        out["fee_pay_due"] = d(pay_due)
    ref = context.get("consult_ref")
    if "consult_due" in names and ref:
        out["consult_due"] = d(result.deadlines.get(f"consultation:{ref}"))
    return out
