"""Spreadsheet formula injection: values that leave the system in CSV or XLSX are never live formulas.

    from gongkai.core.cells import csv_row, xlsx_row
    writer.writerow(csv_row(values))      # text starting with = + - @ TAB CR gets a leading apostrophe
    ws.append(xlsx_row(ws, values))       # such text is written as a string cell, never as a formula

An applicant can type 「=HYPERLINK("http://…","点击")」 as a name; a spreadsheet program would run it
when staff open the export (OWASP "CSV injection"). Numbers and dates are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_cell(value):
    """A CSV value that no spreadsheet evaluates: risky text is prefixed with an apostrophe."""
    return "'" + value if is_risky(value) else value


def csv_row(values: Iterable) -> list:
    return [csv_cell(v) for v in values]


def xlsx_row(ws, values: Iterable) -> list:
    """Cells for `ws.append` (openpyxl, also write-only sheets): risky text as a plain string cell."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for value in values:
        if is_risky(value):
            cell = WriteOnlyCell(ws, value=None)
            cell._value = value          # bypass openpyxl's "starts with = → formula" inference
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(value)
    return out
