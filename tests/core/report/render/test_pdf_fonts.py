"""Notices and the annual report embed the shipped faces only (src/gongkai/fonts), the page-number
footer included (issue 16): a footer that fell back to the system's full Noto CJK embedded it as a
second font and doubled the memory of a render. Checked on the font objects of every page (what
`pdffonts` lists) and on the characters of the footer."""

import io

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from gongkai.core import gbt9704
from gongkai.core.notice import Notice, notice_pdf
from gongkai.core.report.render import render_pdf

from .helpers import sample

SHIPPED = {gbt9704.PDF_BODY_FACE.replace(" ", "-"), gbt9704.PDF_TITLE_FACE.replace(" ", "-")}


def notice() -> Notice:
    body = "本机关于2026年3月1日收到您提出的政府信息公开申请。经审查，现答复如下：您申请获取的信息属于公开范围。"
    return Notice(title="政府信息公开申请答复书", number="门科信公开〔2026〕第12号",
                  agency_name="北京市门头沟区科学技术和信息化局", paragraphs=["张三：", *[body] * 8],
                  date_text="2026年3月8日")


@pytest.fixture(scope="module", params=["notice", "annual report"])
def pdf(request) -> bytes:
    if request.param == "notice":
        return notice_pdf(notice())
    return render_pdf(sample("001_huaian_szf_2024_layout"))


def embedded_fonts(data: bytes) -> set[str]:
    """BaseFont names of every font resource of every page, without the subset tag (ABCDEF+)."""
    names = set()
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            fonts = resolve1(resolve1(page.page_obj.resources).get("Font", {}))
            for ref in fonts.values():
                base = resolve1(ref)["BaseFont"].name
                names.add(base.split("+", 1)[-1].split(",")[0])
    return names


def test_only_the_shipped_faces_are_embedded(pdf):
    fonts = embedded_fonts(pdf)
    assert fonts and fonts <= SHIPPED, fonts


def test_page_numbers_print_in_the_shipped_body_face(pdf):
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 2  # a number on more than the first page
        for page in document.pages:
            footer = [c for c in page.chars if c["top"] > page.height - gbt9704.MARGIN_BOTTOM_MM * 72 / 25.4]
            assert "".join(c["text"] for c in footer).replace(" ", "") == f"—{page.page_number}—"
            assert {c["fontname"].split("+", 1)[-1] for c in footer} == {gbt9704.PDF_BODY_FACE.replace(" ", "-")}


def test_the_page_number_box_names_no_system_font():
    """The margin box is matched apart from the body: a fallback family there could be picked (and
    embedded) even for digits the shipped face has."""
    css = gbt9704.page_css()
    rule = css[css.index("@bottom-right") :].split("}", 1)[0]
    family = rule.split("font-family:", 1)[1].split(";", 1)[0].strip()
    assert family == f'"{gbt9704.PDF_BODY_FACE}"'
