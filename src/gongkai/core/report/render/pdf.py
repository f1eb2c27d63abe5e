"""PDF rendering: WeasyPrint from the HTML in the GB/T 9704 layout (gongkai.core.gbt9704), with the
shipped subset CJK fonts.

WeasyPrint subsets each font face on every render; with the stock 20–27 MB Noto CJK collections
that alone takes ~4 s (docs/stack.md §1.4). `src/gongkai/fonts/GongkaiSerifSC-Regular.otf` is Noto
Serif CJK SC cut down to GB2312 + ASCII + CJK punctuation (scripts/make_subset_font.py), which
brings a render to well under a second. Characters outside it (rare name characters) fall back
to the system's full Noto CJK fonts, at the old cost, only when a report uses one.
"""

from __future__ import annotations

import logging
from functools import cache

from gongkai.core import gbt9704
from gongkai.core.report.render.html import render_html
from gongkai.core.report.schema import Report

FONT_DIR = gbt9704.FONT_DIR
FONT_FILE = gbt9704.PDF_BODY_FILE


def font_face_css() -> str:
    # Two faces: the body serif and the bold title face (小标宋-style). 黑体 headings are
    # emboldened synthetically by Pango rather than adding a third face to subset on every render.
    return gbt9704.font_face_css()


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, fonts embedded and subset)."""
    from weasyprint import CSS, HTML

    # WeasyPrint logs every CSS property it does not know at WARNING; keep batch output quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fonts = _font_config()
    document = HTML(string=render_html(report), base_url=str(FONT_DIR))
    stylesheet = CSS(string=font_face_css(), font_config=fonts)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
