"""Pure text helpers of the catalogue: 索引号 and 文号 formats (docs/law.md §5.2, §5.3).

No Django here, so the importer, the search and the tests can use them directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# 《政府信息公开目录系统实施指引（试行）》: 「前段码/后段码」, 前段码 = 组织机构代码 (略去“-”) and
# 后段码 = 4位年份 + “-” + 5位流水号 (docs/law.md §5.2). Newer systems use the 18-character 统一社会信用代码.
INDEX_NO_CANONICAL = re.compile(r"^(?P<prefix>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})-(?P<seq>\d{5})$")
# Variants seen on real portals (docs/law.md §5.2, [S]); accepted on import, never generated. docs/law.md's
# suggested regex wants 8 characters before the hyphen, yet its own example 「0142768-8」 has 7.
INDEX_NO_TOLERANT = re.compile(
    r"^(?P<prefix>[0-9A-Z]{7,8}-?[0-9A-Z]|[0-9A-Z]{18})/(?P<year>\d{4})(?P<month>\d{2})?-(?P<seq>\d{4,6})$"
)
SEQ_DIGITS = 5
SEQ_MAX = 10**SEQ_DIGITS - 1


@dataclass(frozen=True)
class IndexNo:
    prefix: str
    year: int
    seq: int

    def __str__(self) -> str:
        return format_index_no(self.prefix, self.year, self.seq)


def format_index_no(prefix: str, year: int, seq: int) -> str:
    """`{前段码}/{YYYY}-{NNNNN}`; the 前段码 loses its “-” as the 指引 requires."""
    prefix = prefix.replace("-", "").upper()
    if not 1 <= seq <= SEQ_MAX:
        raise ValueError(f"流水号超出范围（1–{SEQ_MAX}）：{seq}")
    return f"{prefix}/{year:04d}-{seq:0{SEQ_DIGITS}d}"


def parse_index_no(text: str, *, tolerant: bool = False) -> IndexNo | None:
    """Split a 索引号 into its parts, or None when it is not one."""
    text = unicodedata.normalize("NFKC", text or "").strip().upper()
    m = (INDEX_NO_TOLERANT if tolerant else INDEX_NO_CANONICAL).match(text)
    if not m:
        return None
    return IndexNo(m["prefix"].replace("-", ""), int(m["year"]), int(m["seq"]))


_DOC_NO_YEAR = re.compile(r"[\[［(（【〔﹝]\s*((?:19|20)\d{2})\s*[\]］)）】〕﹞]")


def normalise_doc_no(text: str) -> str:
    """文号 with the year in 六角括号: 「京科发[2020]3号」→「京科发〔2020〕3号」 (docs/law.md §5.3).

    Official documents write 〔2020〕 (U+3014/U+3015); copies often use [] or () instead.
    """
    text = re.sub(r"\s+", "", text or "")
    return _DOC_NO_YEAR.sub(r"〔\1〕", text)


def normalise_query(text: str) -> str:
    """Search input as the index sees it: NFKC (full-width letters/digits → ASCII), single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(text.split())


# -- search folding ------------------------------------------------------------------------------------

#: The characters whose traditional form opencc's t2s turns into another simplified character, as a
#: str.translate table (built once, lazily: ~0.1 s). Character by character, not phrase by phrase, so
#: folding keeps lengths and a substring of a text stays a substring of the folded text.
_T2S: dict[int, str] | None = None
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _t2s_table() -> dict[int, str]:
    global _T2S
    if _T2S is None:
        import opencc  # the C++ dictionaries load only when search text is first folded

        convert = opencc.OpenCC("t2s").convert
        table = {}
        for lo, hi in _CJK_RANGES:
            for cp in range(lo, hi):
                simplified = convert(chr(cp))
                if len(simplified) == 1 and simplified != chr(cp):
                    table[cp] = simplified
        _T2S = table
    return _T2S


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def fold_for_search(text: str) -> str:
    """Text as the search index and the query both see it: NFKC (full-width → ASCII), traditional →
    simplified (opencc t2s, per character), ASCII lower case. 「政務公開」 and 「政务公开」 fold alike."""
    text = unicodedata.normalize("NFKC", text or "")
    return text.translate(_t2s_table()).translate(_ASCII_LOWER)


def search_text_of(title: str, meta_text: str, body_text: str) -> str:
    """CatalogItem.search_text: the three searched fields folded, one per line."""
    return "\n".join(fold_for_search(" ".join((t or "").split())) for t in (title, meta_text, body_text))


_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of two or more Han characters next to a run of two or more ASCII letters/digits.
_HAN_LATIN = re.compile(rf"(?<=[{_HAN}]{{2}})(?=[0-9a-z]{{2}})|(?<=[0-9a-z]{{2}})(?=[{_HAN}]{{2}})")


def split_han_latin(term: str) -> list[str]:
    """「部门决算2024」→「部门决算」「2024」, so that word order does not matter (both are ANDed).

    Only where at least two Han characters meet at least two letters or digits: 「第3号」 and
    「京科发〔2020〕3号」 stay whole (a one-character term would only widen the search).
    """
    return [p for p in _HAN_LATIN.split(term) if p]
