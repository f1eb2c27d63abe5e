"""Splitting digits of adjacent cells that a flattening ran together.

`713000074` is 71|3|0|0|0|0|74 only because the row total (总计 = sum of the six applicant
columns) makes that split the only one. A split is accepted only where the 勾稽 relations make it
unique; otherwise the cells are reported missing with the alternatives (never guessed).

Numbers are printed without leading zeros, so a part may be "0" but never "05".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

MAX_SOLUTIONS = 50  # more than this and the split is hopeless anyway: report it ambiguous
MAX_STEPS = 200_000  # bound on the search (fuzzed input must not hang)
MAX_DIGITS_PER_CELL = 9


class _Budget:
    __slots__ = ("steps",)

    def __init__(self):
        self.steps = 0


def _split_exact(s: str, k: int, budget: _Budget) -> Iterator[list[str]]:
    """All ways to cut the digit string `s` into exactly `k` numbers without leading zeros."""
    budget.steps += 1
    if budget.steps > MAX_STEPS:
        return
    if k == 1:
        if s and (s == "0" or s[0] != "0"):
            yield [s]
        return
    if len(s) < k:
        return
    if s[0] == "0":
        # a part starting with 0 is exactly "0"
        for rest in _split_exact(s[1:], k - 1, budget):
            yield ["0", *rest]
        return
    for i in range(1, len(s) - k + 2):
        head = s[:i]
        for rest in _split_exact(s[i:], k - 1, budget):
            yield [head, *rest]


def split_runs(
    runs: list[str], n: int, check: Callable[[list[int]], bool] | None = None
) -> tuple[list[tuple[int, ...]], bool]:
    """Ways to read the digit runs `runs` (kept apart by white space) as `n` cells.

    Returns (solutions satisfying `check`, complete) where complete is False when the search was
    cut short (too many candidates): the caller must then treat the cells as ambiguous.
    """
    budget = _Budget()
    solutions: list[tuple[int, ...]] = []
    lengths = [len(r) for r in runs]
    if any(not r.isdigit() for r in runs) or sum(lengths) < n or len(runs) > n:
        return [], True
    if sum(lengths) > n * MAX_DIGITS_PER_CELL:
        return [], False  # far too many digits for these cells: not a table row

    def rec(ti: int, acc: list[int]) -> bool:
        if len(solutions) > MAX_SOLUTIONS or budget.steps > MAX_STEPS:
            return False
        if ti == len(runs):
            if len(acc) == n and (check is None or check(acc)):
                solutions.append(tuple(acc))
            return True
        left = n - len(acc)
        later_tokens = len(runs) - ti - 1
        later_digits = sum(lengths[ti + 1 :])
        lo = max(1, left - later_digits)
        hi = min(lengths[ti], left - later_tokens)
        for k in range(lo, hi + 1):
            for parts in _split_exact(runs[ti], k, budget):
                if not rec(ti + 1, acc + [int(p) for p in parts]):
                    return False
        return True

    complete = rec(0, [])
    complete = complete and budget.steps <= MAX_STEPS and len(solutions) <= MAX_SOLUTIONS
    return solutions, complete


def row_total_ok(values: list[int]) -> bool:
    """表三 H2: 总计 = 自然人 + the five organisation columns."""
    return sum(values[:-1]) == values[-1]


def table4_totals_ok(values: list[int]) -> bool:
    """表四 H4: in each of the three groups of five, 总计 = the four results."""
    return all(sum(values[g : g + 4]) == values[g + 4] for g in (0, 5, 10))
