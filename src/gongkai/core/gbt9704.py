"""GB/T 9704-2012 《党政机关公文格式》: the one page layout of every document that leaves the system.

Both renderers read this module — the DOCX writer (`docx_page`, `docx_font`, …) and the HTML that
WeasyPrint prints to PDF (`page_css`) — so a notice or an annual report looks the same in Word and
in the PDF:

- A4 (210 × 297 mm); margins 上 37 mm, 下 35 mm, 左（订口）28 mm, 右 26 mm, so the 版心 is
  156 × 225 mm (§5.2.1–§5.2.2);
- 22 lines of 28 characters in 3号 (16 pt) type (§5.2.3): a fixed line pitch of 225 mm / 22 and a
  character pitch of 156 mm / 28, reached by tightening the letter spacing a little;
- title (标题) in 2号 小标宋 (§7.3.1), body (正文) in 3号 仿宋 (§7.3.3), the first level of headings
  in 3号 黑体, 发文字号 in 3号 仿宋 (§7.2.4); page numbers 4号 宋体 as 「— 1 —」 (§7.5.1);
- 落款: the 署名 and 成文日期 (dates written out in Arabic numerals, §7.3.5.1) right-aligned, the date
  右空四字 and the 署名 centred over it, one blank line below the body for the seal (印章 about 42 mm across, which
  presses on both lines, §7.3.5.1); the 落款 is never alone on a page (§7.3.5.4: no 「此页无正文」) —
  the last lines of the body stay with it.

Fonts. The DOCX names the faces offices have (方正小标宋简体, 仿宋_GB2312, 黑体, 宋体) and declares
East-Asian fallbacks in its font table (FONT_FALLBACKS). The PDF embeds the closest freely licensed
faces: Noto Serif CJK SC Bold (subset as "Gongkai Serif SC Bold") for the 小标宋 title and Noto Serif
CJK SC Regular ("Gongkai Serif SC") for the body. No freely licensed 仿宋 face can be installed from
Debian, PyPI or the npm registry (cwTeX FangSong is Traditional Chinese only and GPL; Zhuque Fangsong
is OFL but not packaged there), so the body prints in the shipped serif. An agency that owns the
licensed fonts installs them on the server; Word and LibreOffice then use them for the DOCX.

Pure Python; python-docx and WeasyPrint are imported only by the functions that need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# -- page geometry (millimetres) --------------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37.0, 35.0
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28.0, 26.0  # left is the binding side (订口)
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
FOOTER_FROM_EDGE_MM = 28.0  # 页码 sits 7 mm below the 版心 (§7.5.1: 版心下边缘之下 7 mm)

MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4

# -- type sizes (points; 号 → pt) -------------------------------------------------------------

SIZE_2HAO = 22.0
SIZE_3HAO = 16.0
SIZE_4HAO = 14.0
SIZE_XIAO4 = 12.0
SIZE_5HAO = 10.5

TITLE_PT = SIZE_2HAO
BODY_PT = SIZE_3HAO
PAGE_NUMBER_PT = SIZE_4HAO
TABLE_PT = 9.0  # the annual report's statistical tables (表三 has ten columns in 156 mm)

#: The line pitch that puts exactly 22 lines in the 版心: 225 mm / 22 = 10.23 mm = 28.99 pt.
LINE_PITCH_PT = TEXT_HEIGHT_MM / LINES_PER_PAGE / MM_PER_PT
#: The character pitch that puts 28 characters on a line: 156 mm / 28 = 5.57 mm = 15.80 pt.
CHAR_PITCH_PT = TEXT_WIDTH_MM / CHARS_PER_LINE / MM_PER_PT
#: 3号 characters are 16 pt wide; the letter spacing that brings them to the character pitch.
LETTER_SPACING_PT = round(CHAR_PITCH_PT - BODY_PT, 2)  # -0.2

# -- fonts --------------------------------------------------------------------------------------

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

#: What Word/WPS/LibreOffice may use when an office lacks a face (the DOCX font table's altName).
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    TITLE_FONT: ("方正小标宋_GBK", "华文中宋", "宋体", "Noto Serif CJK SC"),
    BODY_FONT: ("仿宋", "FangSong", "华文仿宋", "Noto Serif CJK SC"),
    HEADING_FONT: ("SimHei", "Noto Sans CJK SC"),
    TABLE_FONT: ("SimSun", "Noto Serif CJK SC"),
}
FONT_FAMILY_CLASS = {TITLE_FONT: "roman", BODY_FONT: "modern", HEADING_FONT: "modern", TABLE_FONT: "auto"}

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
PDF_BODY_FACE = "Gongkai Serif SC"
PDF_TITLE_FACE = "Gongkai Serif SC Bold"
PDF_BODY_FILE = FONT_DIR / "GongkaiSerifSC-Regular.otf"
PDF_TITLE_FILE = FONT_DIR / "GongkaiSerifSC-Bold.otf"
#: Characters outside the shipped subsets (rare name characters 堃/镕) fall back to the system's fonts.
PDF_FALLBACK = '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", serif'
PDF_BODY_STACK = f'"{PDF_BODY_FACE}", {PDF_FALLBACK}'
PDF_TITLE_STACK = f'"{PDF_TITLE_FACE}", "{PDF_BODY_FACE}", {PDF_FALLBACK}'
#: 一级标题 are 黑体 in the DOCX; no 黑体 face is embedded (a third face costs a subset pass on every
#: render), so the PDF prints them in the bold title face — and fonts.conf maps 黑体 to it for LibreOffice.
PDF_HEADING_STACK = PDF_TITLE_STACK
PDF_FONT_FILES = (PDF_BODY_FILE, PDF_TITLE_FILE)
#: The page number 「— 1 —」 is in the page's margin box, which inherits nothing from the document
#: (no `lang`, no `.gw` style) and so is matched by Pango/fontconfig on its own. It names the shipped
#: body face alone — dashes and digits are in the subset, so it never needs a fallback — so that no
#: system font can ever be picked (and embedded, at 100+ MB of memory for the full Noto CJK) for it.
PDF_PAGE_NUMBER_STACK = f'"{PDF_BODY_FACE}"'


# -- the 落款 ------------------------------------------------------------------------------------

#: Lines left blank between the body and the 署名 (§7.3.5.1: 正文下空一行编排发文机关署名): the seal's top
#: edge comes within one line of the body, the seal itself presses on the 署名 and the date.
SEAL_BLANK_LINES = 1
DATE_RIGHT_INDENT_CHARS = 4  # 成文日期右空四字


@dataclass(frozen=True)
class Signature:
    """Right indents (in characters) of the 署名 and the 成文日期 (§7.3.5.1)."""

    name_indent: float
    date_indent: float


def signature(name: str, date_text: str) -> Signature:
    """The 署名 is centred over the 成文日期, which is 右空四字; a 署名 longer than the date is
    right-aligned with 二字 to spare instead (it cannot be centred without leaving the 版心)."""
    date_len, name_len = _width_in_chars(date_text), _width_in_chars(name)
    name_indent = DATE_RIGHT_INDENT_CHARS + (date_len - name_len) / 2
    return Signature(name_indent=max(2.0, name_indent), date_indent=float(DATE_RIGHT_INDENT_CHARS))


def _width_in_chars(text: str) -> float:
    """Width in em: CJK characters are one em, ASCII digits and letters about half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


# -- CSS (the PDF and the on-screen preview) --------------------------------------------------


def font_face_css() -> str:
    """@font-face rules for the shipped faces (absolute file URLs; WeasyPrint embeds and subsets them)."""
    return "".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}") format("opentype"); }}\n'
        for family, path in ((PDF_BODY_FACE, PDF_BODY_FILE), (PDF_TITLE_FACE, PDF_TITLE_FILE))
    )


def page_css(*, page_numbers: bool = True) -> str:
    """The @page box and the classes shared by notices and the annual report.

    Classes: `.gw-title` (标题), `.gw-number` (发文字号), `.gw-salutation` (主送), body `p`,
    `.gw-heading` (一级标题), `.gw-sign` (the 落款: never alone on a page, it keeps the body's last lines with it),
    `.gw-sign-name` / `.gw-sign-date` (落款).
    """
    number = (
        f'@bottom-right {{ content: "— " counter(page) " —"; font-family: {PDF_PAGE_NUMBER_STACK}; '
        f"font-size: {PAGE_NUMBER_PT}pt; vertical-align: top; padding-top: 7mm; margin-right: 1em; }}"
        if page_numbers else ""
    )
    return f"""
@page {{ size: A4; margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm; {number} }}
.gw {{ font-family: {PDF_BODY_STACK}; font-size: {BODY_PT}pt; line-height: {LINE_PITCH_PT:.2f}pt;
       letter-spacing: {LETTER_SPACING_PT}pt; color: #000; orphans: 2; widows: 2; }}
.gw p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.gw .gw-title {{ font-family: {PDF_TITLE_STACK}; font-size: {TITLE_PT}pt; font-weight: normal;
       line-height: {LINE_PITCH_PT * 1.2:.2f}pt; text-align: center; text-indent: 0; margin: 0;
       letter-spacing: 0; break-after: avoid; }}
.gw .gw-number {{ text-align: center; text-indent: 0; margin-bottom: {LINE_PITCH_PT:.2f}pt; }}
.gw .gw-salutation {{ text-indent: 0; }}
.gw .gw-item {{ text-align: left; }}
.gw .gw-heading {{ font-family: {PDF_HEADING_STACK}; font-size: {BODY_PT}pt; font-weight: normal; text-indent: 2em;
       margin: 0; break-after: avoid; }}
.gw .gw-sign {{ break-inside: avoid; break-before: avoid; }}  /* with ≥ 2 lines of the body (widows) */
.gw .gw-sign-name {{ margin-top: {SEAL_BLANK_LINES * LINE_PITCH_PT:.2f}pt; }}
.gw .gw-sign-name, .gw .gw-sign-date {{ text-align: right; text-indent: 0; white-space: nowrap; }}
"""


# -- DOCX ---------------------------------------------------------------------------------------


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def docx_page(document, *, page_numbers: bool = True) -> None:
    """A4, the GB/T 9704 margins and 22-line grid, fonts and fallbacks, for every section of `document`."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
        section.footer_distance = Mm(FOOTER_FROM_EDGE_MM - 7)
        section.header_distance = Mm(15)
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:docGrid")):
            sect_pr.remove(old)
        grid = OxmlElement("w:docGrid")
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
        sect_pr.append(grid)
        if page_numbers:
            _page_number_footer(section)
    normal = document.styles["Normal"]
    docx_font(normal, BODY_FONT, BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(round(LINE_PITCH_PT, 2))
    fmt.widow_control = True
    docx_character_spacing(normal.element.get_or_add_rPr(), LETTER_SPACING_PT)
    _font_table(document)


def docx_font(run_or_style, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set a run's or style's font in all four slots (without w:eastAsia, CJK text falls back: docs/stack.md §1.4)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = east_asian
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), east_asian)


def docx_character_spacing(rpr, points: float) -> None:
    """Letter spacing of a run or style (w:spacing in twentieths of a point)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(points * 20)))
    rpr.append(spacing)


def _font_table(document) -> None:
    """Declare each face with its fallbacks (w:altName) and classification, as Word does for 公文 fonts."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = document.part
    table_part = next((rel.target_part for rel in part.rels.values() if rel.reltype == RT.FONT_TABLE), None)
    if table_part is None:
        return
    from lxml import etree

    root = etree.fromstring(table_part.blob)
    for name, fallbacks in FONT_FALLBACKS.items():
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), fallbacks[0])
        font.append(alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(charset)
        family = OxmlElement("w:family")
        family.set(qn("w:val"), FONT_FAMILY_CLASS[name])
        font.append(family)
        root.append(font)
    table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(section) -> None:
    """「— 1 —」 in 4号 宋体, 右空一字 (§7.5.1 puts even pages' numbers on the left; one footer keeps
    the DOCX and the PDF alike and suits one-sided printing, which is how notices are sent)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    footer = section.footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
    docx_font(paragraph.add_run("— "), TABLE_FONT, PAGE_NUMBER_PT)
    run = paragraph.add_run()
    docx_font(run, TABLE_FONT, PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    docx_font(paragraph.add_run(" —"), TABLE_FONT, PAGE_NUMBER_PT)


#: Cell padding of statistical tables (points), the same in the HTML (`padding: 2pt 3pt`) and the DOCX.
TABLE_CELL_PADDING_PT = (2.0, 3.0)


def docx_table_widths(table, fractions: tuple[float, ...]) -> None:
    """Give `table` a fixed layout whose grid (w:tblGrid) agrees with every cell's width (w:tcW).

    LibreOffice lays a table out by its grid; python-docx writes ten equal grid columns whatever the
    cells say, which collapsed 表三's label columns. `fractions` are shares of the 版心 width.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Twips

    total = sum(fractions)
    widths = [round(twips(TEXT_WIDTH_MM) * f / total) for f in fractions]
    tbl = table._tbl
    grid = tbl.tblGrid
    cols = grid.findall(qn("w:gridCol"))
    assert len(cols) == len(widths), (len(cols), len(widths))
    for col, w in zip(cols, widths, strict=True):
        col.set(qn("w:w"), str(w))
    tbl_pr = tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    # CT_TblPr's schema order: … tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook …
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_pr.insert_element_before(tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                                 "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    for old in tbl_pr.findall(qn("w:tblCellMar")):
        tbl_pr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    vertical, horizontal = (round(pt * 20) for pt in TABLE_CELL_PADDING_PT)
    for side, value in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(value))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    # Each (possibly merged) cell: the sum of the grid columns it spans.
    for tr in tbl.tr_lst:
        c = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Twips(sum(widths[c:c + span]))
            c += span


def docx_header_rows(table, count: int) -> None:
    """Repeat the first `count` rows at the top of each page (w:tblHeader), as the HTML <thead> does."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tr in table._tbl.tr_lst[:count]:
        trpr = tr.get_or_add_trPr()
        if trpr.find(qn("w:tblHeader")) is None:
            trpr.append(OxmlElement("w:tblHeader"))


def docx_form_title(doc, *lines: str) -> None:
    """The centred, off-grid title lines of a form (机关名称 and the form's name) above its table: the
    送达回证 and the 申请表 alike."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for line in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = Pt(round(LINE_PITCH_PT * 1.2, 2))
        docx_off_grid(p)
        docx_font(p.add_run(line), TITLE_FONT, TITLE_PT)


def docx_off_grid(paragraph) -> None:
    """Let a paragraph (a table cell's) ignore the 22-line document grid: with the grid, LibreOffice
    and Word give each 9 pt table line the full 3号 line pitch."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    for old in ppr.findall(qn("w:snapToGrid")):
        ppr.remove(old)
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    # Schema order (CT_PPr): snapToGrid comes right before spacing/ind/…/jc.
    ppr.insert_element_before(snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                              "w:sectPr", "w:pPrChange")


def docx_keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
