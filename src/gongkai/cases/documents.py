"""Statutory notices of a case: per-agency editable templates, numbering, DOCX and PDF (law.md §4).

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

import html
import io
import re
from dataclasses import dataclass
from functools import cache

from django.template import Context, Engine, TemplateSyntaxError

from gongkai.core.law.calendar import fmt_date
from gongkai.core.report.render.pdf import FONT_FILE, font_face_css
from gongkai.core.vocabulary import Outcome

from .models import DocKind

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


# -- default texts --------------------------------------------------------------------------------
# Wording follows law.md §4.2 (skeleton, per-outcome content) and the cited articles; placeholders are
# listed in CONTEXT_HELP. Each line is one paragraph; a line ending in 「：」 is the salutation.

_OPENING = (
    "{{ addressee }}：\n"
    "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），"
    "申请获取“{{ request_summary }}”。"
    "{% if corrected_on %}经补正，本机关于{{ corrected_on }}收到补正后的申请。{% endif %}"
    "{% if extended_on %}本机关已于{{ extended_on }}告知您延期答复。{% endif %}\n"
)
_PROVIDE = (
    "{% if provide_form %}本机关按照您要求的形式，以{{ provide_form }}形式、通过{{ delivery }}方式向您提供"
    "{% if files %}（随本答复书提供：{{ files }}）{% endif %}。{% endif %}\n"
)
_REMEDY = "{{ remedy }}\n"

_REPLY_BODIES: dict[Outcome, str] = {
    Outcome.ALREADY_PUBLIC: (
        "经检索，您申请获取的政府信息已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，"
        "现告知您获取该政府信息的方式和途径：{{ body }}\n"
    ),
    Outcome.DISCLOSE: (
        "经审查，您申请获取的政府信息属于公开范围。根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，"
        "本机关予以公开。{{ body }}\n" + _PROVIDE
    ),
    Outcome.PARTIAL: (
        "经审查，您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据《中华人民共和国政府信息公开条例》"
        "第三十七条的规定，本机关向您提供可以公开的政府信息内容：{{ body }}\n"
        "对不予公开的内容说明理由如下：{{ withheld }}（依据：{{ legal_basis }}）\n" + _PROVIDE
    ),
    Outcome.NOT_EXIST: (
        "经检索，本机关没有您所申请公开的政府信息。检索情况：{{ body }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，现告知您该政府信息不存在。\n"
    ),
    Outcome.NOT_OUR_INFO: (
        "经审查，您所申请公开的政府信息不属于本机关负责公开。理由：{{ body }}\n"
        "{% if competent_agency %}根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，现告知您：该政府信息由"
        "{{ competent_agency }}负责公开{% if competent_contact %}，联系方式：{{ competent_contact }}{% endif %}。"
        "{% else %}根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，特此告知。{% endif %}\n"
    ),
    Outcome.NEED_CREATION: (
        "经审查，本机关没有您所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析。{{ body }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。\n"
    ),
    Outcome.STILL_UNCLEAR: (
        "本机关已于{{ correction_requested_on }}一次性告知您补正申请内容。经审查，补正后的申请内容仍不明确，"
        "本机关无法确定您所申请的政府信息。{{ body }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，本机关无法提供。\n"
    ),
    Outcome.PETITION_LIKE: (
        "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等事项。{{ body }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
        "您可以通过相应渠道提出。\n"
    ),
    Outcome.REPEAT: (
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息。{{ body }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不予重复处理。\n"
    ),
    Outcome.PUBLICATION: (
        "您申请获取的是政府公报、报刊、书籍等公开出版物。根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，"
        "现告知您获取的途径：{{ body }}\n"
    ),
    Outcome.MASS_REPEAT: (
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已于{{ reasons_requested_on }}要求您说明理由。"
        "经审查，本机关认为申请理由不合理：{{ body }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予处理。\n"
    ),
    Outcome.CONFIRM_OR_REISSUE: (
        "经审查，您的申请是要求本机关确认或者重新出具您已获取的信息。{{ body }}\n"
        "该申请不属于《中华人民共和国政府信息公开条例》规定的政府信息公开申请，本机关不予处理。\n"
    ),
    Outcome.REFER_SPECIAL_LAW: (
        "经审查，您申请获取的信息属于{{ body }}，有关法律、行政法规对信息的获取有特别规定。"
        "根据《中华人民共和国政府信息公开条例》第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。\n"
    ),
    Outcome.ABANDONED_NO_CORRECTION: (
        "本机关已于{{ correction_requested_on }}一次性告知您补正申请内容，补正期限至{{ correction_deadline }}。"
        "您无正当理由逾期未补正。\n"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。\n"
    ),
    Outcome.ABANDONED_NO_FEE: (
        "本机关已于{{ fee_sent_on }}向您发出信息处理费收费通知，缴费期限至{{ fee_pay_due }}。您逾期未缴纳费用。\n"
        "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "视为您放弃申请，本机关不再处理该政府信息公开申请。\n"
    ),
    Outcome.OTHER: "{{ body }}\n本机关对该政府信息公开申请终止处理。\n",
}
_DENY_BODY = (
    "经审查，您申请获取的政府信息{{ outcome_ground }}。理由：{{ body }}\n"
    "根据{{ legal_basis }}的规定，本机关决定不予公开。\n"
)
for _o in Outcome:
    if _o.value.startswith("deny_"):
        _REPLY_BODIES[_o] = _DENY_BODY

_SIGN_HELP = "落款（机关名称、日期）由系统自动加在正文之后。"

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    DocKind.RECEIPT: (
        "政府信息公开申请受理回执",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到您（单位）通过{{ channel }}提出的政府信息公开申请，申请编号为{{ case_number }}，"
        "申请获取“{{ request_summary }}”。根据《中华人民共和国政府信息公开条例》第三十一条的规定，{{ receipt_rule }}。\n"
        "根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内（即{{ due_date }}前）"
        "予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意后告知您，延长的期限最长不超过20个工作日。"
        "征求第三方和其他机关意见所需时间不计算在上述期限内。\n"
        "您可以凭申请编号和查询码在本机关网站「申请查询」页面查看办理进度。{% if agency_phone %}联系电话：{{ agency_phone }}。{% endif %}\n",
    ),
    DocKind.CORRECTION: (
        "政府信息公开申请补正告知书",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），"
        "申请获取“{{ request_summary }}”。经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "现一次性告知您需要补正的事项如下：\n"
        "{% for item in correction_items %}{{ forloop.counter }}. {{ item }}\n{% endfor %}"
        "请您于{{ correction_deadline }}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
        "{% if agency_phone %}如需帮助，请联系：{{ agency_phone }}。{% endif %}\n",
    ),
    DocKind.REASONS: (
        "政府信息公开申请说明理由告知书",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）。"
        "您申请公开政府信息的数量、频次明显超过合理范围：{{ reasons_text }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十五条的规定，请您于{{ reasons_deadline }}前向本机关说明理由。"
        "本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理但无法在第三十三条规定的期限内答复的，"
        "将确定延迟答复的合理期限并告知您。\n",
    ),
    DocKind.EXTENSION: (
        "政府信息公开申请延期答复告知书",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），"
        "申请获取“{{ request_summary }}”。因{{ extension_reason }}，本机关不能在{{ old_due }}前作出答复。\n"
        "根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{{ extension_days }}个工作日，本机关将于{{ new_due }}前作出答复。\n",
    ),
    DocKind.CONSULT_THIRD: (
        "政府信息公开第三方征求意见书",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到一份政府信息公开申请，申请公开的政府信息可能损害您（单位）的合法权益，"
        "涉及的信息内容为：{{ matter }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。请您自收到本征求意见书之日起"
        "15个工作日内（即{{ consult_due }}前）提出是否同意公开的意见；不同意公开的，请说明理由。"
        "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。\n"
        "第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
        "并将决定公开的政府信息内容和理由书面告知您（单位）。\n",
    ),
    DocKind.CONSULT_AGENCY: (
        "政府信息公开征求意见书（共同制作机关）",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到一份政府信息公开申请，申请公开的政府信息由本机关与贵机关共同制作，"
        "涉及的信息内容为：{{ matter }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。请贵机关自收到本征求意见书之日起"
        "15个工作日内（即{{ consult_due }}前）提出意见；逾期未提出意见的，视为同意公开。\n",
    ),
    DocKind.DISCLOSE_THIRD: (
        "政府信息依申请公开告知书（给第三方）",
        "{{ addressee }}：\n"
        "本机关于{{ consult_sent_on }}就一份政府信息公开申请书面征求您（单位）的意见，您（单位）于{{ consult_answered_on }}"
        "提出不同意公开的意见。\n"
        "经审查，本机关认为不公开可能对公共利益造成重大影响。根据《中华人民共和国政府信息公开条例》第三十二条的规定，"
        "本机关决定予以公开。决定公开的政府信息内容：{{ matter }}\n"
        "决定公开的理由：{{ override_reasons }}\n"
        "{{ remedy }}\n",
    ),
    DocKind.FEE_NOTICE: (
        "政府信息公开信息处理费收费通知书",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）。"
        "您申请公开政府信息的数量、频次明显超过合理范围：{{ fee_reason }}\n"
        "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "本机关决定向您收取信息处理费。收费标准：{{ fee_method }}，超额累进计算。\n"
        "{% for line in fee_lines %}{{ line }}\n{% endfor %}"
        "收费金额：人民币{{ fee_amount }}元。缴纳方式：{{ payment_instructions }}\n"
        "请您在收到本通知次日起20个工作日内缴纳费用；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n",
    ),
    DocKind.DEADLINE: (
        "政府信息公开申请延迟答复告知书",
        "{{ addressee }}：\n"
        "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）。"
        "经审查，本机关认为您的申请理由合理，但无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复：{{ deadline_reason }}\n"
        "根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定延迟答复的期限为{{ custom_due }}，"
        "将于该日前向您作出答复。\n",
    ),
}
for _o in Outcome:
    DEFAULT_TEMPLATES[REPLY_PREFIX + _o.value] = (
        "政府信息公开申请答复书",
        _OPENING + "经审查，现答复如下：\n" + _REPLY_BODIES[_o] + _REMEDY,
    )
del _o

# Variables a template may use (shown on the edit page).
CONTEXT_HELP: dict[str, str] = {
    "agency_name": "机关全称",
    "agency_phone": "联系电话",
    "agency_address": "办公地址",
    "addressee": "送达对象（申请人姓名或名称；征求意见书为第三方）",
    "case_number": "申请编号",
    "doc_number": "本文书文号",
    "doc_date": "文书日期",
    "received_on": "收到申请日期",
    "channel": "申请渠道",
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
    "remedy": "救济途径告知（系统按答复类型生成，含复议前置）",
}

ALLOWED_TAGS = frozenset(
    {"if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "comment", "endcomment", "firstof", "now"}
)
_TAG_RE = re.compile(r"{%\s*(\w+)")
# Output stays escaped: a template may not mark values as safe HTML.
_UNSAFE_FILTER_RE = re.compile(r"\|\s*(safe|safeseq)\b")


class TemplateError(ValueError):
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
    ctx.update(correction_items=["（补正事项一）", "（补正事项二）"], fee_lines=["（计算过程）"], files="", provide_form="纸质")
    return ctx


# -- output -------------------------------------------------------------------------------------


@dataclass
class Rendered:
    title: str
    number: str
    agency_name: str
    paragraphs: list[str]  # HTML-escaped
    date_text: str

    @classmethod
    def of(cls, document) -> Rendered:
        return cls(
            title=document.title,
            number=document.number,
            agency_name=document.agency.name,
            paragraphs=document.body.splitlines(),
            date_text=d(document.issued_on),
        )

    def plain(self) -> list[str]:
        return [html.unescape(p) for p in self.paragraphs]

    def text(self) -> str:
        """The notice as plain text (e-mail body)."""
        return "\n".join([self.agency_name + self.title, self.number, "", *self.plain(), "", self.agency_name, self.date_text])


def _set_font(run_or_style, east_asian: str, latin: str = "Times New Roman") -> None:
    from docx.oxml.ns import qn

    run_or_style.font.name = latin
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    # Without w:eastAsia, Word/LibreOffice render CJK text in a fallback font (stack.md §1.4).
    fonts.set(qn("w:eastAsia"), east_asian)


def to_docx(rendered: Rendered) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Docx()
    normal = doc.styles["Normal"]
    _set_font(normal, "仿宋_GB2312")
    normal.font.size = Pt(16)  # 三号
    for text, size, bold in ((rendered.agency_name, 22, True), (rendered.title, 22, True)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        _set_font(run, "宋体")
    p = doc.add_paragraph(rendered.number)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, text in enumerate(rendered.plain()):
        p = doc.add_paragraph()
        run = p.add_run(text)
        _set_font(run, "仿宋_GB2312")
        if not (i == 0 and text.endswith("：")):
            p.paragraph_format.first_line_indent = Pt(32)  # two characters
    for text in ("", rendered.agency_name, rendered.date_text):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def to_html(rendered: Rendered, *, standalone: bool = True) -> str:
    """The notice as HTML (the PDF source and the on-screen preview). Paragraphs are already escaped."""
    paras = []
    for i, text in enumerate(rendered.paragraphs):
        cls = "salutation" if i == 0 and html.unescape(text).endswith("：") else ""
        paras.append(f'<p class="{cls}">{text}</p>')
    esc = html.escape
    inner = (
        f'<div class="notice"><h1>{esc(rendered.agency_name)}<br>{esc(rendered.title)}</h1>'
        f'<p class="number">{esc(rendered.number)}</p>{"".join(paras)}'
        f'<p class="sign">{esc(rendered.agency_name)}</p><p class="sign">{esc(rendered.date_text)}</p></div>'
    )
    if not standalone:
        return inner
    css = (
        font_face_css()
        + '@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; @bottom-center { content: "— " counter(page) " —"; } }'
        'body { font-family: "Gongkai Serif SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 1.75; }'
        "h1 { text-align: center; font-size: 20pt; font-weight: normal; margin: 0 0 .5em; }"
        ".number { text-align: center; margin: 0 0 1em; } p { text-indent: 2em; margin: 0; text-align: justify; }"
        "p.salutation, p.number { text-indent: 0; } p.sign { text-align: right; text-indent: 0; }"
        "p.sign:first-of-type { margin-top: 2em; }"
    )
    return f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head><body>{inner}</body></html>'


def _fonts_only_fetcher():
    """WeasyPrint may load our font file and nothing else (no file:// or network reads from a notice)."""
    from weasyprint import URLFetcher

    allowed = FONT_FILE.as_uri()

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url != allowed:
                raise ValueError(f"文书不能引用外部资源：{url}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=("file",))


def to_pdf(rendered: Rendered) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(rendered), base_url=str(FONT_FILE.parent), url_fetcher=_fonts_only_fetcher()).write_pdf()
