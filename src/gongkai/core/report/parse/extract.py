"""The one template-driven extractor: reads tables 二, 三, 四 from a token sequence.

Anchored on the official labels of `gongkai.core.vocabulary` (docs/law.md §2.4–§2.6, §2.9), never on
the layout of one site:

1. Tokens are grouped into segments: a run of text (the label, possibly over several lines or
   cells) followed by the values after it.
2. A state machine walks the segments (before tables → 表二 → 表三 → 表四 → after), switching on
   the tables' own anchors (第二十条第（一）项, the 勾稽 note, the 表四 header).
3. Each segment with values is given to the template row whose label it ends with (exact, then
   prefix/suffix of a multi-line or broken label, then a fuzzy match for typos), in the template's
   order; the values are read positionally.
4. Rows whose digits ran together are split only where the 勾稽 relations make the split unique
   (`split.py`), first per row (H2), then across rows (H1, H3) and for 表四 (H4).

What cannot be read is left missing with a precise Chinese entry in `Report.missing`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from gongkai.core.report.parse.normalize import norm
from gongkai.core.report.parse.split import row_total_ok, split_runs, table4_totals_ok
from gongkai.core.report.parse.tokens import BLANK, FILL, NUM, ROW, TEXT, Token
from gongkai.core.report.schema import (
    FORMAT_2019,
    FORMAT_2021,
    Cell,
    Report,
    Undecided,
    table2_blocks,
    table3_rows,
)
from gongkai.core.vocabulary import (
    G_OTHER,
    R3F_2019,
    TABLE2_FEE_COLUMN,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_ROW,
    TABLE4_COLUMN_LABELS,
    TABLE4_COLUMNS,
    RemedyKind,
    Row,
)

N3 = len(TABLE3_COLUMN_LABELS)  # 7
N4 = len(RemedyKind) * len(TABLE4_COLUMNS)  # 15

# -- format detection (docs/law.md §2.9) ---------------------------------------------------------------

_MARKS_2021 = tuple(
    norm(s) for s in ("本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正", "逾期未按收费通知")
)
_MARKS_2019 = tuple(
    norm(s)
    for s in (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "第二十条第（九）项",
        "政府集中采购",
        "采购项目数量",
    )
)
# Tables of the 2008 条例 era (pre-2019): 申请总数 / 当面申请数 / … (docs/law.md §2.9)
_MARKS_OLD = tuple(
    norm(s)
    for s in ("当面申请数", "传真申请数", "网上申请数", "信函申请数", "同意公开答复数", "同意部分公开答复数")
)


# 表三 （六）其他处理 with its 2021 sub-rows, and 表二 labels of each format
_T3_2021 = tuple(norm(s) for s in ("逾期不补正", "逾期未按收费通知"))
_T2_2021 = _MARKS_2021[:3]
_T2_2019 = _MARKS_2019[:4]
MIXED_EVIDENCE = "表三为2021年格式（（六）其他处理分三项），表二却是2019年试行格式（本年新制作数量等）"


def mixed_table2(compact: str) -> bool:
    """A 2021-format report whose 表二 is still the 2019 trial format (agencies mixed them in 2021)."""
    return (
        all(m in compact for m in _T3_2021)
        and not any(m in compact for m in _T2_2021)
        and sum(1 for m in _T2_2019 if m in compact) >= 2
    )


def detect_format(compact: str, year: int | None) -> tuple[str | None, str]:
    """(format version or None when pre-2019, evidence in Chinese) from the compacted text."""
    n21 = sum(1 for m in _MARKS_2021 if m in compact)
    n19 = sum(1 for m in _MARKS_2019 if m in compact)
    old = sum(1 for m in _MARKS_OLD if m in compact)
    if old >= 2 and n21 == 0 and n19 == 0:
        return None, "2008年条例时期的统计表（当面申请数、同意公开答复数等）"
    if mixed_table2(compact):
        return FORMAT_2021, MIXED_EVIDENCE
    if n21 > n19:
        return FORMAT_2021, "表二/表三标签为2021年格式（本年制发件数等）"
    if n19 > n21:
        return FORMAT_2019, "表二标签为2019年试行格式（本年新制作数量等）"
    if year is not None and year <= 2020:
        return FORMAT_2019, f"未找到区分格式的标签，按报告年度{year}年推定为2019年试行格式"
    return FORMAT_2021, "未找到区分格式的标签，推定为2021年格式"


# -- segments -------------------------------------------------------------------------------------


@dataclass
class Segment:
    texts: list[Token]
    values: list[Token]
    index: int  # position in the segment list
    run: str = ""
    cells: list[Token] = field(default_factory=list)  # the values that are cells (NUM, BLANK), in order

    @property
    def trailing_ws_fills(self) -> int:
        n = 0
        for t in reversed(self.values):
            if t.kind == FILL and t.ws:
                n += 1
            elif t.kind == FILL:
                continue
            else:
                break
        return n

    @property
    def src(self) -> str | None:
        for t in self.texts:
            if t.src:
                return t.src
        return None


def segments(tokens: list[Token]) -> list[Segment]:
    out: list[Segment] = []
    texts: list[Token] = []
    values: list[Token] = []

    def emit():
        cells = [v for v in values if v.kind == NUM or v.kind == BLANK]
        if texts or cells:
            run = norm("".join([t.text for t in texts])) if texts else ""
            out.append(Segment(texts.copy(), values.copy(), len(out), run, cells))
        texts.clear()
        values.clear()

    for tok in tokens:
        kind = tok.kind
        if kind == TEXT:
            if values:
                emit()
            texts.append(tok)
        elif kind == ROW:
            if texts or values:
                emit()
        else:
            values.append(tok)
    emit()
    return out


# -- label matching -------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d\.)")


@dataclass
class Label:
    key: str
    text: str  # official label
    num: str  # normalised numbering ("一、", "(一)", "1.")
    core: str  # normalised label without numbering

    @classmethod
    @lru_cache(maxsize=512)
    def of(cls, key: str, text: str) -> Label:
        n = norm(text)
        m = _NUMBERING.match(n)
        num = m.group(0) if m else ""
        return cls(key, text, num, n[len(num) :])


def _longest_prefix(core: str, run: str) -> int:
    lo, hi = 0, len(core)
    while lo < hi:  # core[:k] in run is monotone in k
        mid = (lo + hi + 1) // 2
        if core[:mid] in run:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _longest_suffix(core: str, run: str) -> int:
    lo, hi = 0, len(core)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if core[-mid:] in run:
            lo = mid
        else:
            hi = mid - 1
    return lo


def match_label(label: Label, run: str) -> tuple[float, int]:
    """(confidence, end position in run) of `label` in the text run; (0, -1) if absent."""
    core = label.core
    if not core or not run:
        return 0.0, -1
    i = run.rfind(core)
    if i >= 0:
        before = run[max(0, i - len(label.num)) : i]
        if label.num and before == label.num:
            return 1.0, i + len(core)
        if len(core) <= 2:  # 「3.其他」: too short to stand without its number
            return 0.0, -1
        other_num = re.search(r"(?:\d\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)$", run[:i])
        if other_num and label.num and other_num.group(0) != label.num and other_num.end() == i:
            return 0.55, i + len(core)  # same words, another number: probably another row
        return 0.95, i + len(core)
    if len(core) <= 4 or core[:4] not in run and core[-6:] not in run:
        return 0.0, -1  # neither branch below can score: no 4-character prefix, no 6-character suffix
    # a label broken over lines (the rest after the values, or interleaved with a vertical
    # group label) or with a typo: its longest prefix, or its longest suffix
    k = _longest_prefix(core, run)
    best = (0.0, -1)
    if k >= 4:
        j = run.find(core[:k])
        numbered = bool(label.num) and run[max(0, j - len(label.num)) : j] == label.num
        if numbered and k >= 5 or k >= 6 and k >= 0.45 * len(core) or k >= 0.6 * len(core):
            best = (0.6 + 0.35 * k / len(core) + (0.05 if numbered else 0), j + k)
    s = _longest_suffix(core, run)
    if s >= 6 and s >= 0.5 * len(core):
        j = run.rfind(core[-s:])
        cand = (0.6 + 0.3 * s / len(core), j + s)
        if cand[0] > best[0]:
            best = cand
    return best


@lru_cache(maxsize=512)
def _label_chars(core: str) -> frozenset[str]:
    return frozenset(core)


def fuzzy_label(label: Label, run: str) -> tuple[float, int]:
    """Last resort for typos: similarity of the label with the end of the run."""
    core = label.core
    if len(core) < 4 or not run:
        return 0.0, -1
    tail = run[-(len(core) + 2) :]
    # the ratio is 2·M/(len(tail)+len(core)) with M matched characters, each of them a character of
    # the label: counting those bounds the ratio from above without building a SequenceMatcher
    chars = _label_chars(core)
    if 2 * sum(1 for ch in tail if ch in chars) < 0.75 * (len(tail) + len(core)):
        return 0.0, -1
    from difflib import SequenceMatcher  # rarely reached: imported on first use

    ratio = SequenceMatcher(None, tail, core, autojunk=False).ratio()
    if ratio >= 0.75:
        return 0.5 + 0.4 * ratio, len(run)
    return 0.0, -1


# -- reading values ------------------------------------------------------------------------------


def _cell(tok: Token, kind: str = "int", conf: float | None = None, raw: str | None = None) -> Cell:
    if tok.kind == BLANK:
        return Cell(None, True, tok.src, tok.conf if conf is None else conf, tok.raw)
    value = tok.value
    if kind == "decimal" and isinstance(value, int):
        value = Decimal(value)
    return Cell(value, True, tok.src, tok.conf if conf is None else conf, raw or tok.raw)


@dataclass
class Pending:
    """A row whose digits must be split: its candidate readings (each passes the row check)."""

    runs: list[str]
    candidates: list[tuple[int, ...]]
    complete: bool
    src: str | None


@dataclass
class Extraction:
    report: Report
    t2_found: bool = False
    t3_found: bool = False
    t4_found: bool = False
    labels_seen: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)  # row key → why it is missing
    reached: set[str] = field(default_factory=set)  # states the walk went through
    end_state: str = "pre"
    last_text: str = ""
    pending3: dict[str, Pending] = field(default_factory=dict)
    centers: dict = field(default_factory=dict)  # PDF column centres per table
    # one cell per line (`pdftotext` without -layout): labels and numbers may come in different
    # orders, so a row is read only where the order is confirmed (see `_read_cell_stream`)
    cell_per_line: bool = False
    t2_values: dict[int, list[Token]] = field(default_factory=dict)  # 表二 block → its values, in order
    t2_label_after: set[int] = field(default_factory=set)  # blocks whose numbers come before their labels
    t3_stream: list[Token] = field(default_factory=list)  # every 表三 value, in document order
    t3_anchors: list[tuple[str, int]] = field(default_factory=list)  # (row key, index of its 1st value)
    t4_stream: list[Token] = field(default_factory=list)


def _plain(tok: Token) -> str:
    return tok.text if tok.kind == NUM else "空白"


def place_by_columns(cells: list[Token], centers: list[float] | None) -> list[Token] | None:
    """Values of a PDF row put under their column headers; the columns left over are blank.

    A PDF's text layer has nothing for a blank cell, so position is the only evidence: each value
    goes to the nearest column centre, and the placement is refused when two values claim the same
    column or a value sits nowhere near any column.
    """
    if not centers or not cells or any(t.x is None or t.kind != NUM for t in cells):
        return None
    gaps = [b - a for a, b in zip(centers, centers[1:], strict=False)]
    if not gaps or min(gaps) <= 0:
        return None
    slack = min(gaps) * 0.75
    placed: dict[int, Token] = {}
    for tok in cells:
        col = min(range(len(centers)), key=lambda i: abs(centers[i] - tok.x))
        if abs(centers[col] - tok.x) > slack or col in placed or (placed and col < max(placed)):
            return None
        placed[col] = tok
    return [
        placed.get(i) or Token(BLANK, src=cells[0].src, conf=0.8, raw="（PDF中该列无数值，按空白处理）")
        for i in range(len(centers))
    ]


def column_centers(headers: list[Token], labels: tuple[str, ...], repeat: int = 1) -> list[float] | None:
    """Horizontal centres of the columns, from the header words printed above them."""
    found = [
        t
        for t in headers
        if t.x is not None and len(t.text) >= 2 and any(lab.startswith(t.text) for lab in labels)
    ]
    if repeat == 1:
        centers = []
        for lab in labels:
            xs = [t.x for t in found if lab.startswith(t.text)]
            if not xs:
                return None
            centers.append(xs[0])
    else:
        centers = sorted(t.x for t in found)
        if len(centers) != len(labels) * repeat:
            return None
    if any(b <= a for a, b in zip(centers, centers[1:], strict=False)):
        return None
    return centers


def read_row(
    seg: Segment, n: int, last: bool, centers: list[float] | None = None
) -> tuple[list[Token] | None, str | None, Pending | None]:
    """The n value tokens of a row, or (None, reason) — or a Pending split."""
    cells = seg.cells
    if len(cells) == n + 1 and cells[0].kind == BLANK and not seg.texts:
        # 「|  | 1288 | … |」: the label cell left empty (the label is printed on the line before)
        cells = cells[1:]
    if len(cells) >= n:
        return cells[:n], None, None
    placed = place_by_columns(cells, centers) if centers and len(centers) == n else None
    if placed is not None:
        return placed, None, None
    nums = [t for t in cells if t.kind == NUM]
    digits = sum(len(t.text) for t in nums)
    if cells and len(nums) == len(cells) and digits >= n and all(t.split and t.text.isdigit() for t in nums):
        return None, None, Pending([t.text for t in nums], [], True, nums[0].src)
    if not cells:
        return None, "找到行标签但没有数值", None
    if seg.trailing_ws_fills == n - len(cells):
        blanks = [Token(BLANK, src=f.src) for f in seg.values if f.kind == FILL and f.ws]
        return cells + blanks[: n - len(cells)], None, None
    if last and not (seg.values and seg.values[-1].kind == FILL):
        # the document stops inside this row (padding after the values would mean the row ended)
        return cells, "truncated", None
    shown = "、".join(_plain(t) for t in cells)
    return None, f"只找到{len(cells)}个数值（{shown}），空白单元格被省略，无法确定各数值所在的列", None


MAX_CANDIDATES = 50


def placements(cells: list[Token], n: int, check=None) -> list[tuple]:
    """Every way to put the printed values, in their order, into n columns (the rest blank).

    Used when a flattening dropped the blank cells: each placement fits what is printed; `check`
    (a row relation, blank = 0) keeps those that also satisfy it, unless none does."""
    values = [t.value for t in cells]
    if any(t.kind == NUM and t.split and len(t.text) > 1 and not (t.x is not None) for t in cells) and len(cells) == 1:
        return []  # one run of digits in text without spaces: the cells may have run together too
    out = []
    for cols in itertools.combinations(range(n), len(values)):
        row: list = [None] * n
        for c, v in zip(cols, values, strict=True):
            row[c] = v
        out.append(tuple(row))
        if len(out) > 5000:
            return []
    if check is not None and all(isinstance(v, int) for v in values):
        fitting = [r for r in out if check([v or 0 for v in r])]
        if fitting:
            out = fitting
    return out if len(out) <= MAX_CANDIDATES else []


def undecide(report: Report, key: str, columns: list[str], reason: str, candidates=()) -> None:
    """Record a printed but undecided row: its cells stay missing, its candidates are listed."""
    cands = list(candidates)
    report.undecided[key] = Undecided(reason, columns, cands if len(cands) <= MAX_CANDIDATES else [])


def t3_paths(key: str) -> list[str]:
    return [f"table3.{key}.{c}" for c in TABLE3_COLUMNS]


# -- the walk ---------------------------------------------------------------------------------------

_A_T2 = norm("第二十条第（一）项")
_A_T2_ANY = norm("第二十条")
_A_T3 = (norm("本列数据的勾稽关系"), norm("第一项加第二项之和"))
_A_T3_HEAD = norm("申请人情况")
_A_T3_SECTION = norm("三、收到和处理政府信息公开申请情况")
_A_T4 = norm("行政复议")
_A_T4_HEAD = (norm("行政诉讼"), norm("结果维持"), norm("复议后起诉"))
_T4_WORDS = tuple(norm(w) for w in ("结果维持", "结果纠正", "尚未审结"))
_SECTION5 = re.compile(r"五、.{0,12}(?:问题|改进)|六、其[他它]需要报告")


def _state_change(state: str, seg: Segment) -> str:
    run = seg.run
    if not run:
        return state
    if state == "pre" and _A_T2 in run:
        return "t2"
    if state in ("pre", "t2") and (
        any(a in run for a in _A_T3) or _A_T3_SECTION in run or (state == "t2" and _A_T3_HEAD in run)
    ):
        return "t3"
    if state == "t3" and _A_T4 in run and any(a in run for a in _A_T4_HEAD):
        return "t4"
    if state in ("pre", "t2") and all(w in run for w in _T4_WORDS) and not re.search(r"\d", run):
        return "t4"  # a 表四 header in a document without 表三 (never narrative: no numbers)
    if state in ("t3", "t4") and _SECTION5.search(run):
        return "post"
    return state


def extract(tokens: list[Token], report: Report, *, cell_per_line: bool = False) -> Extraction:
    ex = Extraction(report, cell_per_line=cell_per_line)
    segs = segments(tokens)
    fv = report.format_version
    # a 2021-format report may print the 2019 表二: read it with that format's labels (the 2021
    # 表二 cells then stay missing: the document does not print them)
    blocks = table2_blocks(FORMAT_2019 if report.source.get("format_evidence") == MIXED_EVIDENCE else fv)
    t2_labels = [
        (Label.of(f"{bi}:{row}", row), block, row) for bi, block in enumerate(blocks) for row in block.rows
    ]
    t3_rows = table3_rows(fv)
    t3_labels = [Label.of(r.key, r.label) for r in t3_rows]
    group_other = Label.of("G_OTHER", G_OTHER)
    r1 = t3_labels[0]
    t2_cores = tuple(lab.core for lab, _block, _row in t2_labels if len(lab.core) >= 2)

    # only the very last segment can be cut short by a truncated document
    last_value_seg = segs[-1].index if segs and segs[-1].cells else -1
    state = "pre"
    t4_groups: list[tuple[str, list[Token], Segment]] = []
    t3_done: set[str] = set()
    t2_done: set[str] = set()
    t3_order = {lab.key: i for i, lab in enumerate(t3_labels)}
    last_t3 = -1

    headers: dict[str, list[Token]] = {"t2": [], "t3": [], "t4": []}
    t2_block: int | None = None
    label_only: Segment | None = None  # the last 表三 segment that is a label without values
    ex.centers = {}
    for seg in segs:
        new = _state_change(state, seg)
        if new == state and state in ("pre", "t2") and seg.cells:
            sc, _ = match_label(r1, seg.run)
            if sc >= 0.95 or (
                len(seg.cells) >= 3
                and (
                    sc >= 0.9
                    or state == "pre"
                    and any(match_label(lab, seg.run)[0] >= 0.95 for lab in _with_head(t3_labels, seg.run, 6))
                )
            ):
                new = "t3"
        if new == state == "pre" and seg.cells and seg.run and seg.run.endswith(t2_cores):
            new = "t2"  # a document that starts inside 表二 (partial pages): a 表二 row label followed by values
        if new != state and new in headers:
            headers[new] = []
        state = new
        ex.reached.add(state)
        if state in headers and seg.texts and seg.texts[0].x is not None:
            if state == "t2" and any(_A_T2_ANY in norm(t.text) for t in seg.texts):
                headers["t2"] = []  # a new 表二 block: its own header row follows
            headers[state].extend(seg.texts)
            if state == "t3" and "t3" not in ex.centers:
                ex.centers["t3"] = column_centers(headers["t3"], TABLE3_COLUMN_LABELS)
            elif state == "t4":
                ex.centers["t4"] = column_centers(headers["t4"], TABLE4_COLUMN_LABELS, repeat=3)
            elif state == "t2":
                ex.centers["t2_headers"] = headers["t2"]
        if state == "t2" and ex.cell_per_line:
            block = _t2_block_of(seg, blocks, t2_block)
            if block is not None:
                t2_block = block
        if state == "t2" and seg.cells and ex.cell_per_line and t2_block is not None:
            values = ex.t2_values.setdefault(t2_block, [])
            if not values and not _ends_with_row(seg.run, blocks[t2_block]):
                ex.t2_label_after.add(t2_block)  # this block prints its numbers before its labels
            values.extend(seg.cells)
            if t2_block not in ex.t2_label_after:
                _take_t2(ex, seg, t2_labels, t2_done, fv, seg.index == last_value_seg)
        elif state == "t2" and seg.cells:
            _take_t2(ex, seg, t2_labels, t2_done, fv, seg.index == last_value_seg)
        elif state == "t3" and seg.cells and label_only is not None and (not seg.run or _header_only(seg.run)):
            # 「（一）予以公开」 on its own line, then a table whose only row holds its values
            seg.run = _strip_header_tail(label_only.run)
            start = len(ex.t3_stream)
            ex.t3_stream.extend(seg.cells)
            last_t3 = _take_t3(
                ex, seg, t3_labels, group_other, t3_done, t3_order, last_t3, fv, seg.index == last_value_seg,
                start=start, next_seg=segs[seg.index + 1] if seg.index + 1 < len(segs) else None,
            )
        elif state == "t3" and seg.cells:
            start = len(ex.t3_stream)
            ex.t3_stream.extend(seg.cells)
            last_t3 = _take_t3(
                ex, seg, t3_labels, group_other, t3_done, t3_order, last_t3, fv, seg.index == last_value_seg,
                start=start, next_seg=segs[seg.index + 1] if seg.index + 1 < len(segs) else None,
            )
        elif state == "t4" and seg.cells:
            t4_groups.append((seg.run, seg.cells, seg))
        if state in ("t2", "t3") and seg.run:
            ex.labels_seen.add(seg.run)
        if state == "t3":
            label_only = seg if seg.run and not seg.cells and not _header_only(seg.run) else None

    ex.end_state = state
    last_with_text = next((seg for seg in reversed(segs) if seg.texts), None)
    if last_with_text is not None:
        ex.last_text = "".join([t.text for t in last_with_text.texts])[-20:]
    if ex.cell_per_line:
        _t2_label_after_blocks(ex, blocks, t2_done)
    _finish_t2(ex, t2_labels, t2_done)
    if ex.cell_per_line:
        _read_cell_stream(ex, fv, t3_done)
    _resolve_t3_splits(ex, fv)
    _finish_t3(ex, t3_rows, t3_done)
    _take_t4(ex, t4_groups, last_value_seg)
    return ex


# -- 表二 ------------------------------------------------------------------------------------------


def _unit_splits(glued: str) -> list[tuple]:
    """「6251000元」 as (count, amount with its unit): 6|251000元, 62|51000元, … (no leading zeros)."""
    unit = "万元" if glued.endswith("万元") else "元"
    digits = glued[: -len(unit)]
    out = []
    for i in range(1, len(digits)):
        head, tail = digits[:i], digits[i:]
        if (head == "0" or head[0] != "0") and (tail[0] != "0" or tail == "0" or tail.startswith("0.")) and "." not in head:
            out.append((int(head), tail + unit))
    return out


def _t2_block_of(seg: Segment, blocks, current: int | None) -> int | None:
    """The 表二 block (index) whose caption 「第二十条第（N）项」 is printed last in this segment."""
    best, at = current, -1
    for i, block in enumerate(blocks):
        j = seg.run.rfind(norm(block.caption))
        if j > at:
            best, at = i, j
    return best


def _ends_with_row(run: str, block) -> bool:
    return any(run.endswith(norm(row)) for row in block.rows)


def _t2_label_after_blocks(ex: Extraction, blocks, done: set[str]) -> None:
    """One cell per line, numbers printed before their labels: a block of one cell is decided by
    its one number; a larger block is undecidable (which number is whose is not printed)."""
    for bi in sorted(ex.t2_label_after):
        block = blocks[bi]
        values = ex.t2_values.get(bi, [])
        if len(block.rows) == 1 and len(values) == len(block.columns):
            row = block.rows[0]
            ex.report.table2[row] = {
                col: _cell(t, "decimal" if col == TABLE2_FEE_COLUMN else "int", conf=0.8)
                for col, t in zip(block.columns, values, strict=True)
            }
            done.add(f"{bi}:{row}")
            ex.t2_found = True
            continue
        shown = "、".join(_plain(t) for t in values)
        why = f"逐格换行的文本中，{block.caption}的数值（{shown}）印在行标签之前，无法确定各数值所在的行和列"
        for row in block.rows:
            done.add(f"{bi}:{row}")
            ex.report.table2[row] = {col: Cell.missing() for col in block.columns}
            ex.report.missing.append(f"表二 {block.caption} {row}：{why}，{len(block.columns)}列全部缺失")
            undecide(ex.report, f"table2.{row}", [f"table2.{row}.{c}" for c in block.columns], why)
        ex.t2_found = ex.t2_found or bool(values)


def _take_t2(ex: Extraction, seg: Segment, labels, done: set[str], fv: str, last: bool) -> None:
    best = None
    for lab, block, row in labels:
        if lab.key in done:
            continue
        i = seg.run.rfind(lab.core)
        if i < 0:
            continue
        # 「规范性文件」 (2019) is the tail of 「行政规范性文件」 (2021): the longer one must win
        end = i + len(lab.core)
        if best is None or end > best[0] or (end == best[0] and len(lab.core) > len(best[1].core)):
            best = (end, lab, block, row)
    if best is None:
        for lab, block, row in labels:
            if lab.key in done:
                continue
            sc, _ = fuzzy_label(lab, seg.run)
            if sc and (best is None or sc > best[0]):
                best = (sc, lab, block, row)
        if best is None:
            return
    _, lab, block, row = best
    done.add(lab.key)
    ex.t2_found = True
    n = len(block.columns)
    heads = ex.centers.get("t2_headers")
    centers = column_centers(heads, block.columns) if heads else None
    toks, reason, pending = read_row(seg, n, last, centers)
    name = f"表二 {block.caption} {row}"
    cols: dict[str, Cell] = {}
    if pending is not None:
        sols, complete = split_runs(pending.runs, n)
        if len(sols) == 1 and complete:
            for col, v in zip(block.columns, sols[0], strict=True):
                kind = "decimal" if col == TABLE2_FEE_COLUMN else "int"
                cols[col] = Cell(
                    Decimal(v) if kind == "decimal" else v, True, pending.src, 0.7, "".join(pending.runs)
                )
        else:
            shown = "、".join("|".join(map(str, s)) for s in sols[:3])
            more = "等" if len(sols) > 3 or not complete else ""
            ex.report.missing.append(
                f"{name}：数字连写「{' '.join(pending.runs)}」可拆分为多种组合（{shown}{more}），"
                f"表二没有勾稽关系可以确定拆分，{n}列全部缺失"
                if sols
                else f"{name}：数字连写「{' '.join(pending.runs)}」无法拆分为{n}个数值，{n}列全部缺失"
            )
            cols = {col: Cell.missing() for col in block.columns}
            undecide(
                ex.report,
                f"table2.{row}",
                [f"table2.{row}.{c}" for c in block.columns],
                f"数字连写「{' '.join(pending.runs)}」"
                + (f"有{len(sols)}种拆分方式" if sols and complete else "拆分方式过多" if sols else "无法拆分"),
                sols if complete else (),
            )
    elif toks is None:
        ex.report.missing.append(f"{name}：{reason}，{n}列全部缺失")
        cols = {col: Cell.missing() for col in block.columns}
        if seg.cells:  # values printed, columns not decidable
            undecide(
                ex.report,
                f"table2.{row}",
                [f"table2.{row}.{c}" for c in block.columns],
                f"只找到{len(seg.cells)}个数值，空白单元格被省略，无法确定所在的列",
                placements(seg.cells, n),
            )
    else:
        for i, col in enumerate(block.columns):
            if i < len(toks):
                cols[col] = _cell(toks[i], "decimal" if col == TABLE2_FEE_COLUMN else "int")
            else:
                cols[col] = Cell.missing()
                ex.report.missing.append(f"{name} {col}：文档在此处截断，单元格缺失")
    ex.report.table2[row] = cols


def _finish_t2(ex: Extraction, labels, done: set[str]) -> None:
    missing_rows = [(lab, block, row) for lab, block, row in labels if lab.key not in done]
    if not ex.t2_found:
        n = sum(len(block.columns) for _, block, _ in labels)
        where = "找到表格标题，但没有读到任何数值" if "t2" in ex.reached else "文档中未找到该表"
        ex.report.missing.append(f"表二：{where}，全部{n}个单元格缺失")
        return
    for lab, block, row in missing_rows:
        seen = any(lab.core in run for run in ex.labels_seen)
        why = "找到行标签但没有数值" if seen else "未找到该行"
        glued = next(
            (
                m.group(1)
                for run in ex.labels_seen
                if lab.core in run and (m := re.search(re.escape(lab.core) + r"(\d[\d.]*(?:万元|元))", run))
            ),
            None,
        )
        ex.report.table2[row] = {col: Cell.missing() for col in block.columns}
        if glued:
            # 「政府集中采购6251000元」: the values run together and end with a unit
            why = f"数值「{glued}」连写且带单位，无法确定拆分"
            undecide(
                ex.report, f"table2.{row}", [f"table2.{row}.{c}" for c in block.columns], why,
                _unit_splits(glued) if len(block.columns) == 2 else (),
            )
        ex.report.missing.append(f"表二 {block.caption} {row}：{why}，{len(block.columns)}列全部缺失")


# -- 表三 ------------------------------------------------------------------------------------------


def _row_name(key: str, fv: str) -> str:
    row = R3F_2019 if key == "R3f" else TABLE3_ROW[key]
    return (
        f"表三 {row.group} {row.label}"
        if row.group and row.group != "三、本年度办理结果"
        else f"表三 {row.label}"
    )


def _take_t3(ex, seg, labels, group_other, done, order, last_idx, fv, last, start=0, next_seg=None) -> int:
    best = None  # (end, score, -order, label)
    run = seg.run
    # labels printed whole come first (cheap); broken or misspelt labels only when no whole label
    # ends the run
    exact: list[Label] = []
    rest: list[Label] = []
    for lab in labels:
        if lab.key not in done:
            (exact if lab.core in run else rest).append(lab)
    for group in (exact, rest):
        for lab in group:
            sc, end = match_label(lab, run)
            if sc < 0.6:
                continue
            cand = (end, sc, -order[lab.key], lab)
            if best is None or cand[:3] > best[:3]:
                best = cand
        if best is not None and best[0] >= len(run) - 12:
            break
    # （六）其他处理 printed as one data row in a 2021-format report (docs/law.md §2.9)
    if fv == FORMAT_2021 and "R3f1" not in done:
        sc, end = match_label(group_other, seg.run)
        if sc >= 0.95 and (best is None or end > best[0]):
            _extra_other_row(ex, seg, last)
            done.update({"R3f1", "R3f2", "R3f3"})
            for k in ("R3f1", "R3f2", "R3f3"):
                ex.notes[k] = "文档把（六）其他处理印成一行，没有分项（见 table3_extra_rows）"
            return order["R3f3"]
    if best is None:
        sc = 0.0
        for lab in labels:
            if lab.key in done:
                continue
            s, _ = fuzzy_label(lab, seg.run)
            if s > sc:
                sc, best = s, (len(seg.run), s, -order[lab.key], lab)
        if best is None:
            return last_idx
    lab = best[3]
    done.add(lab.key)
    ex.t3_found = True
    conf = best[1]
    if ex.cell_per_line and best[0] >= len(run) - 2 and conf >= 0.9:
        ex.t3_anchors.append((lab.key, start))
    if ex.cell_per_line and not _row_in_place(seg, next_seg):
        # the values after this label may belong to other rows (labels and numbers in different
        # orders): left to the whole-table reading, else undecidable
        ex.notes[lab.key] = (
            f"逐格换行的文本中，行标签后有{len(seg.cells)}个数值（应为{N3}个且满足行合计），"
            "数值与行标签的顺序不一致，无法确定对应关系"
        )
        ex.report.table3[lab.key] = [Cell.missing() for _ in range(N3)]
        undecide(ex.report, f"table3.{lab.key}", t3_paths(lab.key), ex.notes[lab.key])
        return order[lab.key]
    toks, reason, pending = read_row(seg, N3, last, ex.centers.get("t3"))
    if pending is not None:
        pending.candidates, pending.complete = split_runs(pending.runs, N3, row_total_ok)
        ex.pending3[lab.key] = pending
        ex.report.table3[lab.key] = [Cell.missing() for _ in range(N3)]
    elif toks is None:
        ex.notes[lab.key] = reason
        ex.report.table3[lab.key] = [Cell.missing() for _ in range(N3)]
        if seg.cells:  # values printed, columns not decidable
            undecide(
                ex.report,
                f"table3.{lab.key}",
                t3_paths(lab.key),
                f"只找到{len(seg.cells)}个数值，空白单元格被省略，无法确定所在的列",
                placements(seg.cells, N3, row_total_ok),
            )
    else:
        floor = max(conf, 0.5)  # as _cell(t, conf=min(t.conf, floor)), without a call per cell
        cells = [Cell(None if t.kind == BLANK else t.value, True, t.src, min(t.conf, floor), t.raw) for t in toks]
        if reason == "truncated":
            for i in range(len(cells), N3):
                cells.append(Cell.missing())
                ex.report.missing.append(
                    f"{_row_name(lab.key, fv)}：文档在此处截断，第{i + 1}列（{TABLE3_COLUMN_LABELS[i]}）缺失"
                )
        ex.report.table3[lab.key] = cells
    return order[lab.key]


_HEADER_WORDS = sorted(
    {norm(w) for w in (*TABLE3_COLUMN_LABELS, "项目", "类别", "申请人情况", "法人或其他组织", "数量", "(数据项目)")},
    key=len,
    reverse=True,
)
_DATA_N = re.compile(r"数据\d")


@lru_cache(maxsize=1024)
def _header_only(run: str) -> bool:
    """A run made only of 表三 column headers (「项目自然人商业企业…总计」)."""
    rest = _DATA_N.sub("", run)
    for word in _HEADER_WORDS:
        rest = rest.replace(word, "")
    return bool(run) and not rest


@lru_cache(maxsize=1024)
def _strip_header_tail(run: str) -> str:
    """「（七）总计项目自然人…总计」 → 「（七）总计」: the column headers printed after a label."""
    for word in ("项目", "类别"):
        j = run.rfind(word)
        if j > 0 and _header_only(run[j:]):
            return run[:j]
    for i in range(1, len(run)):
        if _header_only(run[i:]):
            return run[:i]
    return run


def _row_in_place(seg: Segment, next_seg: Segment | None) -> bool:
    """One cell per line: a label's values are its row only when exactly seven whole numbers
    follow it, satisfy the row total, and the next thing printed is text (another label)."""
    cells = seg.cells
    if len(cells) != N3 or any(t.kind != NUM or not isinstance(t.value, int) for t in cells):
        return False
    if not row_total_ok([t.value for t in cells]):
        return False
    return next_seg is None or bool(next_seg.texts)


def _read_cell_stream(ex: Extraction, fv: str, done: set[str]) -> None:
    """表三 from one-cell-per-line text, read as a whole when its order is confirmed.

    `pdftotext` without -layout prints every cell on its own line, but a multi-line label may come
    long after its numbers. The values are taken row by row in document order only when all of
    these hold: there are exactly 7 × (rows of the format) of them, every label printed right
    before numbers (an anchor) sits where that order puts its row, and the 勾稽 relations H1, H2
    and H3 all hold. Otherwise the rows that could not be read stay undecidable."""
    stream = ex.t3_stream
    keys = [r.key for r in table3_rows(fv)]
    layouts = [keys]
    if fv == FORMAT_2021:  # （六）其他处理 printed as one row
        layouts.append([k for k in keys if not k.startswith("R3f")][:-2] + ["EXTRA", "R3g", "R4"])
    if any(t.kind != NUM or not isinstance(t.value, int) for t in stream):
        return
    for layout in layouts:
        if len(stream) != N3 * len(layout):
            continue
        where = {k: i * N3 for i, k in enumerate(layout)}
        anchors = [(k, i) for k, i in ex.t3_anchors if k in where]
        if len(anchors) < 3 or any(where[k] != i for k, i in anchors):
            continue
        rows = {k: [t.value for t in stream[where[k] : where[k] + N3]] for k in layout}
        if not all(row_total_ok(v) for v in rows.values()):
            continue
        results = [k for k in layout if k.startswith("R3") and k != "R3g" or k == "EXTRA"]
        if not all(
            rows["R1"][c] + rows["R2"][c] == rows["R3g"][c] + rows["R4"][c]
            and rows["R3g"][c] == sum(rows[k][c] for k in results)
            for c in range(N3)
        ):
            continue
        for k in layout:
            toks = stream[where[k] : where[k] + N3]
            cells = [Cell(t.value, True, t.src, 0.8) for t in toks]
            if k == "EXTRA":
                ex.report.table3_extra_rows[G_OTHER] = cells
                for sub in ("R3f1", "R3f2", "R3f3"):
                    ex.notes[sub] = "文档把（六）其他处理印成一行，没有分项（见 table3_extra_rows）"
                    ex.report.undecided.pop(f"table3.{sub}", None)
                    done.add(sub)
                continue
            ex.report.table3[k] = cells
            ex.report.undecided.pop(f"table3.{k}", None)
            ex.notes.pop(k, None)
            done.add(k)
        ex.t3_found = True
        return


def _extra_other_row(ex: Extraction, seg: Segment, last: bool) -> None:
    toks, reason, pending = read_row(seg, N3, last)
    if toks is not None and reason is None:
        ex.report.table3_extra_rows[G_OTHER] = [_cell(t) for t in toks]
    elif pending is not None:
        sols, complete = split_runs(pending.runs, N3, row_total_ok)
        if len(sols) == 1 and complete:
            ex.report.table3_extra_rows[G_OTHER] = [
                Cell(v, True, pending.src, 0.7, "".join(pending.runs)) for v in sols[0]
            ]
    ex.t3_found = True


def _result_keys(fv: str, report: Report) -> list[str]:
    keys = [r.key for r in table3_rows(fv) if r.key.startswith("R3") and r.key != "R3g"]
    return keys


def _resolve_t3_splits(ex: Extraction, fv: str) -> None:
    """Split run-together digits: per row by H2 (already done), then across rows by H1/H3."""
    if not ex.pending3:
        return
    report = ex.report
    fixed: dict[str, list[int] | None] = {}
    for key, cells in report.table3.items():
        if key in ex.pending3:
            continue
        if all(c.found and (c.value is None or isinstance(c.value, int)) for c in cells):
            fixed[key] = [c.value or 0 for c in cells]
    extra = report.table3_extra_rows.get(G_OTHER)
    results = _result_keys(fv, report)
    if extra is not None and fv == FORMAT_2021:
        results = [k for k in results if not k.startswith("R3f")]
        if all(isinstance(c.value, int) or c.value is None for c in extra):
            fixed["EXTRA"] = [c.value or 0 for c in extra]
            results.append("EXTRA")

    amb = {k: p for k, p in ex.pending3.items() if p.complete and len(p.candidates) > 1}
    unique = {k: p.candidates[0] for k, p in ex.pending3.items() if p.complete and len(p.candidates) == 1}
    known = dict(fixed)
    known.update({k: list(v) for k, v in unique.items()})

    constraints: list[tuple[list[str], list[str]]] = [(["R1", "R2"], ["R3g", "R4"]), (["R3g"], results)]
    usable = [(lhs, rhs) for lhs, rhs in constraints if all(k in known or k in amb for k in lhs + rhs)]

    solutions: dict[str, set[tuple[int, ...]]] = {k: set() for k in amb}
    amb_keys = [k for k in amb if any(k in lhs + rhs for lhs, rhs in usable)]
    total = 1
    for k in amb_keys:
        total *= len(amb[k].candidates)
    if amb_keys and total <= 200_000:
        for combo in itertools.product(*(amb[k].candidates for k in amb_keys)):
            values = dict(known)
            values.update(zip(amb_keys, (list(c) for c in combo), strict=True))
            if all(
                sum(values[k][c] for k in lhs) == sum(values[k][c] for k in rhs)
                for lhs, rhs in usable
                for c in range(N3)
            ):
                for k, c in zip(amb_keys, combo, strict=True):
                    solutions[k].add(c)

    for key, p in ex.pending3.items():
        raw = " ".join(p.runs)
        if key in unique:
            report.table3[key] = [Cell(v, True, p.src, 0.8, raw) for v in unique[key]]
        elif key in solutions and len(solutions[key]) == 1:
            (only,) = solutions[key]
            report.table3[key] = [Cell(v, True, p.src, 0.7, raw) for v in only]
        elif not p.complete:
            ex.notes[key] = f"数字连写「{raw}」的拆分方式过多，无法唯一确定"
            undecide(report, f"table3.{key}", t3_paths(key), ex.notes[key])
        elif not p.candidates:
            ex.notes[key] = f"数字连写「{raw}」无法拆分为{N3}个数值且满足行合计（总计=各列之和）"
            undecide(report, f"table3.{key}", t3_paths(key), ex.notes[key])
        else:
            sols = sorted(solutions.get(key) or p.candidates)
            shown = "、".join("|".join(map(str, s)) for s in sols[:3])
            ex.notes[key] = (
                f"数字连写「{raw}」有{len(sols)}种拆分方式（{shown}{'等' if len(sols) > 3 else ''}），勾稽关系不能唯一确定"
            )
            undecide(report, f"table3.{key}", t3_paths(key), f"数字连写「{raw}」有{len(sols)}种拆分方式", sols)


def _with_head(labels: list[Label], run: str, sevenths: int) -> list[Label]:
    """The labels whose first sevenths/7 characters are in `run`: only they can score
    0.65 + 0.35·sevenths/7 or more in `match_label` (see `_runs_with`); 6 → 0.95."""
    return [lab for lab in labels if lab.core[: max(1, (sevenths * len(lab.core)) // 7)] in run]


def _runs_with(lab: Label, runs) -> list[str]:
    """The runs where `match_label(lab, run)` can reach 0.9: a whole label scores at most 1.0 and a
    broken one 0.65 + 0.35·k/len for its longest printed prefix of k characters (a suffix alone stays
    under 0.9), so ≥ 0.9 needs the first 5/7 of the label — a cheap test before the real match."""
    head = lab.core[: max(1, (5 * len(lab.core)) // 7)]
    return [run for run in runs if head in run]


def _finish_t3(ex: Extraction, rows: tuple[Row, ...], done: set[str]) -> None:
    report = ex.report
    fv = report.format_version
    if not ex.t3_found:
        where = (
            "找到表头或行标签，但没有读到任何数值（空白单元格可能被省略）"
            if "t3" in ex.reached
            else "文档中未找到该表"
        )
        report.missing.append(f"表三：{where}，全部{len(rows)}行×{N3}列缺失")
        return
    # one cell per line: numbers left over that no row could take belong to rows whose labels
    # were printed elsewhere; those rows are undecidable, not absent
    read = sum(1 for cells in report.table3.values() for c in cells if c.found)
    read += sum(1 for cells in report.table3_extra_rows.values() for c in cells if c.found)
    unplaced = len(ex.t3_stream) - read if ex.cell_per_line else 0
    for row in rows:
        cells = report.table3.get(row.key)
        if cells is not None and all(c.found for c in cells):
            continue
        if cells is not None and any(c.found for c in cells):
            continue  # truncated row: already listed cell by cell
        why = ex.notes.get(row.key)
        if why is None and unplaced > 0:
            why = f"逐格换行的文本中，该行的数值与行标签分开印出（表三另有{unplaced}个数值未能对应到行），无法确定是哪些数值"
            undecide(report, f"table3.{row.key}", t3_paths(row.key), why)
        if why is None:
            lab = Label.of(row.key, row.label)
            seen = any(match_label(lab, run)[0] >= 0.9 for run in _runs_with(lab, ex.labels_seen))
            why = "找到行标签但没有数值" if seen else "未找到该行"
            if seen and ex.centers.get("t3"):
                # a PDF prints nothing for blank cells: the row is there, under the same columns
                report.table3[row.key] = [
                    Cell(None, True, None, 0.8, "PDF中该行没有数值，按空白处理") for _ in range(N3)
                ]
                continue
        report.missing.append(f"{_row_name(row.key, fv)}：{why}，全部{N3}列缺失")
        report.table3[row.key] = [Cell.missing() for _ in range(N3)]


# -- 表四 ------------------------------------------------------------------------------------------

_KIND_WORDS = (
    (RemedyKind.DIRECT_SUIT, norm("未经复议直接起诉")),
    (RemedyKind.SUIT_AFTER_REVIEW, norm("复议后起诉")),
    (RemedyKind.REVIEW, norm("行政复议")),
)


def _kind_of(run: str) -> RemedyKind | None:
    found = [kind for kind, word in _KIND_WORDS if word in run]
    if len(found) == 1:
        return found[0]
    return None


def _t4_in_order(cells: list[Token]) -> bool:
    """The 15 values read in order satisfy H4 in each group (so their order is the columns')."""
    return (
        len(cells) == N4
        and all(t.kind == NUM and isinstance(t.value, int) for t in cells)
        and table4_totals_ok([t.value for t in cells])
    )


def _t4_paths() -> list[str]:
    return [f"table4.{kind.value}.{c}" for kind in RemedyKind for c in TABLE4_COLUMNS]


def _take_t4(ex: Extraction, groups: list[tuple[str, list[Token], Segment]], last_value_seg: int) -> None:
    report = ex.report
    all_cells = [t for _, cells, _ in groups for t in cells]
    if not all_cells:
        where = "找到表头，但没有读到任何数值" if "t4" in ex.reached else "文档中未找到该表"
        report.missing.append(f"表四：{where}，全部{N4}个单元格缺失")
        return
    ex.t4_found = True
    if ex.cell_per_line and not _t4_in_order(all_cells):
        # one cell per line: 表四's numbers come in the order the PDF drew them, which is not the
        # order of its columns (a header wraps, 总计 cells come late); no label tells them apart
        shown = "、".join(_plain(t) for t in all_cells)
        why = f"逐格换行的文本中，表四的{len(all_cells)}个数值（{shown}）与列的顺序不一致，勾稽关系不能确定各数值所在的列"
        report.missing.append(f"表四：{why}，全部{N4}个单元格缺失")
        undecide(report, "table4", _t4_paths(), why)
        return
    # one group of five per kind, each introduced by its own heading (markdown per group)
    by_kind: dict[RemedyKind, list[Token]] = {}
    if len(groups) == 3 and all(len(cells) == 5 for _, cells, _ in groups):
        for run, cells, _seg in groups:
            kind = _kind_of(run)
            if kind is None or kind in by_kind:
                by_kind = {}
                break
            by_kind[kind] = cells
    if len(by_kind) == 3:
        for kind in RemedyKind:
            report.table4[kind.value] = [_cell(t) for t in by_kind[kind]]
        return
    cells = all_cells
    if len(cells) > N4:
        # header rows with empty cells (a merged 「行政复议 |  |  |  |」 row) are not data
        cells = [t for _, group, _ in groups if any(c.kind != BLANK for c in group) for t in group]
    if len(cells) > N4:
        shown = "、".join(_plain(t) for t in cells)
        why = f"找到{len(cells)}个数值（{shown}），多于表四的{N4}个单元格，无法确定各数值所在的列"
        report.missing.append(f"表四：{why}，全部{N4}个单元格缺失")
        undecide(report, "table4", _t4_paths(), why)
        return
    placed = place_by_columns(cells, ex.centers.get("t4")) if len(cells) < N4 else None
    if len(cells) >= N4:
        flat = cells[:N4]
    elif placed is not None:
        flat = placed
    else:
        nums = [t for t in cells if t.kind == NUM]
        if len(nums) == len(cells) and all(t.split and t.text.isdigit() for t in nums):
            runs = [t.text for t in nums]
            sols, complete = split_runs(runs, N4, table4_totals_ok)
            if len(sols) == 1 and complete:
                raw = " ".join(runs)
                values = [Cell(v, True, nums[0].src, 0.7, raw) for v in sols[0]]
                for g, kind in enumerate(RemedyKind):
                    report.table4[kind.value] = values[g * 5 : g * 5 + 5]
                return
            why = (
                f"数字连写「{' '.join(runs)}」有{len(sols)}种拆分方式，勾稽关系不能唯一确定"
                if len(sols) > 1 or not complete
                else f"数字连写「{' '.join(runs)}」无法拆分为{N4}个数值且满足各组合计"
            )
            report.missing.append(f"表四：{why}，全部{N4}个单元格缺失")
            undecide(report, "table4", _t4_paths(), why, sols if complete else ())
            return
        if groups[-1][2].index == last_value_seg:
            flat = cells  # truncated at the end of the document: the cells present are the first ones
        else:
            shown = "、".join(_plain(t) for t in cells)
            report.missing.append(
                f"表四：只找到{len(cells)}个数值（{shown}），空白单元格被省略，无法确定各数值所在的列，全部{N4}个单元格缺失"
            )
            undecide(
                report,
                "table4",
                _t4_paths(),
                f"只找到{len(cells)}个数值，空白单元格被省略，无法确定所在的列",
                placements(cells, N4, table4_totals_ok),
            )
            return
    for g, kind in enumerate(RemedyKind):
        row = []
        for c in range(5):
            i = g * 5 + c
            if i < len(flat):
                row.append(_cell(flat[i]))
            else:
                row.append(Cell.missing())
                report.missing.append(
                    f"表四 {kind.label} {TABLE4_COLUMN_LABELS[c]}：文档在此处截断，单元格缺失"
                )
        report.table4[kind.value] = row
