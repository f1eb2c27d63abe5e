"""Cross-year reading and checking of one agency's reports (docs/law.md §2.10 Y1–Y3; issue 18).

    from gongkai.core.report.validate.crossyear import resolve_with_previous, pair_years, check_history
    notes = resolve_with_previous(report, previous)   # undecided rows confirmed by last year's report
    pairs = pair_years(reports)                        # {index: index of the same agency's year N−1}
    results = check_history(reports)                   # validate each against its predecessor

Only the hard cross-year equality Y1 (本年「二、上年结转」 = 上年「四、结转下年度继续办理」, per
column) ever picks a value, and only among the candidates the reader listed for a printed but
undecided row (`Report.undecided`): when exactly one candidate satisfies it, that candidate is
used, its cells say 「依据上年报告确定」 in their provenance, and a note says so. Y2 (现行有效件数)
is only approximately true (制发 may include revisions), so it never picks a value: plausibility
alone decides nothing. Once a row is decided, the within-year relations H1 and H3 may decide other
undecided rows of 表三; they are applied the same way (exactly one consistent combination).

`validate(report, previous)` calls `resolve_with_previous` first, so a batch audit gets this by
passing last year's report.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from gongkai.core.report.schema import Cell, Report
from gongkai.core.vocabulary import TABLE3_COLUMNS, TABLE3_ROW, normalise_label

BY_PREVIOUS = "依据上年报告确定"
BY_RELATIONS = "依据勾稽关系确定"
MAX_COMBINATIONS = 200_000


def _row_values(report: Report, key: str) -> list[int] | None:
    """A 表三 row as numbers (blank = 0), or None when a cell is missing or not a number."""
    cells = report.table3.get(key)
    if not cells or len(cells) != len(TABLE3_COLUMNS):
        return None
    out = []
    for cell in cells:
        if not isinstance(cell, Cell) or not cell.found:
            return None
        if cell.value is None:
            out.append(0)
        elif isinstance(cell.value, int) and not isinstance(cell.value, bool):
            out.append(cell.value)
        elif isinstance(cell.value, Decimal) and cell.value == cell.value.to_integral_value():
            out.append(int(cell.value))
        else:
            return None
    return out


def _t3_candidates(report: Report, key: str) -> list[tuple] | None:
    """The listed candidates of an undecided 表三 row (all seven columns), or None."""
    entry = report.undecided.get(f"table3.{key}")
    if entry is None or not entry.candidates:
        return None
    if entry.columns != [f"table3.{key}.{c}" for c in TABLE3_COLUMNS]:
        return None
    return entry.candidates


def _as_numbers(candidate: tuple) -> list[int] | None:
    if any(v is not None and not isinstance(v, int) for v in candidate):
        return None
    return [v or 0 for v in candidate]


def _decide(report: Report, key: str, candidate: tuple, basis: str, why: str) -> str:
    entry = report.undecided.pop(f"table3.{key}")
    report.table3[key] = [Cell(v, True, basis, 0.7, entry.reason) for v in candidate]
    label = TABLE3_ROW[key].label if key in TABLE3_ROW else key
    shown = "|".join("空白" if v is None else str(v) for v in candidate)
    note = f"表三「{label}」{basis}：{shown}（{why}；原文：{entry.reason}）"
    report.notes.append(note)
    _drop_missing_entries(report, key)
    return note


def _drop_missing_entries(report: Report, key: str) -> None:
    label = TABLE3_ROW[key].label if key in TABLE3_ROW else key
    report.missing = [m for m in report.missing if f" {label}：" not in m and not m.endswith(f" {label}")]


def same_agency(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalise_label(a) == normalise_label(b)


def resolve_with_previous(report: Report, previous: Report | None) -> list[str]:
    """Decide undecided rows of `report` (and of `previous`) by Y1; returns the notes added.

    Applies only when `previous` is the same agency's report of the year before. Then also runs
    `resolve_within_year` on both, since a decided row may decide others."""
    if previous is None or report.year is None or previous.year != report.year - 1:
        return []
    if not same_agency(report.agency, previous.agency):
        return []  # mergers and renames break Y1: it only warns across agencies, so it decides nothing
    notes: list[str] = []
    carried_out = _row_values(previous, "R4")
    candidates = _t3_candidates(report, "R2")
    if carried_out is not None and candidates:
        fitting = [c for c in candidates if _as_numbers(c) == carried_out]
        if len(fitting) == 1:
            notes.append(
                _decide(report, "R2", fitting[0], BY_PREVIOUS, f"上年「四、结转下年度继续办理」为{'|'.join(map(str, carried_out))}")
            )
    carried_in = _row_values(report, "R2")
    candidates = _t3_candidates(previous, "R4")
    if carried_in is not None and candidates:
        fitting = [c for c in candidates if _as_numbers(c) == carried_in]
        if len(fitting) == 1:
            notes.append(
                _decide(previous, "R4", fitting[0], "依据下年报告确定", f"下年「二、上年结转」为{'|'.join(map(str, carried_in))}")
            )
    if notes:
        notes += resolve_within_year(report) + resolve_within_year(previous)
    return notes


def _result_keys(report: Report) -> list[str] | None:
    keys = [r for r in report.table3 if r.startswith("R3") and r != "R3g"]
    if any(k.startswith("R3f") for k in keys) and report.table3_extra_rows:
        return None  # （六） printed as one row: leave it to the validator
    return keys


def resolve_within_year(report: Report) -> list[str]:
    """Decide undecided 表三 rows by H1 and H3 when exactly one combination of candidates fits."""
    undecided = {k: c for k in report.table3 if (c := _t3_candidates(report, k)) is not None}
    if not undecided:
        return []
    results = _result_keys(report)
    constraints = [(["R1", "R2"], ["R3g", "R4"])]
    if results is not None:
        constraints.append((["R3g"], results))
    known = {k: v for k in report.table3 if k not in undecided and (v := _row_values(report, k)) is not None}
    usable = [(lhs, rhs) for lhs, rhs in constraints if all(k in known or k in undecided for k in lhs + rhs)]
    keys = [k for k in undecided if any(k in lhs + rhs for lhs, rhs in usable)]
    if not keys:
        return []
    options = {k: [n for c in undecided[k] if (n := _as_numbers(c)) is not None] for k in keys}
    total = 1
    for k in keys:
        total *= max(1, len(options[k]))
    if total > MAX_COMBINATIONS or any(not options[k] for k in keys):
        return []
    fits: dict[str, set[int]] = {k: set() for k in keys}
    for combo in itertools.product(*(range(len(options[k])) for k in keys)):
        values = dict(known)
        values.update({k: options[k][i] for k, i in zip(keys, combo, strict=True)})
        if all(
            sum(values[k][c] for k in lhs) == sum(values[k][c] for k in rhs)
            for lhs, rhs in usable
            for c in range(len(TABLE3_COLUMNS))
        ):
            for k, i in zip(keys, combo, strict=True):
                fits[k].add(i)
    notes = []
    for k in keys:
        if len(fits[k]) == 1:
            (i,) = fits[k]
            cands = [c for c in undecided[k] if _as_numbers(c) is not None]
            notes.append(_decide(report, k, cands[i], BY_RELATIONS, "表三勾稽关系只有这一种组合成立"))
    return notes


def year_key(report: Report | None) -> tuple[str, int] | None:
    """(normalised agency, year) of a report, or None when either is unknown: what `pair_years` pairs on."""
    if report is None or not report.agency or report.year is None:
        return None
    return normalise_label(report.agency), report.year


def pair_keys(keys: Sequence[tuple[str, int] | None]) -> dict[int, int]:
    """`pair_years` on the reports' `year_key`s alone (the parallel CLI pairs without holding reports)."""
    by_key: dict[tuple[str, int], list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            by_key.setdefault(key, []).append(i)
    pairs = {}
    for (agency, year), idx in by_key.items():
        before = by_key.get((agency, year - 1))
        if len(idx) == 1 and before is not None and len(before) == 1:
            pairs[idx[0]] = before[0]
    return pairs


def pair_years(reports: Sequence[Report | None]) -> dict[int, int]:
    """{index of a report: index of the same agency's report of the year before}, within a batch.

    Reports without agency or year, and years printed twice for one agency, are left unpaired."""
    return pair_keys([year_key(r) for r in reports])


def history_groups(keys: Sequence[tuple[str, int] | None]) -> list[list[int]]:
    """The batch split into independent groups for `check_history`: each agency's chain of
    consecutive years together, every other report alone; groups and members in input order.
    `check_history` of each group gives the findings `check_history` of the whole batch gives."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pair_keys(keys).items():
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(keys)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def check_history(reports: Sequence[Report], *, kind: str | None = None) -> list[list]:
    """Validate each report against the same agency's report of the year before, if present.

    Returns the findings per report, in the input order. Earlier years are checked first, so a
    row decided by Y1 is in place before the next year uses it."""
    from gongkai.core.report.validate import validate

    pairs = pair_years(reports)
    order = sorted(range(len(reports)), key=lambda i: (reports[i].year or 0))
    findings: dict[int, list] = {}
    for i in order:
        prev = reports[pairs[i]] if i in pairs else None
        before = len(prev.notes) if prev is not None else 0
        findings[i] = validate(reports[i], prev, kind=kind)
        if prev is not None and len(prev.notes) != before:  # last year's row was decided by this year's
            j = pairs[i]
            findings[j] = validate(prev, reports[pairs[j]] if j in pairs else None, kind=kind)
    return [findings[i] for i in range(len(reports))]
