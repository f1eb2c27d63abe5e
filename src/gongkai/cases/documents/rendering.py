"""A frozen notice (`Document`) as DOCX, HTML and PDF. The paragraphs are the text frozen when the notice
was issued, so a later template edit never changes a notice that already went out."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

from gongkai.core.report.render.pdf import FONT_FILE, font_face_css

from .templates import d

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
