"""A frozen notice (`Document`) as DOCX, HTML and PDF, in the GB/T 9704 layout (gongkai.core.notice,
gongkai.core.gbt9704: the DOCX and the PDF come from one layout). The paragraphs are the text frozen
when the notice was issued, so a later template edit never changes a notice that already went out."""

from __future__ import annotations

import html
from dataclasses import dataclass

from gongkai.core import gbt9704
from gongkai.core.notice import Notice, notice_docx, notice_html, notice_pdf

from .templates import d

FONT_FILE = gbt9704.PDF_BODY_FILE  # the shipped subset face every notice PDF embeds


@dataclass
class Rendered:
    title: str
    number: str
    agency_name: str
    paragraphs: list[str]  # HTML-escaped
    date_text: str
    mark: str = ""  # a preview (「预览 · 未出具」), never an issued document

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

    def notice(self) -> Notice:
        return Notice(title=self.title, number=self.number, agency_name=self.agency_name,
                      paragraphs=self.plain(), date_text=self.date_text, mark=self.mark)

    def text(self) -> str:
        """The notice as plain text (e-mail body)."""
        return self.notice().plain_text()


def to_docx(rendered: Rendered) -> bytes:
    return notice_docx(rendered.notice())


def to_html(rendered: Rendered, *, standalone: bool = True) -> str:
    """The notice as HTML (the PDF source and the on-screen preview)."""
    return notice_html(rendered.notice(), standalone=standalone)


def to_pdf(rendered: Rendered) -> bytes:
    return notice_pdf(rendered.notice())
