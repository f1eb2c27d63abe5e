"""Benchmark of the statutory clock: due dates of 100 000 synthetic cases, then a calendar change.

    .venv/bin/python bench/bench_clock.py [--cases N] [--seed S]

1. builds the national calendar (chinese-calendar, 2008–2026);
2. computes the clock of N cases with a realistic mix of events (补正 restarts, consultations
   answered / pending / lapsed, extensions, fee notices, replies, withdrawals, 第三十五条 dates),
   received between 2024-01 and 2026-12 (so some run into 2027, which is unknown);
3. changes the calendar — enters a (fictional) 2027 arrangement and moves one 2026 holiday —,
   finds the cases whose counting window touches a changed date or that were waiting for 2027,
   and recomputes them (and, for comparison, all N);
4. builds the Chinese proof for 2 000 cases.

Prints cases per second for each step. Pure Python: no database.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from gongkai.core.law.calendar import WorkCalendar, national_calendar  # noqa: E402
from gongkai.core.law.clock import (  # noqa: E402
    ConsultationAnswered,
    ConsultationExpired,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    CustomDeadlineSet,
    ExtensionApproved,
    FeeExpired,
    FeeNoticeSent,
    FeePaid,
    Received,
    Replied,
    Withdrawn,
    compute_clock,
)

TODAY = date(2026, 11, 20)
CHANNELS = ["in_person", "post_signed", "post_ordinary", "online", "fax", "email", "oral"]


def synthetic_case(rng: random.Random) -> list:
    r = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1060))
    ev: list = [Received(r, rng.choice(CHANNELS))]
    day = r
    kind = rng.random()
    if kind < 0.15:  # 补正, then the restart
        day = r + timedelta(days=rng.randint(1, 9))
        ev.append(CorrectionRequested(day, due=day + timedelta(days=15)))
        if rng.random() < 0.85:
            day += timedelta(days=rng.randint(1, 20))
            ev.append(CorrectionReceived(day))
    if rng.random() < 0.3:  # consultations
        for i in range(rng.choice((1, 1, 1, 2))):
            sent = day + timedelta(days=rng.randint(1, 15))
            ev.append(ConsultationSent(sent, f"c{i}", rng.choice(("third_party", "co_producer"))))
            roll = rng.random()
            if roll < 0.6:
                ev.append(ConsultationAnswered(sent + timedelta(days=rng.randint(1, 25)), f"c{i}"))
            elif roll < 0.75:
                ev.append(ConsultationExpired(sent + timedelta(days=22), f"c{i}"))
    if rng.random() < 0.12:
        ev.append(ExtensionApproved(day + timedelta(days=rng.randint(10, 25)), rng.choice((10, 15, 20))))
    if rng.random() < 0.05:
        sent = day + timedelta(days=rng.randint(3, 12))
        ev.append(FeeNoticeSent(sent, received_on=sent + timedelta(days=2)))
        ev.append(FeePaid(sent + timedelta(days=10)) if rng.random() < 0.5 else FeeExpired(sent + timedelta(days=40)))
    if rng.random() < 0.01:
        ev.append(CustomDeadlineSet(day + timedelta(days=5), due=day + timedelta(days=90), reason="数量明显超过合理范围"))
    roll = rng.random()
    if roll < 0.55 and r < TODAY - timedelta(days=60):
        ev.append(Replied(day + timedelta(days=rng.randint(5, 40))))
    elif roll < 0.6:
        ev.append(Withdrawn(day + timedelta(days=rng.randint(1, 10))))
    return ev


def changed_calendar(cal: WorkCalendar) -> tuple[WorkCalendar, set[date]]:
    """Enter a fictional 2027 arrangement and move one 2026 day; return the new calendar and the
    dates whose working status changed (as the stored calendar's service computes them)."""
    off_2027 = {date(2027, 1, 1): True, date(2027, 2, 8): True, date(2027, 2, 9): True, date(2027, 2, 10): True,
                date(2027, 2, 11): True, date(2027, 2, 12): True, date(2027, 2, 20): False,
                date(2027, 10, 1): True, date(2027, 10, 4): True, date(2027, 10, 5): True}
    new = cal.merge(WorkCalendar(off_2027, [2027], "全国")).with_overrides({date(2026, 12, 31): True})
    changed = {date(2026, 12, 31)} | {date(2027, 1, 1) + timedelta(days=i) for i in range(365)}
    return new, changed


def touches(result, changed_min: date, changed: set[date]) -> bool:
    """Whether a stored result may move: it waited for an unknown year, or its window reaches a
    changed date (the cases app's selection on calendar_changed)."""
    if result.unknown_year is not None:
        return True
    ends = [d for d in result.deadlines.values() if d is not None]
    last = max(ends) if ends else None
    return last is not None and last >= changed_min


class Timer:
    """Wall-clock and CPU time: on a shared machine the CPU figure is the fairer one."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def rate(n: int, t: Timer) -> str:
    return (f"{n / t.cpu:>10,.0f} 件/秒（CPU {t.cpu:.2f} 秒）  {n / t.wall:>10,.0f} 件/秒（墙钟 {t.wall:.2f} 秒），"
            f"共 {n:,} 件")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20261120)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)

    t = time.perf_counter()
    national_calendar.cache_clear()
    cal = national_calendar()
    print(f"建立全国工作日历（2008—2026）：{(time.perf_counter() - t) * 1000:.1f} 毫秒")

    cases = [synthetic_case(rng) for _ in range(args.cases)]
    n_events = sum(len(c) for c in cases)
    print(f"合成案件：{len(cases):,} 件，事件 {n_events:,} 个（平均 {n_events / len(cases):.1f} 个/件）")

    with Timer() as first:
        results = [compute_clock(ev, cal, TODAY) for ev in cases]
    states: dict[str, int] = {}
    for r in results:
        states[r.state.label] = states.get(r.state.label, 0) + 1
    unknown = sum(1 for r in results if r.unknown_year)
    print("1. 计算答复期限：", rate(len(cases), first))
    print("   状态：" + "，".join(f"{k} {v:,}" for k, v in sorted(states.items()))
          + f"；因2027年未录入而无法确定期限 {unknown:,} 件")

    t = time.perf_counter()
    new_cal, changed = changed_calendar(cal)
    build = time.perf_counter() - t
    changed_min = min(changed)
    with Timer() as selective:
        affected = [i for i, r in enumerate(results) if touches(r, changed_min, changed)]
        recomputed = [compute_clock(cases[i], new_cal, TODAY) for i in affected]
    moved = sum(1 for i, r in zip(affected, recomputed, strict=True) if r.due != results[i].due)
    print(f"2. 日历变更（录入2027年安排、2026-12-31改为放假）：新日历 {build * 1000:.1f} 毫秒，"
          f"工作日状态变化 {len(changed)} 天")
    print(f"   扫描全部案件、只重算受影响的 {len(affected):,} 件：", rate(len(cases), selective))
    print(f"   其中答复期限改变 {moved:,} 件；原无法确定、现已确定 "
          f"{sum(1 for i, r in zip(affected, recomputed, strict=True) if results[i].unknown_year and r.due):,} 件")

    with Timer() as full:
        again = [compute_clock(ev, new_cal, TODAY) for ev in cases]
    print("   全部重算：", rate(len(cases), full))
    selected = set(affected)
    missed = sum(1 for i in range(len(cases)) if again[i].due != results[i].due and i not in selected)
    print(f"   核对：未被选中但期限改变的案件 {missed} 件（应为 0）")

    sample = results[:2000]
    with Timer() as proof:
        lines = sum(len(r.proof) for r in sample)
    print("3. 生成中文计算过程：", rate(len(sample), proof), f"平均 {lines / len(sample):.1f} 行/件")
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
