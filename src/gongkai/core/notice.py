"""One notice (告知书, 答复书, 回执, 征求意见书 …) printed per GB/T 9704-2012, as DOCX, HTML and PDF.

    from gongkai.core.notice import Notice, notice_docx, notice_html, notice_pdf
    n = Notice(title="政府信息公开申请答复书", number="门科信公开〔2026〕第1号",
               agency_name="北京市门头沟区科学技术和信息化局", paragraphs=["张三：", "本机关于…"],
               date_text="2026年3月5日")

All three read the page, type and 落款 rules of `gongkai.core.gbt9704`, so the Word file and the
PDF put the same lines on the same pages. Paragraphs are plain text (escaped here for HTML).

- 标题: the agency's name and the kind of notice, 2号 小标宋-style, centred (§7.3.1);
- 发文字号 centred under it (§7.2.4);
- 主送 (the first paragraph when it ends in 「：」) flush left; body paragraphs indented two characters;
  numbered items (「1. …」) set ragged-right, never stretched with wide gaps;
- 落款: one blank line for the seal, 署名 centred over the 成文日期 (右空四字); the last body paragraph
  is kept on the page of the 落款, so a page never holds only the 落款 (§7.3.5.4).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

from gongkai.core import gbt9704

_ITEM = re.compile(r"^\s*[（(]?\d{1,2}[)）.．、]")


@dataclass
class Notice:
    title: str
    number: str
    agency_name: str
    paragraphs: list[str]  # plain text, one per paragraph
    date_text: str
    sign_name: str = ""  # defaults to agency_name
    attachments: list[str] = field(default_factory=list)  # 附件 names, printed after the body (§7.3.4)
    #: A preview that is not a document (e.g. 「预览 · 未出具」): printed across every page of the HTML/PDF
    #: and above the plain text, so that a print of it can never pass for the issued notice.
    mark: str = ""

    @property
    def signer(self) -> str:
        return self.sign_name or self.agency_name

    def kinds(self) -> list[str]:
        """The role of each paragraph: 'salutation', 'item' or 'body'."""
        out = []
        for i, text in enumerate(self.paragraphs):
            if i == 0 and text.rstrip().endswith("："):
                out.append("salutation")
            elif _ITEM.match(text):
                out.append("item")
            else:
                out.append("body")
        return out

    def short_last(self) -> bool:
        """Whether the last body paragraph fits on one line: the 落款 then keeps the paragraph before it
        too, so a page never holds one line and the 落款 (§7.3.5.4: at least two lines of the body)."""
        if self.attachments or len(self.paragraphs) < 3:
            return False
        return len(self.paragraphs[-1]) + 2 <= gbt9704.CHARS_PER_LINE

    def plain_text(self) -> str:
        """The notice as plain text (an e-mail body, a preview)."""
        lines = [self.agency_name + self.title, self.number, "", *self.paragraphs]
        if self.mark:
            lines = [f"【{self.mark}】", *lines]
        if self.attachments:
            lines += ["", *self._attachment_lines()]
        return "\n".join([*lines, "", self.signer, self.date_text])

    def _attachment_lines(self) -> list[str]:
        if len(self.attachments) == 1:
            return [f"附件：{self.attachments[0]}"]
        return [f"附件：1. {self.attachments[0]}", *(f"{i}. {a}" for i, a in enumerate(self.attachments[1:], start=2))]


# -- HTML / PDF -----------------------------------------------------------------------------------

NOTICE_CSS = f"""
.gw .gw-keep {{ break-before: avoid; }}
.gw .gw-attachment {{ text-indent: 2em; margin-top: {gbt9704.LINE_PITCH_PT:.2f}pt; }}
.gw .gw-attachment + .gw-attachment {{ margin-top: 0; text-indent: 5em; }}
.gw-mark {{ position: fixed; top: 38%; left: 0; right: 0; text-align: center; text-indent: 0;
           font-family: {gbt9704.PDF_TITLE_STACK}; font-size: 54pt; letter-spacing: 0.2em;
           color: rgba(190, 0, 0, 0.16); transform: rotate(-30deg); }}
.gw .gw-mark-line {{ text-align: center; text-indent: 0; color: #b00000; }}
"""


def notice_html(notice: Notice, *, standalone: bool = True) -> str:
    """The notice as HTML: the PDF source and the on-screen preview (fragment when not standalone)."""
    esc = html.escape
    sign = gbt9704.signature(notice.signer, notice.date_text)
    pitch = gbt9704.CHAR_PITCH_PT
    body: list[str] = []
    kinds = notice.kinds()
    short_last = notice.short_last()
    last = len(notice.paragraphs) - 1
    for i, (text, kind) in enumerate(zip(notice.paragraphs, kinds, strict=True)):
        cls = {"salutation": "gw-salutation", "item": "gw-item", "body": ""}[kind]
        if i == last and short_last:
            cls = f"{cls} gw-keep".strip()  # one line: it brings the previous paragraph's last lines along
        body.append(f'<p class="{cls}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>")
    body += [f'<p class="gw-attachment">{esc(line)}</p>' for line in notice._attachment_lines()] if notice.attachments else []
    # The 落款 may not start a page: it keeps at least the last two lines of the body (widows: 2).
    body.append('<div class="gw-sign">')
    body.append(f'<p class="gw-sign-name" style="padding-right:{sign.name_indent * pitch:.1f}pt">{esc(notice.signer)}</p>')
    body.append(f'<p class="gw-sign-date" style="padding-right:{sign.date_indent * pitch:.1f}pt">{esc(notice.date_text)}</p>')
    body.append("</div>")
    mark = (f'<div class="gw-mark" aria-hidden="true">{esc(notice.mark)}</div>'
            f'<p class="gw-mark-line">【{esc(notice.mark)}】</p>') if notice.mark else ""
    inner = (
        f'<div class="notice gw">{mark}<h1 class="gw-title">{esc(notice.agency_name)}<br>{esc(notice.title)}</h1>'
        f'<p class="gw-number">{esc(notice.number)}</p>{"".join(body)}</div>'
    )
    if not standalone:
        return inner
    css = gbt9704.font_face_css() + gbt9704.page_css() + NOTICE_CSS
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(notice.title)}</title>'
            f"<style>{css}</style></head><body>{inner}</body></html>")


def fonts_only_fetcher():
    """WeasyPrint may load the shipped fonts and nothing else (no file:// or network reads from a notice)."""
    from weasyprint import URLFetcher

    allowed = {path.as_uri() for path in gbt9704.PDF_FONT_FILES}

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"文书不能引用外部资源：{url}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=("file",))


def notice_pdf(notice: Notice) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=notice_html(notice), base_url=str(gbt9704.FONT_DIR), url_fetcher=fonts_only_fetcher()).write_pdf()


# -- DOCX -----------------------------------------------------------------------------------------


def notice_docx(notice: Notice) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    gbt9704.docx_page(doc)
    title_pitch = Pt(round(gbt9704.LINE_PITCH_PT * 1.2, 2))
    for line in (notice.agency_name, notice.title):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = title_pitch
        p.paragraph_format.keep_with_next = True
        gbt9704.docx_off_grid(p)
        run = p.add_run(line)
        gbt9704.docx_font(run, gbt9704.TITLE_FONT, gbt9704.TITLE_PT)
        gbt9704.docx_character_spacing(run._element.get_or_add_rPr(), 0)
    p = doc.add_paragraph()  # 发文字号, directly under the title, one blank line before the 主送
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(gbt9704.LINE_PITCH_PT)
    gbt9704.docx_font(p.add_run(notice.number), gbt9704.BODY_FONT)

    indent = Pt(gbt9704.CHAR_PITCH_PT * 2)
    last = len(notice.paragraphs) - 1
    for i, (text, kind) in enumerate(zip(notice.paragraphs, notice.kinds(), strict=True)):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        if kind == "salutation":
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        else:
            fmt.first_line_indent = indent
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if kind == "item" else WD_ALIGN_PARAGRAPH.JUSTIFY
        if i == last or (i == last - 1 and notice.short_last()):  # travels with the 落款 (§7.3.5.4)
            gbt9704.docx_keep_with_next(p)
        gbt9704.docx_font(p.add_run(text), gbt9704.BODY_FONT)
    for j, line in enumerate(notice._attachment_lines() if notice.attachments else []):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(gbt9704.CHAR_PITCH_PT * (2 if j == 0 else 5))
        if j == 0:
            p.paragraph_format.space_before = Pt(gbt9704.LINE_PITCH_PT)
        gbt9704.docx_keep_with_next(p)
        gbt9704.docx_font(p.add_run(line), gbt9704.BODY_FONT)
    sign = gbt9704.signature(notice.signer, notice.date_text)
    for text, chars, first in ((notice.signer, sign.name_indent, True), (notice.date_text, sign.date_indent, False)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(round(chars * gbt9704.CHAR_PITCH_PT, 1))
        if first:
            p.paragraph_format.space_before = Pt(round(gbt9704.SEAL_BLANK_LINES * gbt9704.LINE_PITCH_PT, 2))
            gbt9704.docx_keep_with_next(p)
        gbt9704.docx_font(p.add_run(text), gbt9704.BODY_FONT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- 送达回证 ------------------------------------------------------------------------------------


@dataclass
class ServiceReceipt:
    """送达回证: the form the addressee signs (直接送达/留置送达) or the record of a 邮寄送达."""

    agency_name: str
    document: str  # 送达文书名称及文号
    addressee: str  # 受送达人
    place: str  # 送达地点
    method: str  # 送达方式
    rows: list[tuple[str, str]] = field(default_factory=list)  # further (label, value) lines, e.g. 邮寄单号
    #: Filled in once the delivery is recorded (blank on the form printed before serving).
    signed_on: str = ""
    server: str = ""  # 送达人
    note: str = ""  # 备注 (留置送达: 拒收事由, 见证人)

    def table(self) -> list[tuple[str, str]]:
        return [
            ("送达文书名称及文号", self.document), ("受送达人", self.addressee), ("送达地点", self.place),
            ("送达方式", self.method), *self.rows,
            (SIGN_ROW, ""), ("签收日期", self.signed_on or "　　　　年　　月　　日"),
            ("送达人", self.server), ("备注", self.note),
        ]


RECEIPT_TITLE = "送达回证"
#: Row heights: the form is one page even with the 邮寄 rows and a 留置送达 note; the addressee's row has
#: room for a signature and a seal.
ROW_MM = 11
SIGN_ROW_MM = 22
SIGN_ROW = "受送达人签名或盖章"


def service_receipt_html(receipt: ServiceReceipt) -> str:
    esc = html.escape
    rows = "".join(f'<tr class="gw-sign-row"><th>{esc(k)}</th><td>{esc(v)}</td></tr>' if k == SIGN_ROW
                   else f'<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in receipt.table())
    css = gbt9704.font_face_css() + gbt9704.page_css() + f"""
.gw table {{ width: 100%; border-collapse: collapse; letter-spacing: 0; margin-top: 1em; }}
.gw tr {{ break-inside: avoid; }}
.gw th, .gw td {{ border: 0.75pt solid #000; padding: 4pt 8pt; height: {ROW_MM}mm; font-weight: normal; text-align: left; }}
.gw tr.gw-sign-row th, .gw tr.gw-sign-row td {{ height: {SIGN_ROW_MM}mm; }}
.gw th {{ width: 32%; text-align: center; }}
"""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{RECEIPT_TITLE}</title>'
            f'<style>{css}</style></head><body><div class="gw"><h1 class="gw-title">{esc(receipt.agency_name)}<br>'
            f'{RECEIPT_TITLE}</h1><table>{rows}</table></div></body></html>')


def service_receipt_pdf(receipt: ServiceReceipt) -> bytes:
    from weasyprint import HTML

    return HTML(string=service_receipt_html(receipt), base_url=str(gbt9704.FONT_DIR),
                url_fetcher=fonts_only_fetcher()).write_pdf()


def service_receipt_docx(receipt: ServiceReceipt) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = Document()
    gbt9704.docx_page(doc, page_numbers=False)
    gbt9704.docx_form_title(doc, receipt.agency_name, RECEIPT_TITLE)
    rows = receipt.table()
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for (label, value), row in zip(rows, table.rows, strict=True):
        row.height = Mm(SIGN_ROW_MM if label == SIGN_ROW else ROW_MM)
        for cell, text, align in ((row.cells[0], label, WD_ALIGN_PARAGRAPH.CENTER), (row.cells[1], value, WD_ALIGN_PARAGRAPH.LEFT)):
            p = cell.paragraphs[0]
            p.alignment = align
            gbt9704.docx_off_grid(p)
            gbt9704.docx_font(p.add_run(text), gbt9704.BODY_FONT, gbt9704.SIZE_4HAO)
    gbt9704.docx_table_widths(table, (32, 68))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
