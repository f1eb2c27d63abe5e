"""PDF input with a text layer: pdfplumber's layout text, read like `pdftotext -layout` output.

The layout text keeps each table row on one line with its numbers in reading order; labels that
wrap over several lines, vertical group labels and page numbers inside tables are what the free
tokeniser and the label matcher already handle for `_layout.txt` files, so a PDF and its
`pdftotext -layout` text parse to the same values.
"""

from __future__ import annotations

import io

from gongkai.core.report.parse.errors import ParseError
from gongkai.core.report.parse.normalize import clean_document

MAX_PAGES = 200


def pdf_to_lines(data: bytes) -> list[tuple[str, str]]:
    import pdfplumber

    out: list[tuple[str, str]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ParseError(f"PDF共{len(pdf.pages)}页，超过{MAX_PAGES}页上限，不像一份年度报告")
        for number, page in enumerate(pdf.pages, start=1):
            # numbers and their label are often set on slightly different baselines: a 5pt
            # tolerance keeps them on one line without merging neighbouring rows
            text = page.extract_text(layout=True, y_tolerance=5) or ""
            text = clean_document(text)
            for i, line in enumerate(text.split("\n"), start=1):
                if line.strip():
                    out.append((line.rstrip(), f"第{number}页第{i}行"))
            page.flush_cache()
    if not any(line.strip() for line, _ in out):
        raise ParseError("PDF没有文字层（可能是扫描件），无法读取；请先进行文字识别（OCR）")
    return out
