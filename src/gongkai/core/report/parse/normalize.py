"""Text normalisation for published reports (docs/law.md §0, docs/stack.md §1.5).

Two levels:

- `clean_document(text)` runs once on the whole document: traditional → simplified (opencc
  `t2s`), pinyin ruby glosses removed (`區(qū)` on mirror sites), NFKC (full-width digits and
  punctuation to ASCII), odd spaces (U+00A0, U+3000, zero-width) to plain spaces, CR/LF unified.
- `norm(text)` is the comparison form of a label: no white space, loose quotes, 「1、」 = 「1.」,
  「其它」 = 「其他」. `vocabulary.normalise_label` is the base; this adds what real reports need.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from gongkai.core.vocabulary import normalise_label

_CONVERTER = None


def _t2s(text: str) -> str:
    global _CONVERTER
    if _CONVERTER is None:
        import opencc  # imported lazily: the C++ dictionary load is only paid when a report is parsed

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER.convert(text)


# Pinyin glosses that mirror sites put after each traditional character: 區(qū) 進(jìn).
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿê]{1,7}[)）]")
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_LIKE = re.compile(_ODD_SPACES.pattern[:-1] + _CONTROL.pattern[1:])
# LibreOffice/pdftotext put spaces between CJK and digits ("2025 年"); docs/stack.md §1.5.
# (Written to start with the literal space, which the regex engine scans for quickly; the
# lookbehinds then check the character before it: the same matches as
# `(?<=[\u4e00-\u9fff])[ ]+(?=\d)|(?<=\d)[ ]+(?=[\u4e00-\u9fff])`, several times faster.)
_CJK_DIGIT_SPACE = re.compile(r" (?:(?<=[\u4e00-\u9fff] ) *(?=\d)|(?<=\d ) *(?=[\u4e00-\u9fff]))")


# The blocks where NFKC changes anything that occurs in reports: Latin-1 signs, general
# punctuation and letter-like symbols, enclosed numbers (①), Kangxi/CJK radicals that OCR emits
# for ordinary characters (⼈), CJK compatibility ideographs, vertical/small forms and the
# full-width/half-width block. Normalising only these characters is several times faster than
# NFKC over the whole document and gives the same text.
_COMPAT_CLASS = (
    "[\u00a0-\u00bf\u2000-\u2bff\u2e80-\u2fdf\u3000\u3131-\u318f\u3200-\u33ff"
    "\uf900-\ufaff\ufb00-\ufb4f\ufe10-\ufe6f\uff00-\uffef]"
)
# `X X*` rather than `X+`: a pattern that starts with a plain character class lets the regex
# engine skip quickly to the next candidate character (same matches, ~2× faster on long pages).
_COMPAT = re.compile(_COMPAT_CLASS + _COMPAT_CLASS + "*")
_RUBY_GATE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def nfkc(text: str) -> str:
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def clean_document(text: str) -> str:
    """Normalise a whole document once, before tokenising (keeps line structure)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    if _RUBY_GATE.search(text):
        text = _RUBY.sub("", text)
    text = nfkc(text)
    text = _SPACE_LIKE.sub(" ", text)  # _ODD_SPACES and _CONTROL in one pass
    if _has_traditional_hint(text):
        text = _t2s(text)
    return text


# Characters that only occur in traditional script; a cheap gate so that simplified documents
# (the vast majority) skip the conversion entirely.
_TRAD_HINT = re.compile(
    "[國開資訊書於與處據會發條機關際數審計廣東區務實應檢應統權確總體領導環節點應報讀請證類項規]"
)


def _has_traditional_hint(text: str) -> bool:
    return _TRAD_HINT.search(text) is not None


def squeeze_cjk_digit_spaces(text: str) -> str:
    if " " not in text:
        return text
    return _CJK_DIGIT_SPACE.sub("", text)


_NUMBERING_COMMA = re.compile(r"(?<![\d.])(\d)\s*[、．]")
_ASCII_PUNCT_FOLD = str.maketrans({"﹑": "、", "，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Comparison form of a label (also folds the variants seen in published reports)."""
    text = normalise_label(text.translate(_ASCII_PUNCT_FOLD))
    text = _NUMBERING_COMMA.sub(r"\1.", text)
    return text.replace("其它", "其他").replace("|", "")


_PAGE_LINE = re.compile(
    r"^\s*(?:[-—–~]\s*\d{1,3}\s*[-—–~]"  # -4-  - 4 -
    r"|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?"  # 第3页 / 第3页 共9页
    r"|\d{1,3}\s*/\s*\d{1,3}"  # 3/9
    r"|P\.\s*\d{1,3}"  # P. 9 (flip-book viewers)
    r"|Page\s+\d{1,3}\b.*"  # Page 9 - 2020年报_审计局
    r")\s*$"
)


def is_page_marker(line: str) -> bool:
    """A page number or running header inside the text (pdftotext/flip-book output)."""
    return _PAGE_LINE.match(line) is not None
