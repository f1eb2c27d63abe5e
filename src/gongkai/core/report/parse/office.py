"""DOCX (python-docx) and XLSX (openpyxl) input → lines and tokens.

DOCX: `Document.iter_inner_content()` gives paragraphs and tables in body order. A horizontally
merged cell is repeated in `row.cells`: dedupe by `id(cell._tc)`; vertically merged continuation
cells (`w:vMerge` without "restart") are skipped (docs/stack.md §1.5).
XLSX: merged ranges keep their value in the top-left cell only; the other cells of a range are
skipped so that they do not count as blank columns.
"""

from __future__ import annotations

import io

from gongkai.core.report.parse.normalize import clean_document
from gongkai.core.report.parse.tokens import ROW, Token, cell_token, free_tokens

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_lines_and_tokens(data: bytes) -> tuple[list[str], list[Token]]:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    tokens: list[Token] = []
    table_no = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table_no += 1
            _docx_table(block, table_no, lines, tokens)
            continue
        text = clean_document(block.text or "")
        for line in text.split("\n"):
            if line.strip():
                lines.append(line.strip())
                tokens.extend(free_tokens([(line.strip(), f"第{len(lines)}段")]))
    return lines, tokens


def _vmerge_continue(tc) -> bool:
    tc_pr = tc.tcPr
    if tc_pr is None:
        return False
    v = tc_pr.find(f"{_W}vMerge")
    return v is not None and v.get(f"{_W}val") in (None, "continue")


def _docx_table(table, table_no: int, lines: list[str], tokens: list[Token]) -> None:
    for r, row in enumerate(table.rows):
        seen: set[int] = set()
        texts = []
        for c, cell in enumerate(row.cells):
            tc = cell._tc
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            if _vmerge_continue(tc):
                continue
            raw = clean_document(cell.text or "")
            tokens.append(cell_token(raw, f"表格{table_no} 第{r + 1}行第{c + 1}列"))
            if raw.strip():
                texts.append("".join(raw.split()))
        tokens.append(Token(ROW))
        if texts:
            lines.append(" | ".join(texts))


def xlsx_to_lines_and_tokens(data: bytes) -> tuple[list[str], list[Token]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    lines: list[str] = []
    tokens: list[Token] = []
    for sheet in workbook.worksheets:
        covered: set[tuple[int, int]] = set()
        for rng in sheet.merged_cells.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    if (row, col) != (rng.min_row, rng.min_col):
                        covered.add((row, col))
        for row in sheet.iter_rows():
            texts = []
            row_tokens = []
            boxed_blank = False  # an empty cell with a drawn border: a table cell left blank
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                value = cell.value
                raw = "" if value is None else clean_document(_xlsx_text(value))
                row_tokens.append(cell_token(raw, f"工作表{sheet.title} {cell.coordinate}"))
                if raw.strip():
                    texts.append("".join(raw.split()))
                elif _bordered(cell):
                    boxed_blank = True
            if not texts:
                continue
            # a row with one text cell and nothing else is narrative (title, heading, paragraph);
            # a row whose other cells are bordered blanks is a table row (e.g. 行政事业性收费 with
            # its one amount cell left blank), so the blank stays a blank cell.
            if (
                not boxed_blank
                and len(texts) == 1
                and len([t for t in row_tokens if t.kind != "B"]) == 1
                and row_tokens[0].kind == "T"
            ):
                lines.append(texts[0])
                tokens.extend(free_tokens([(texts[0], row_tokens[0].src)]))
                continue
            tokens.extend(row_tokens)
            tokens.append(Token(ROW))
            lines.append(" | ".join(texts))
    return lines, tokens


def _bordered(cell) -> bool:
    border = cell.border
    return border is not None and any(
        side is not None and side.style for side in (border.left, border.right, border.top, border.bottom)
    )


def _xlsx_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
