"""Parsers for published annual reports (政府信息公开工作年度报告), docs/law.md §0 and §2.

    from gongkai.core.report.parse import parse_file, parse_bytes, parse_text, ParseError
    report = parse_file("report.pdf")        # .txt/.md, .html/.htm, .pdf, .docx, .xlsx, .json
    report.values()                          # the samples' JSON shape
    report.missing                           # what the document lacks, in Chinese
    report.notes                             # what the reader corrected (divisions.py), in Chinese
    report.t3("R1", "total").source          # provenance: "第57行", "第3页第12行", "表格2 第5行第3列"

Every input is turned into one intermediate — tokens in reading order with provenance
(`tokens.py`) — and read by one template-driven extractor (`extract.py`) anchored on the official
labels of `gongkai.core.vocabulary`. Narrative numbers (`Report.facts`, keys documented in
`narrative.py`: new_received, carried_over, handled, carried_forward, review_cases,
litigation_cases, remedy_cases, published_items, regulations, normative_documents) and the
section 六 fee facts (`Report.fees`) are read from the text.

A cell that cannot be read is missing (`Cell.found is False`) and listed in `Report.missing`;
a value is never invented. Any input that is not a readable report raises `ParseError` (and only
that) with a Chinese message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from gongkai.core.report.parse.errors import ParseError
from gongkai.core.report.schema import Report

__all__ = ["ParseError", "parse_bytes", "parse_file", "parse_text"]

MAX_BYTES = 50 * 1024 * 1024
_TEXT_EXT = {".txt", ".md", ".markdown", ".text", ".csv", ""}
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".jsp", ".php"}


def parse_text(text: str, source: str | None = None) -> Report:
    """Parse a report given as text (flattened web page, pdftotext output, markdown, …)."""
    return _guard(lambda: _parse_text(text, source, "text"))


def parse_bytes(data: bytes, filename: str | None = None) -> Report:
    """Parse a report from bytes; the format is sniffed from the content, then the extension."""
    return _guard(lambda: _parse_bytes(data, filename))


def parse_file(path: str | os.PathLike) -> Report:
    """Parse a report file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(
                f"文件过大（{size // 1024 // 1024} MB），超过{MAX_BYTES // 1024 // 1024} MB上限：{p.name}"
            )
        data = p.read_bytes()
    except ParseError:
        raise
    except IsADirectoryError:
        raise ParseError(f"这是一个目录，不是文件：{p}") from None
    except FileNotFoundError:
        raise ParseError(f"文件不存在：{p}") from None
    except OSError as exc:
        raise ParseError(f"无法读取文件：{p}（{exc.strerror or exc}）") from None
    report = parse_bytes(data, p.name)
    report.source["file"] = str(p)
    return report


# -- implementation ---------------------------------------------------------------------------


def _guard(fn):
    try:
        return fn()
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("文档结构嵌套过深，无法解析", internal=False) from None
    except MemoryError:
        raise ParseError("文档过大，内存不足，无法解析") from None
    except Exception as exc:  # the contract: ParseError is the only exception any input raises
        raise ParseError(
            f"解析失败：文档无法按年度报告读取（内部错误：{type(exc).__name__}）", internal=True
        ) from exc


def _ext(filename: str | None) -> str:
    return Path(filename).suffix.lower() if filename else ""


def _parse_bytes(data: bytes, filename: str | None) -> Report:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ParseError("输入必须是字节串（bytes）")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise ParseError(f"文件过大，超过{MAX_BYTES // 1024 // 1024} MB上限")
    if not data.strip():
        raise ParseError("文件是空的，不是政府信息公开工作年度报告")
    ext = _ext(filename)
    name = filename or None
    head = data[:8]
    if head.startswith(b"%PDF") or ext == ".pdf" and b"%PDF" in data[:1024]:
        return _parse_pdf(data, name)
    if head.startswith(b"PK\x03\x04"):
        return _parse_zip(data, name, ext)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError("不支持旧版 Word/Excel 文件（.doc/.xls），请另存为 .docx/.xlsx 后再解析")
    if ext == ".pdf":
        raise ParseError("文件扩展名是 .pdf，但内容不是 PDF")
    if ext in (".docx", ".xlsx"):
        raise ParseError(f"文件扩展名是 {ext}，但内容不是有效的 Office 文件")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("这是二进制文件，不是政府信息公开工作年度报告")

    from gongkai.core.report.parse.html import decode_html

    text, encoding = decode_html(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    if ext == ".json" or (stripped.startswith("{") and ext not in _HTML_EXT):
        import json  # only JSON input needs it

        try:
            obj = json.loads(stripped)
        except ValueError:
            if ext == ".json":
                raise ParseError("JSON 格式错误，无法解析") from None
        else:
            return _parse_json(obj, name)
    if ext in _HTML_EXT or _looks_html(stripped):
        return _parse_html(text, name, encoding)
    report = _parse_text(text, name, "text")
    report.source["encoding"] = encoding
    return report


_HTML_HINT = re.compile(r"<(?:html|body|table|p|div|br|td|tr|span|h\d|!doctype)\b", re.I)


def _looks_html(text: str) -> bool:
    head = text[:20000]
    return head.startswith("<") and _HTML_HINT.search(head) is not None or len(_HTML_HINT.findall(head)) >= 5


def _parse_text(text: str, source: str | None, kind: str) -> Report:
    from gongkai.core.report.parse.core import build_report
    from gongkai.core.report.parse.normalize import clean_document
    from gongkai.core.report.parse.tokens import free_tokens, looks_piped, pipe_tokens

    if not isinstance(text, str):
        raise ParseError("输入必须是文本（str）")
    if not text.strip():
        raise ParseError("文档是空的，不是政府信息公开工作年度报告")
    if len(text) > MAX_BYTES:
        raise ParseError("文本过长，不像一份年度报告")
    text = clean_document(text)
    raw_lines = text.split("\n")
    lines = [(line, f"第{i}行") for i, line in enumerate(raw_lines, start=1)]
    piped = looks_piped(raw_lines)
    tokens = pipe_tokens(lines) if piped else free_tokens(lines)
    info = {"file": source, "kind": kind}
    if not piped and cell_per_line(raw_lines):
        info["layout"] = "cell-per-line"
    return build_report([line.strip() for line in raw_lines if line.strip()], tokens, info)


_LONE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")
_SOME_DIGIT = re.compile(r"\d")


def cell_per_line(lines: list[str]) -> bool:
    """Whether a text prints every table cell on its own line (`pdftotext` without -layout,
    one-cell-per-paragraph pages): most lines with a digit hold one number and nothing else."""
    lone = sum(1 for line in lines if _LONE_NUMBER.match(line))
    if lone < 20:
        return False
    with_digits = sum(1 for line in lines if _SOME_DIGIT.search(line))
    return lone >= 0.6 * with_digits


_OPEN = re.compile(r"<(?:div|span|font|section|article|blockquote|b|i|u|em|strong|table|ul|ol)\b", re.I)
_CLOSE = re.compile(r"</(?:div|span|font|section|article|blockquote|b|i|u|em|strong|table|ul|ol)\s*>", re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
MAX_UNCLOSED = 3000


def _parse_html(text: str, source: str | None, encoding: str) -> Report:
    from gongkai.core.report.parse.core import build_report
    from gongkai.core.report.parse.html import html_to_lines_and_tokens

    if text.count("<") > MAX_UNCLOSED and len(_OPEN.findall(text)) - len(_CLOSE.findall(text)) > MAX_UNCLOSED:
        # thousands of unclosed elements: an HTML5 parser takes quadratic time on such nesting,
        # and no real report page looks like this; read its text instead
        import html as html_lib

        plain = html_lib.unescape(_TAG.sub("\n", text))
        report = _parse_text(plain, source, "html")
        report.source["encoding"] = encoding
        return report

    lines, tokens = html_to_lines_and_tokens(text)
    return build_report(lines, tokens, {"file": source, "kind": "html", "encoding": encoding})


def _parse_pdf(data: bytes, source: str | None) -> Report:
    from gongkai.core.report.parse.core import build_report
    from gongkai.core.report.parse.pdf import NoTextLayer, pdf_to_lines
    from gongkai.core.report.parse.tokens import free_tokens

    try:
        lines, words = pdf_to_lines(data)
    except NoTextLayer:
        return _parse_scan(data, source)
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"PDF 文件损坏或无法读取（{type(exc).__name__}）") from None
    tokens = free_tokens(lines, words)
    return build_report([line.strip() for line, _ in lines], tokens, {"file": source, "kind": "pdf"})


def _parse_scan(data: bytes, source: str | None) -> Report:
    """A PDF without a text layer, read by OCR; only what the scan confirms is kept (ocr.py)."""
    from gongkai.core.report.parse import ocr
    from gongkai.core.report.parse.core import build_report

    lines, words, confidence = ocr.ocr_pdf(data)
    tokens = ocr.ocr_tokens(lines, words, confidence)
    report = build_report([line.strip() for line, _ in lines], tokens, {"file": source, "kind": "pdf-ocr"})
    ocr.confirm(report)
    return report


def _parse_zip(data: bytes, source: str | None, ext: str) -> Report:
    import io
    import zipfile  # here, not at the top: `gongkai report parse` of a text file starts faster

    from gongkai.core.report.parse.core import build_report
    from gongkai.core.report.parse.office import docx_to_lines_and_tokens, xlsx_to_lines_and_tokens

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ParseError("压缩包（docx/xlsx）已损坏，无法读取") from None
    try:
        if "word/document.xml" in names:
            lines, tokens = docx_to_lines_and_tokens(data)
            kind = "docx"
        elif "xl/workbook.xml" in names:
            lines, tokens = xlsx_to_lines_and_tokens(data)
            kind = "xlsx"
        else:
            raise ParseError("不支持的压缩文件：既不是 Word（.docx）也不是 Excel（.xlsx）")
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"Office 文件损坏或无法读取（{type(exc).__name__}）") from None
    return build_report(lines, tokens, {"file": source, "kind": kind})


def _parse_json(obj, source: str | None) -> Report:
    if not isinstance(obj, dict) or not any(k in obj for k in ("table3", "table2", "table4")):
        raise ParseError("JSON 不是年度报告交换格式：缺少 table2/table3/table4")
    try:
        report = Report.from_json(obj)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ParseError(f"JSON 年度报告交换格式有误：{exc}") from None
    report.source = {"file": source, "kind": "json"}
    return report


