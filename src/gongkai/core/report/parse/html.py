"""HTML input: charset sniffing (gb2312/gbk → gb18030), selectolax, tables to tokens.

Charset rule (docs/stack.md §1.5, tested): sniff it ourselves — BOM, then the `<meta>` charset, then a
strict utf-8 attempt — map gb2312/gbk to gb18030 (sites declare gb2312 but use GBK-only
characters such as 镕, 堃), decode to `str`, and only then parse.

Table cells are emitted once each in document order (a rowspan label only in its first row), as
the official layout has them; the grid position after span expansion is the cell's provenance
(「表格2 第5行第3列」).
"""

from __future__ import annotations

import re

from gongkai.core.report.parse.normalize import clean_document
from gongkai.core.report.parse.tokens import ROW, Token, cell_token, free_tokens

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "hz-gb-2312"}


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """(text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = (http_charset or "").lower()
    if not declared:
        m = _META.search(data[:4096])
        declared = m.group(1).decode("ascii", "ignore").lower() if m else ""
    if declared in _GB:
        return data.decode("gb18030", errors="replace"), "gb18030"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if declared and declared not in ("utf-8", "utf8"):
            try:
                return data.decode(declared, errors="replace"), declared
            except LookupError:
                pass
        return data.decode("gb18030", errors="replace"), "gb18030"


_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "tr",
    "table",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "title",
    "hr",
}
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "svg", "select", "option", "button"}


def html_to_lines_and_tokens(html: str) -> tuple[list[str], list[Token]]:
    """Lines of text (narrative) and tokens (tables + text between them), in document order."""
    from selectolax.lexbor import LexborHTMLParser

    # normalise once (NFKC, t2s, odd spaces) rather than cell by cell; markup is ASCII and unaffected
    tree = LexborHTMLParser(clean_document(html))
    root = tree.body or tree.root
    lines: list[str] = []
    tokens: list[Token] = []
    buf: list[str] = []
    table_no = 0

    def flush():
        if buf:
            text = "".join(buf).replace("\xa0", " ")
            for line in text.split("\n"):
                if line.strip():
                    lines.append(line.strip())
                    tokens.extend(free_tokens([(line.strip(), f"第{len(lines)}段")]))
            buf.clear()

    if root is None:
        return lines, tokens
    # iterative walk: deeply nested pages must not hit the recursion limit
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            if tag in _BLOCK:
                buf.append("\n")
            continue
        if tag == "-text":
            buf.append(node.text(deep=False) or "")
            continue
        if tag in _SKIP or tag == "-comment":
            continue
        if tag == "table" and len(node.css("table")) == 1:
            flush()
            table_no += 1
            _table_tokens(node, table_no, lines, tokens)
            continue
        if tag in _BLOCK:
            buf.append("\n")
        stack.append((node, True))
        children = list(node.iter(include_text=True))
        for child in reversed(children):
            stack.append((child, False))
    flush()
    return lines, tokens


def _span(value, limit: int) -> int:
    if not value:
        return 1
    try:
        return max(1, min(int(value), limit))
    except (TypeError, ValueError):
        return 1


def _table_tokens(table, table_no: int, lines: list[str], tokens: list[Token]) -> None:
    occupied: dict[tuple[int, int], bool] = {}
    for r, tr in enumerate(table.css("tr")):
        c = 0
        row_texts = []
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            while occupied.get((r, c)):
                c += 1
            attrs = td.attributes
            rowspan = _span(attrs.get("rowspan"), 200)
            colspan = _span(attrs.get("colspan"), 50)
            if rowspan > 1 or colspan > 1:
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied[(r + dr, c + dc)] = True
            raw = td.text(separator="", strip=False) or ""
            tokens.append(cell_token(raw, f"表格{table_no} 第{r + 1}行第{c + 1}列"))
            if raw.strip():
                row_texts.append("".join(raw.split()))
            c += colspan
        tokens.append(Token(ROW))
        if row_texts:
            lines.append(" | ".join(row_texts))
