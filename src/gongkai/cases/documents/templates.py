"""Statutory notices of a case: per-agency editable templates, numbering, DOCX and PDF (docs/law.md §4).

Templates use Django template syntax, rendered in a small sandbox:

- a private `Engine` with no loaders (so `include`/`extends` cannot reach files) and autoescape on;
- only the tags in `ALLOWED_TAGS` (no `load`, `include`, `extends`, `debug`, `csrf_token` …);
- a fixed context of plain strings, numbers, booleans and lists (`context_for`), never model objects,
  so a template cannot call methods or walk relations.

The rendered text (HTML-escaped paragraphs, one per line) is frozen on the `Document` when it is
issued; the DOCX and the PDF are produced from that frozen text, so a later template edit never
changes a notice that already went out.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.template import Context, Engine, TemplateSyntaxError

from gongkai.core.law.calendar import fmt_date
from gongkai.core.vocabulary import Outcome
from gongkai.errors import ServiceError

from ..models import DocKind

# -- template keys ------------------------------------------------------------------------------

#: One template per procedural notice plus one 答复书 per outcome.
REPLY_PREFIX = "reply."


def template_keys() -> list[tuple[str, str]]:
    keys = [(k.value, k.label) for k in DocKind if k != DocKind.REPLY]
    keys += [(REPLY_PREFIX + o.value, f"答复书：{o.label}") for o in Outcome]
    return keys


TEMPLATE_KEYS = dict(template_keys())


def doc_kind_of(key: str) -> DocKind:
    return DocKind.REPLY if key.startswith(REPLY_PREFIX) else DocKind(key)


# -- default texts ------------------------------------------------------------------------------
# One file per template key in defaults/ (`<key>.txt`): the first line is the title, the rest the body.
# Wording follows docs/law.md §4.2 (skeleton, per-outcome content) and the cited articles; placeholders are
# listed in CONTEXT_HELP. Each line is one paragraph; a line ending in 「：」 is the salutation.
# 落款（机关名称、日期）由系统自动加在正文之后。

DEFAULTS_DIR = Path(__file__).with_name("defaults")


def _read_default(key: str) -> tuple[str, str]:
    title, body = (DEFAULTS_DIR / f"{key}.txt").read_text(encoding="utf-8").split("\n", 1)
    return title, body


DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {key: _read_default(key) for key in TEMPLATE_KEYS}


# Variables a template may use (shown on the edit page).
CONTEXT_HELP: dict[str, str] = {
    "agency_name": "机关全称",
    "agency_phone": "联系电话",
    "agency_address": "办公地址",
    "addressee": "送达对象（申请人姓名或名称；征求意见书为第三方）",
    "you": "对申请人的称呼（自然人为「您」，法人或者其他组织为「贵单位」）",
    "party_you": "对第三方的称呼（自然人为「您」，法人或者其他组织为「贵单位」，未登记类型的为「贵方」）",
    "case_number": "申请编号",
    "doc_number": "本文书文号",
    "doc_date": "文书日期",
    "received_on": "收到申请日期",
    "channel": "申请渠道",
    "channel_how": "提出申请的方式（如「当面」「以邮寄方式」「通过互联网」，接「提出」）",
    "receipt_rule": "收到申请日期的确定规则（第三十一条）",
    "request_summary": "申请内容摘要",
    "due_date": "答复期限",
    "corrected_on": "收到补正日期（有补正时）",
    "extended_on": "延期告知日期（已延期时）",
    "correction_items": "补正事项（列表）",
    "correction_deadline": "补正期限",
    "correction_requested_on": "补正告知日期",
    "reasons_text": "要求说明理由的情况",
    "reasons_deadline": "说明理由期限",
    "reasons_requested_on": "要求说明理由的日期",
    "extension_days": "延长工作日数",
    "extension_reason": "延期理由",
    "old_due": "原答复期限",
    "new_due": "延长后的答复期限",
    "matter": "征求意见/决定公开的信息内容",
    "consult_due": "征求意见答复期限",
    "consult_sent_on": "征求意见书发出日期",
    "consult_channel": "征求意见书送达方式（直接送达、电子邮件、网上平台、传真、邮寄）",
    "consult_received_on": "对方收到征求意见书日期（已登记时）",
    "consult_answered_on": "第三方答复日期",
    "override_reasons": "决定公开的理由（公共利益）",
    "fee_reason": "收费理由",
    "fee_method": "计收方式",
    "fee_lines": "收费计算过程（列表）",
    "fee_amount": "收费金额（元）",
    "payment_instructions": "缴纳方式",
    "fee_sent_on": "收费通知发出日期",
    "fee_pay_due": "缴费期限",
    "deadline_reason": "延迟答复的理由（第三十五条）",
    "custom_due": "确定的延迟答复期限",
    "outcome": "答复类型",
    "outcome_ground": "不予公开的情形",
    "legal_basis": "法律依据",
    "body": "答复正文（经办人撰写）",
    "withheld": "不予公开的内容及理由",
    "competent_agency": "负责公开的机关",
    "competent_contact": "该机关联系方式",
    "provide_form": "提供形式",
    "delivery": "送达/获取方式",
    "files": "随答复提供的文件",
    "provide_how": "提供方式（如「以纸质形式、通过邮寄方式」「通过电子邮件方式」）",
    "withheld_basis": "不予公开部分的法律依据（经办人填写时）",
    "remedy": "救济途径告知（系统按答复类型生成，含复议前置）",
}

ALLOWED_TAGS = frozenset(
    {"if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "comment", "endcomment", "firstof", "now"}
)
_TAG_RE = re.compile(r"{%\s*(\w+)")
# Output stays escaped: a template may not mark values as safe HTML.
_UNSAFE_FILTER_RE = re.compile(r"\|\s*(safe|safeseq)\b")


class TemplateError(ServiceError, ValueError):
    """A template an administrator saved cannot be used (Chinese message)."""


@cache
def _engine() -> Engine:
    return Engine(dirs=[], app_dirs=False, autoescape=True, loaders=[], libraries={}, debug=False)


def check_template(source: str) -> None:
    """Raise TemplateError unless `source` compiles and uses only allowed tags."""
    bad = sorted({t for t in _TAG_RE.findall(source) if t not in ALLOWED_TAGS})
    if bad:
        raise TemplateError(f"模板中不允许使用以下标签：{'、'.join(bad)}。可用标签：if、for、with、firstof、now。")
    if m := _UNSAFE_FILTER_RE.search(source):
        raise TemplateError(f"模板中不允许使用过滤器「{m.group(1)}」：文书内容一律按文本输出。")
    try:
        _engine().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"模板语法错误：{exc}") from None


_EXPRESSION_RE = re.compile(r"{{(.*?)}}|{%\s*(?:if|elif|for|with|firstof)\b(.*?)%}", re.S)
_STRING_RE = re.compile(r"\"[^\"]*\"|'[^']*'")
_FILTER_RE = re.compile(r"\|\s*\w+")
_NAME_RE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")
_BINDS_RE = re.compile(r"{%\s*for\s+([\w\s,]+?)\s+in\b|{%\s*with\b(.*?)%}", re.S)
_WORDS = frozenset({"and", "or", "not", "in", "is", "as", "None", "True", "False", "reversed", "forloop", "only"})


def unknown_placeholders(source: str) -> list[str]:
    """The variables `source` uses that no notice provides (CONTEXT_HELP), loop and `with` names aside."""
    known = set(CONTEXT_HELP) | set(sample_context()) | _WORDS
    for loop, with_part in _BINDS_RE.findall(source):
        known |= {n.strip() for n in loop.split(",") if n.strip()}
        known |= set(re.findall(r"(\w+)\s*=", with_part)) | set(re.findall(r"\bas\s+(\w+)", with_part))
    used = set()
    for a, b in _EXPRESSION_RE.findall(source):
        expression = _FILTER_RE.sub(" ", _STRING_RE.sub(" ", a or b))
        used |= set(_NAME_RE.findall(expression))
    return sorted(used - known)


def validate_template(source: str) -> None:
    """What an administrator saves: allowed tags only, no `safe`, compiles, every placeholder known,
    and it renders with sample data (Chinese TemplateError otherwise)."""
    check_template(source)
    if unknown := unknown_placeholders(source):
        raise TemplateError(
            "模板中有系统不提供的变量：" + "、".join(unknown) + "。可用变量见本页「可用变量」列表（区分大小写）。"
        )
    render_text(source, sample_context())


def render_text(source: str, context: dict) -> str:
    check_template(source)
    return _engine().from_string(source).render(Context(context, autoescape=True))


def paragraphs(rendered: str) -> list[str]:
    """Rendered template text → non-empty paragraphs (HTML-escaped)."""
    return [line.strip() for line in rendered.splitlines() if line.strip()]


# -- context ------------------------------------------------------------------------------------


def d(value) -> str:
    """Dates in documents: 2026年3月5日."""
    return fmt_date(value) if value else ""


def sample_context() -> dict:
    """A context with every variable filled, for previews and template checks."""
    ctx = {key: f"（{label}）" for key, label in CONTEXT_HELP.items()}
    ctx.update(correction_items=["（补正事项一）", "（补正事项二）"], fee_lines=["（计算过程）"], files="", provide_form="纸质",
               you="您", party_you="您", provide_how="以纸质形式、通过邮寄方式")
    return ctx


