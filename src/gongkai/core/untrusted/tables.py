"""Read an uploaded spreadsheet (CSV or XLSX) into rows; pure, run in the sandbox for uploads.

    from gongkai.core.untrusted.tables import read_rows, TableError
    rows = read_rows("目录.xlsx", data)      # list of rows, first row the headers; raises TableError (Chinese)
"""

from __future__ import annotations

import csv
import io


class TableError(ValueError):
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "无法读取该表格文件。"


def decode_text(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise TableError("无法识别文件编码，请另存为 UTF-8 编码的 CSV。")


def read_rows(name: str, data: bytes, *, max_rows: int | None = None) -> list[list]:
    """The first sheet as a list of rows (first row: headers). Stops after max_rows + 1 rows."""
    lower = (name or "").lower()
    limit = None if max_rows is None else max_rows + 2  # headers, and one more to tell "too many"
    if lower.endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise TableError("无法读取该 XLSX 文件，请确认文件未损坏且不是旧版 .xls 格式。") from None
        try:
            ws = wb.worksheets[0]
            rows = []
            for r in ws.iter_rows(values_only=True):
                rows.append(list(r))
                if limit is not None and len(rows) >= limit:
                    break
        except Exception:
            raise TableError("无法读取该 XLSX 文件，请确认文件未损坏且不是旧版 .xls 格式。") from None
        finally:
            wb.close()
        return rows
    if lower.endswith((".csv", ".txt")):
        text = decode_text(data)
        rows = []
        try:
            for row in csv.reader(io.StringIO(text)):
                rows.append(row)
                if limit is not None and len(rows) >= limit:
                    break
        except csv.Error as exc:
            raise TableError(f"CSV 文件格式有误：{exc}") from None
        return rows
    raise TableError("只支持 CSV 或 XLSX 文件。")
