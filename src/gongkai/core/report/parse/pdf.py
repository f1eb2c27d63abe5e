"""PDF input with a text layer (pdfplumber): lines rebuilt from the positioned words.

Words are grouped into lines by their vertical position and read left to right, so each table row
is one line with its numbers in reading order, as in `pdftotext -layout` output: labels wrapped
over several lines, vertical group labels and page numbers inside tables are what the free
tokeniser and the label matcher already handle for `_layout.txt` files. A PDF and its
`pdftotext -layout` text therefore parse to the same values.

Each token keeps the horizontal centre of its word: blank cells are simply absent from a PDF's
text, and the extractor places the printed numbers under their column headers instead.
"""

from __future__ import annotations

import io

from gongkai.core.report.parse.errors import ParseError
from gongkai.core.report.parse.normalize import clean_document

MAX_PAGES = 200
# Numbers and their label are often set on slightly different baselines; 5pt keeps them on one
# line without merging neighbouring table rows (rows are ≥ 12pt apart).
LINE_TOLERANCE = 5.0


class NoTextLayer(ParseError):
    """A PDF whose pages carry no text (a scan): read by OCR (`ocr.py`) where tesseract is installed."""


def pdf_to_lines(data: bytes) -> tuple[list[tuple[str, str]], list[list[tuple[str, float]]]]:
    """([(line text, provenance)], [[(word, x centre)] per line])."""
    import logging

    import pdfplumber

    # damaged PDFs make pdfminer log a warning per bad operator; the outcome is reported instead
    logging.getLogger("pdfminer").setLevel(max(logging.ERROR, logging.getLogger("pdfminer").level))

    lines: list[tuple[str, str]] = []
    words_per_line: list[list[tuple[str, float]]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ParseError(f"PDF共{len(pdf.pages)}页，超过{MAX_PAGES}页上限，不像一份年度报告")
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False)
            for i, row in enumerate(_group_lines(words), start=1):
                items = [(clean_document(w["text"]).strip(), (w["x0"] + w["x1"]) / 2) for w in row]
                items = [(t, x) for t, x in items if t]
                if items:
                    lines.append((" ".join(t for t, _ in items), f"第{number}页第{i}行"))
                    words_per_line.append(items)
            page.flush_cache()
    if not lines:
        raise NoTextLayer("PDF没有文字层（可能是扫描件），无法读取；请先进行文字识别（OCR）")
    return lines, words_per_line


def _group_lines(words: list[dict]) -> list[list[dict]]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]
