"""The common intermediate form: a sequence of tokens in reading order, each with provenance.

Every input format becomes a list of `Token`s; one template-driven extractor (`extract.py`) reads
the tables from it. Kinds:

- TEXT   label or other text (consecutive TEXT tokens are read together: multi-line labels)
- NUM    a cell value (`value` is int, Decimal, or the printed string for 「251000元」, 「/」)
- BLANK  a cell printed empty (positional: it occupies a column)
- FILL   a padding cell (colspan filler, collapsed bar line): not positional
- ROW    end of a table row, where the input knows rows (HTML, DOCX, XLSX, `a | b |` lines)

Text flattenings are tokenised here too (`tokenise_text`): pipe-per-cell lines (the seed), rows as
`a | b |`, markdown tables, `|` on its own line, one cell per line or per paragraph, and free
text where cells are separated by spaces or not at all (pdftotext `-layout`, site text dumps).
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.core.report.parse.normalize import is_page_marker

TEXT, NUM, BLANK, FILL, ROW = "T", "N", "B", "F", "R"


class Token:
    __slots__ = ("kind", "text", "value", "raw", "src", "split", "ws", "conf", "x")

    def __init__(
        self, kind, text="", value=None, raw=None, src=None, split=False, ws=False, conf=1.0, x=None
    ):
        self.kind = kind
        self.text = text  # cleaned text (TEXT) or the digits as printed (NUM)
        self.value = value
        self.raw = raw
        self.src = src
        self.split = split  # NUM from free text: may hold the digits of several cells run together
        self.ws = ws  # FILL that was a white-space cell (may stand for a trailing blank)
        self.conf = conf
        self.x = x  # horizontal centre on the page (PDF), for placing values under their column

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"{self.kind}:{self.text!r}"


_INT = re.compile(r"[+-]?\d+")
_DEC = re.compile(r"[+-]?\d+\.\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DASHES = re.compile(r"[/\\\-—–―~_]+|无")
_WITH_UNIT = re.compile(r"[+-]?\d+(?:\.\d+)?(?:万元|元|件|个|条|项|次|人)")
_JUNK = "?？\ufffd*＊"
_DIGIT = re.compile(r"\d")


MAX_DIGITS = 40  # no table cell is longer; longer digit runs are garbage (and int() limits them)


def number_of(text: str) -> int | Decimal | None:
    """The number a cell holds, or None when it is not a plain number."""
    if len(text) > MAX_DIGITS:
        return None
    if text.isdecimal():  # the common case without a regex (isdecimal is exactly the regex's \d)
        return int(text)
    if _INT.fullmatch(text):
        return int(text)
    if _DEC.fullmatch(text):
        return Decimal(text)
    if _GROUPED.fullmatch(text):
        plain = text.replace(",", "")
        return Decimal(plain) if "." in plain else int(plain)
    return None


def cell_token(raw: str, src: str | None) -> Token:
    """Classify one table cell (cell-structured inputs: pipes, HTML, DOCX, XLSX)."""
    text = "".join(raw.split())
    if not text:
        return Token(BLANK, src=src)
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:  # the common case, without regexes
        return Token(NUM, text, int(text), src=src)
    if _DIGIT.search(text) is None:
        # a label: no number can be read from it (every pattern below but _DASHES needs a digit)
        stripped = text.strip(_JUNK)
        if not stripped:
            return Token(BLANK, src=src, raw=raw.strip(), conf=0.8)
        if _DASHES.fullmatch(text):
            return Token(NUM, text, text, raw=raw.strip(), src=src, conf=0.9)
        return Token(TEXT, text, src=src)
    value = number_of(text)
    if value is not None:
        return Token(NUM, text, value, src=src)
    stripped = text.strip(_JUNK)
    if stripped != text:
        if not stripped:
            return Token(BLANK, src=src, raw=raw.strip(), conf=0.8)
        value = number_of(stripped)
        if value is not None:  # 「? 0」: a mangled space before the number (mirror sites)
            return Token(NUM, stripped, value, raw=raw.strip(), src=src, conf=0.8)
    if _DASHES.fullmatch(text) or _WITH_UNIT.fullmatch(text):
        # Printed text in a numeric cell is kept as printed, never turned into a number (W2).
        return Token(NUM, text, text, raw=raw.strip(), src=src, conf=0.9)
    return Token(TEXT, text, src=src)


# -- free text ------------------------------------------------------------------------------------

# A digit run followed by a unit belongs to narrative text ("2020 年", "3940 元"), not to a cell.
_NARRATIVE_UNIT = "年月日号時时件条个項项次元万%‰人家篇期宗批场份天名户余多分秒岁"
_FREE = re.compile(r"\d+(?:\.\d+)?|[^\d\s]+")
# Item numbering glued to a label: 「1.属于国家秘密」, 「3、其他」 (also when glued to the digits
# of the row before: 「00000002.其他法律…」).
_NUMBERING_AFTER = re.compile(r"[.、](?=[\u4e00-\u9fff])")


_NEGATIVE = re.compile(r"[-−]\d{1,12}(?:\.\d+)?")
_WORD_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?(?:万元|元)")


def _free_line(line: str, src: str, out: list[Token]) -> None:
    for word in line.replace("|", " ").split():
        if word[0] in "-−" and _NEGATIVE.fullmatch(word):
            # 「本年增/减」 (2019 format) may be negative: a minus glued to the digits
            out.append(Token(NUM, word, number_of(word.replace("−", "-")), src=src))
            continue
        if word[-1] == "元" and _WORD_WITH_UNIT.fullmatch(word):
            # a cell on its own that prints its unit (「251000元」): kept as printed (W2)
            out.append(Token(NUM, word, word, raw=word, src=src, conf=0.9))
            continue
        if not word[0].isdigit() and _DIGIT.search(word) is None:
            out.append(Token(TEXT, word, src=src))  # no digit: the word is one text piece (as below)
            continue
        pieces = _FREE.findall(word)
        for i, piece in enumerate(pieces):
            if not piece[0].isdigit():
                if out and out[-1].kind == TEXT and out[-1].src == src and i > 0 and out[-1].value == "glue":
                    out[-1].text += piece  # numbering digit + label
                    out[-1].value = None
                else:
                    out.append(Token(TEXT, piece, src=src))
                continue
            nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
            prev = pieces[i - 1] if i > 0 else ""
            if nxt and _NUMBERING_AFTER.match(nxt) and "." not in piece:
                # the last digit numbers the next label; the digits before it are cell values
                head, tail = piece[:-1], piece[-1]
                if head:
                    out.append(Token(NUM, head, number_of(head), src=src, split=True))
                out.append(Token(TEXT, tail, value="glue", src=src))
                continue
            if (nxt and nxt[0] in _NARRATIVE_UNIT) or prev.endswith(("第", "共", "约", "近", "达")):
                out.append(Token(TEXT, piece, src=src))
                continue
            if nxt == "" and i + 1 == len(pieces):
                # a unit may follow after a space: "2020 年"
                pass
            out.append(Token(NUM, piece, number_of(piece), src=src, split=True))
    # a number followed by a unit in the next word ("2020 年") is narrative too
    return None


def _fix_spaced_units(tokens: list[Token]) -> None:
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if a.kind == NUM and a.split and b.kind == TEXT and b.src == a.src and b.text[:1] in _NARRATIVE_UNIT:
            a.kind = TEXT


def free_tokens(
    lines: list[tuple[str, str]], words: list[list[tuple[str, float]]] | None = None
) -> list[Token]:
    """Tokenise free text lines [(text, provenance)]: cells separated by spaces or run together.

    `words` (PDF) gives each line's words with their horizontal centre, kept on the tokens.
    """
    out: list[Token] = []
    for i, (line, src) in enumerate(lines):
        if not line.strip() or is_page_marker(line):
            continue
        if words is None:
            _free_line(line, src, out)
            continue
        for word, x in words[i]:
            start = len(out)
            _free_line(word, src, out)
            for tok in out[start:]:
                tok.x = x
    _fix_spaced_units(out)
    for t in out:
        if t.value == "glue":
            t.value = None
    return out


# -- pipe flattenings ---------------------------------------------------------------------------

_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def pipe_tokens(lines: list[tuple[str, str]]) -> list[Token]:
    """Tokenise text with `|` cell separators, whichever way the site flattened its table.

    - `cell |` one cell per line (the seed), `|||` lines = collapsed padding (not positional),
      a lone `|` = one empty cell;
    - `a | b | c |` and `| a | b |` rows (markdown), `|---|` rules dropped;
    - lines without a bar before a `|` line belong to the next cell (`|` on its own line,
      multi-line cells); long lines without a bar are narrative.
    """
    out: list[Token] = []
    pending: list[tuple[str, str]] = []  # text lines waiting for their `|`

    def flush_pending_as_text():
        # one call for all the lines: free text never joins tokens of different lines (provenance differs)
        if pending:
            out.extend(free_tokens(pending))
            pending.clear()

    for line, src in lines:
        stripped = line.strip()
        if not stripped or is_page_marker(stripped):
            continue
        if "|" not in stripped:
            if len(stripped) > 60 or stripped.endswith(("。", ":")):
                pending.append((stripped, src))  # narrative: tokenised with the lines before it
                flush_pending_as_text()
            else:
                pending.append((stripped, src))
            continue
        if "--" in stripped and _MD_RULE.match(stripped):
            continue
        if stripped.count("|") == len(stripped):  # _BARS: nothing but bars
            n = stripped.count("|")
            if pending:
                # `|` on its own line closes the cell made of the lines before it
                text = "".join(t for t, _ in pending)
                out.append(cell_token(text, pending[0][1]))
                pending.clear()
                n -= 1
            if n == 1:
                out.append(Token(BLANK, src=src))
            else:
                out.extend(Token(FILL, src=src) for _ in range(n))
            continue
        pieces = stripped.split("|")
        if stripped.startswith("|"):
            pieces = pieces[1:]
        if pending:
            pieces[0] = "".join(t for t, _ in pending) + pieces[0]
            pending.clear()
        if pieces and pieces[-1].strip() == "":
            pieces = pieces[:-1]
        last = len(pieces) - 1  # the last piece with text (-1: none)
        while last >= 0 and not pieces[last].strip():
            last -= 1
        row = len(pieces) > 1 or stripped.startswith("|")
        for i, piece in enumerate(pieces):
            if i > last:
                out.append(Token(FILL, src=src, ws=piece != ""))
            else:
                tok = cell_token(piece, src)
                out.append(tok)
        if row:
            out.append(Token(ROW, src=src))
    flush_pending_as_text()
    return out


def looks_piped(lines: list[str]) -> bool:
    """Whether the table part of a text uses `|` separators."""
    return sum(1 for line in lines if "|" in line) >= 2
