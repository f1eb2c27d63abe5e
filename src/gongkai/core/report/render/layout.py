"""The printed layout of the annual report, shared by the HTML, DOCX and XLSX renderers.

Each table is a list of rows of `Box`es (a cell with its rowspan/colspan), exactly as the official
format prints it (docs/law.md §2.4–§2.6, the seed's template): the renderers only translate boxes into
`<td rowspan colspan>`, merged Word cells or merged sheet ranges, so the three cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.report.schema import FORMAT_2019, Cell, Report, table2_blocks, table3_rows
from gongkai.core.report.validate.engine import merged_other_row, subrows_empty
from gongkai.core.vocabulary import (
    G_DENY,
    G_NOT_PROCESSED,
    G_OTHER,
    G_RESULTS,
    G_UNABLE,
    SECTIONS,
    TABLE3_COLUMN_LABELS,
    TABLE3_NOTE,
    TABLE4_COLUMN_LABELS,
    RemedyKind,
    normalise_label,
)

TABLE2_WIDTH = 4  # 信息内容 + up to three data columns (blocks with fewer are padded, as printed)
TABLE3_WIDTH = 10  # three label columns + 7 numbers
TABLE4_WIDTH = 15

#: Column shares of the 版心 width (156 mm), read by the HTML/PDF <colgroup> and the DOCX grid, so
#: the two cannot disagree. 表三's label columns need room: the third holds labels such as
#: 「4.保护第三方合法权益」 and must not collapse (issue 12).
COLUMN_WIDTHS: dict[str, tuple[float, ...]] = {
    "table2": (34, 22, 22, 22),
    "table3": (6.5, 8.5, 29) + (8,) * 7,
    "table4": (100 / 15,) * 15,
}


@dataclass
class Box:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    head: bool = False  # a printed label / header
    num: bool = False  # a data cell
    path: str | None = None  # the data cell's path (validator notation)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML (Word, Excel) cannot hold; parsed pages sometimes carry them."""
    return _XML_ILLEGAL.sub("", text)


def show(cell: Cell | None) -> str:
    """A value as printed: blank and missing print empty; decimals without exponent."""
    if cell is None or not cell.found or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text
    return str(value)


def title(report: Report) -> str:
    if report.title:
        return report.title
    return f"{report.agency or ''}{report.year or ''}{'年' if report.year else ''}政府信息公开工作年度报告"


# ---------------------------------------------------------------------------------------------
# 表二
# ---------------------------------------------------------------------------------------------


def table2_rows(report: Report) -> list[list[Box]]:
    rows: list[list[Box]] = []
    for block in table2_blocks(report.format_version):
        pad = TABLE2_WIDTH - 1 - len(block.columns)
        rows.append([Box(block.caption, colspan=TABLE2_WIDTH, head=True)])
        rows.append([Box("信息内容", head=True)] + [Box(c, head=True) for c in block.columns] + [Box() for _ in range(pad)])
        for row in block.rows:
            cells = report.table2.get(row, {})
            rows.append(
                [Box(row, head=True)]
                + [Box(show(cells.get(c)), num=True, path=f"table2.{row}.{c}") for c in block.columns]
                + [Box() for _ in range(pad)]
            )
    return rows


# ---------------------------------------------------------------------------------------------
# 表三
# ---------------------------------------------------------------------------------------------

TABLE3_HEADER_ROWS = 3


def _numbers(report: Report, key: str, *, extra: bool = False) -> list[Box]:
    cells = (report.table3_extra_rows if extra else report.table3).get(key) or []
    table = "table3_extra_rows" if extra else "table3"
    out = []
    for i, col in enumerate(("natural_person", "commercial", "research", "public_welfare", "legal_service",
                             "other_org", "total")):
        cell = cells[i] if i < len(cells) else None
        out.append(Box(show(cell), num=True, path=f"{table}.{key}.{col}"))
    return out


def table3_rows_layout(report: Report) -> list[list[Box]]:
    """The official 表三 with its 3 header rows and rowspan group labels."""
    fv = report.format_version
    rows: list[list[Box]] = [
        [Box(TABLE3_NOTE, rowspan=3, colspan=3, head=True), Box("申请人情况", colspan=7, head=True)],
        [Box(TABLE3_COLUMN_LABELS[0], rowspan=2, head=True), Box("法人或其他组织", colspan=5, head=True),
         Box(TABLE3_COLUMN_LABELS[6], rowspan=2, head=True)],
        [Box(label, head=True) for label in TABLE3_COLUMN_LABELS[1:6]],
    ]
    # A 2021-format report that printed （六）其他处理 as one row (docs/law.md §2.5 note; 洪泽区 2023)
    # is printed the same way, so that what was read is what is shown.
    merged = merged_other_row(report) if fv != FORMAT_2019 and subrows_empty(report) else None
    data = list(table3_rows(fv))
    body: list[tuple[str, list[Box]]] = []  # (group, row boxes without the group label columns)
    for r in data:
        if r.group == G_OTHER and merged is not None:
            if r.key == "R3f1":
                body.append((G_RESULTS, [Box(merged if normalise_label(merged) != normalise_label(G_OTHER) else G_OTHER,
                                            colspan=2, head=True)] + _numbers(report, merged, extra=True)))
            continue
        body.append((r.group or "", [Box(r.label, head=True)] + _numbers(report, r.key)))
    n_results = sum(1 for group, _ in body if group)
    subgroups = (G_DENY, G_UNABLE, G_NOT_PROCESSED, G_OTHER)
    sizes = {g: sum(1 for gg, _ in body if gg == g) for g in subgroups}
    started: set[str] = set()
    for group, boxes in body:
        label, numbers = boxes[0], boxes[1:]
        if not group:  # 一、二、四: the label spans the three label columns
            rows.append([Box(label.text, colspan=3, head=True), *numbers])
            continue
        row: list[Box] = []
        if G_RESULTS not in started:
            started.add(G_RESULTS)
            row.append(Box(G_RESULTS, rowspan=n_results, head=True))
        if group in subgroups:
            if group not in started:
                started.add(group)
                row.append(Box(group, rowspan=sizes[group], head=True))
            row.append(label)
        else:
            row.append(Box(label.text, colspan=2, head=True) if label.colspan == 1 else label)
        rows.append(row + numbers)
    return rows


# ---------------------------------------------------------------------------------------------
# 表四
# ---------------------------------------------------------------------------------------------


def table4_rows(report: Report) -> list[list[Box]]:
    results = list(TABLE4_COLUMN_LABELS[:4])
    rows = [
        [Box(RemedyKind.REVIEW.label, colspan=5, head=True), Box("行政诉讼", colspan=10, head=True)],
        [*(Box(t, rowspan=2, head=True) for t in results), Box(TABLE4_COLUMN_LABELS[4], rowspan=2, head=True),
         Box(RemedyKind.DIRECT_SUIT.label, colspan=5, head=True),
         Box(RemedyKind.SUIT_AFTER_REVIEW.label, colspan=5, head=True)],
        [Box(t, head=True) for t in TABLE4_COLUMN_LABELS] * 2,
    ]
    data = []
    for kind in RemedyKind:
        cells = report.table4.get(kind.value) or []
        for i, col in enumerate(("upheld", "corrected", "other", "pending", "total")):
            cell = cells[i] if i < len(cells) else None
            data.append(Box(show(cell), num=True, path=f"table4.{kind.value}.{col}"))
    rows.append(data)
    return rows


# ---------------------------------------------------------------------------------------------
# Grid placement (for DOCX/XLSX, which address cells by coordinates)
# ---------------------------------------------------------------------------------------------


def place(rows: list[list[Box]]) -> Iterator[tuple[int, int, Box]]:
    """(row, column, box) for each box, by the HTML table model (rowspans occupy later rows)."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for box in row:
            while (r, c) in taken:
                c += 1
            yield r, c, box
            for dr in range(box.rowspan):
                for dc in range(box.colspan):
                    taken.add((r + dr, c + dc))
            c += box.colspan


# ---------------------------------------------------------------------------------------------
# Narrative
# ---------------------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*[一二三四五六]\s*[、.．]")
_SECTION_WORDS = ((3, ("复议", "诉讼")), (4, ("问题", "改进")), (5, ("其他",)), (1, ("主动公开",)), (2, ("申请",)),
                  (0, ("总体", "概述")))


def section_index(heading: str) -> int | None:
    if not _NUMBERED.match(heading):
        return None
    text = normalise_label(heading)
    for index, words in _SECTION_WORDS:
        if any(w in text for w in words):
            return index
    return None


def sections(report: Report) -> list[tuple[str, str]]:
    """The six (heading, text) pairs. Text is kept for the narrative sections 一, 五, 六 only;
    sections 二–四 are their tables (a parsed report's text there is the table flattened)."""
    out = [(h, "") for h in SECTIONS]
    for heading, text in report.sections.items():
        i = section_index(heading)
        if i is not None and i in (0, 4, 5):
            out[i] = (heading.strip(), (text or "").strip())
        elif i is not None:
            out[i] = (heading.strip(), "")
    return out


def fee_sentence(report: Report) -> str | None:
    """Section 六's fee facts in the wording real reports use (docs/law.md §2.7; the seed)."""
    fees = report.fees

    def known(cell: Cell) -> bool:
        return cell.found and cell.value is not None

    parts = []
    if known(fees.notices):
        parts.append(f"发出收费通知的件数为{show(fees.notices)}件")
    if known(fees.noticed_total_yuan):
        parts.append(f"{'' if known(fees.notices) else '收费通知'}总金额为{show(fees.noticed_total_yuan)}元")
    if known(fees.collected_yuan):
        parts.append(f"实际收取的总金额为{show(fees.collected_yuan)}元")
    if not parts:
        return None
    year = f"{report.year}年度" if report.year else "本年度"
    return f"根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{year}本机关收取信息处理费情况为：{'，'.join(parts)}。"


def section_paragraphs(report: Report, index: int, text: str) -> list[str]:
    """The paragraphs printed under narrative section `index` (0, 4 or 5)."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if index == 5:
        sentence = fee_sentence(report)
        if sentence:
            # The stored text may state the fees in its own words; Report.fees is what counts.
            paragraphs = [sentence] + [p for p in paragraphs if "信息处理费" not in p]
        if not paragraphs:
            paragraphs = ["无。"]
    return paragraphs


PREAMBLE = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条编制。"
