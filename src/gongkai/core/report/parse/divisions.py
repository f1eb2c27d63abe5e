"""Administrative-division names in agency titles: OCR confusions corrected against a gazetteer.

A scanned report may print its own county wrongly on every page (「沐阳县人民政府」 for 沭阳县, a
county of 宿迁市; 沐阳县 does not exist). `correct_agency(name)` reads the place-name part at the
start of an agency name — one or more division names, 「宿迁市沭阳县」 — and replaces a part that is
not a real division when it differs from exactly one real division by one visually confusable
character (`CONFUSABLE`). The rules, in order:

- a real division is never changed: 「沐川县」 (四川省乐山市) stays, although 沐/沭 are confusable;
  the gazetteer also keeps names merged or renamed since 2019 (上饶县, 江干区…);
- a part of one character plus suffix (「X县」) is never corrected: too little to go on;
- the replacement must be unique, and must lie under the province/prefecture printed before it
  (「宿迁市沐阳县」 → 沭阳县 only because 沭阳县 is in 宿迁市);
- town-level names (乡、镇、街道) and anything after the place-name part are left as printed.

The gazetteer (`data/divisions.txt`, source and licence in `data/README.md`) is read once, on the
first call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "divisions.txt"

# Groups of characters that OCR (and tired typists) confuse by shape. Each character may be read as
# any other of its group. Kept small on purpose: every pair is a chance to "correct" a real name,
# which the gazetteer check and the uniqueness rule must then catch.
CONFUSABLE_GROUPS = (
    "沐沭",
    "己已巳",
    "未末",
    "土士",
    "戍戌戊",
    "汩汨",
    "亳毫",
    "睢雎",
    "盱旰",
    "荥荣",
    "泸沪",
    "侯候",
    "祁祈",
    "乌鸟",
    "大太犬",
    "王玉",
    "沁泌",
    "日曰",
    "夭天",
    "析折",
)
CONFUSABLE: dict[str, str] = {}
for _group in CONFUSABLE_GROUPS:
    for _ch in _group:
        CONFUSABLE[_ch] = CONFUSABLE.get(_ch, "") + _group.replace(_ch, "")

_PLACE_END = "省市区县旗州盟"  # the last character of a county-level-or-higher division name
_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|自治旗|林区|地区|特区|新区|省|市|区|县|旗|州|盟)$")


@dataclass(frozen=True)
class PlaceCorrection:
    printed: str  # 「沐阳县」
    corrected: str  # 「沭阳县」

    @property
    def note(self) -> str:
        """「机关名称中的“沐阳”按行政区划名称更正为“沭阳”（原文如此）」 (the suffix left out when shared)."""
        a, b = self.printed, self.corrected
        m = _SUFFIX.search(a)
        if m and b.endswith(m.group(0)) and len(a) > len(m.group(0)):
            a, b = a[: m.start()], b[: len(b) - len(m.group(0))]
        return f"机关名称中的“{a}”按行政区划名称更正为“{b}”（原文如此）"


@dataclass(frozen=True)
class _Gazetteer:
    parents: dict[str, frozenset[str]]  # name → the provinces/prefectures it lies under
    longest: int


@cache
def _gazetteer() -> _Gazetteer:
    return _parse(DATA.read_text(encoding="utf-8"))


def _parse(text: str) -> _Gazetteer:
    """The gazetteer from lines 「省级 地级 县级…」 (comments start with #)."""
    parents: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        province, *rest = line.split()
        parents.setdefault(province, set())
        if rest:
            prefecture, counties = rest[0], rest[1:]
            parents.setdefault(prefecture, set()).update({province} - {prefecture})
            for county in counties:
                parents.setdefault(county, set()).update({province, prefecture})
    return _Gazetteer({name: frozenset(p) for name, p in parents.items()}, max(len(name) for name in parents))


def is_division(name: str) -> bool:
    """Whether `name` is a division of the gazetteer (current, or real since 2019)."""
    return name in _gazetteer().parents


def _variants(name: str):
    for i, ch in enumerate(name):
        for other in CONFUSABLE.get(ch, ""):
            yield name[:i] + other + name[i + 1 :]


def correct_agency(agency: str) -> tuple[str, list[PlaceCorrection]]:
    """(agency with its place-name part corrected, the corrections made); see the module doc."""
    gaz = _gazetteer()
    names = gaz.parents
    pos, parent, corrections, out = 0, None, [], []
    while pos < len(agency):
        stop = min(len(agency), pos + gaz.longest)
        real = next((agency[pos:q] for q in range(stop, pos + 1, -1) if agency[pos:q] in names), None)
        if real is not None:
            out.append(real)
            pos, parent = pos + len(real), real
            continue
        fixed = None
        for q in range(pos + 3, stop + 1):
            printed = agency[pos:q]
            if printed[-1] not in _PLACE_END:
                continue
            matches = {v for v in _variants(printed) if v in names and (parent is None or parent in names[v])}
            if len(matches) == 1:
                fixed = PlaceCorrection(printed, matches.pop())
                break
            if matches:  # two real names are equally close: leave it as printed
                break
        if fixed is None:
            break
        corrections.append(fixed)
        out.append(fixed.corrected)
        pos, parent = pos + len(fixed.printed), fixed.corrected
    if not corrections:
        return agency, []
    return "".join(out) + agency[pos:], corrections
