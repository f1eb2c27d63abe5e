"""Read the arrangement the way the 国务院办公厅 notice prints it, one holiday per line:

    一、元旦：1月1日（周三）放假1天，不调休。
    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。

Each line: the holiday's name before 「：」, then sentences. A sentence with 「上班」 lists 调休 working
days; any other sentence with dates is a 放假 range (「A至B」) or single days. Dates may omit the
year (the year being entered is assumed) or carry it (「2011年12月31日」); ISO dates also work.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from gongkai.errors import ServiceError

_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])\s*")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"
)
_RANGE_SEP = re.compile(r"^\s*(?:至|到|—|－|-|~|～)\s*$")
_SENTENCE = re.compile(r"[。；;\n]")
# 「1月1日至3日」: the end of a range within the same month omits the month.
_SAME_MONTH_END = re.compile(r"^\s*(?:至|到|—|－|-|~|～)\s*(\d{1,2})\s*日")


class NoticeTextError(ServiceError, ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(errors)


def _dates(text: str, year: int, lineno: int, errors: list[str]) -> list[tuple[date, int, int]]:
    out = []
    for m in _DATE.finditer(text):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            y, mo, d = int(m.group("y") or year), int(m.group("m")), int(m.group("d"))
        try:
            out.append((date(y, mo, d), m.start(), m.end()))
        except ValueError:
            errors.append(f"第{lineno}行：「{m.group(0)}」不是有效日期。")
    return out


def parse_notice_text(year: int, text: str) -> tuple[list[tuple[date, date, str]], list[tuple[date, str]]]:
    """(off_ranges, work_days) from the notice's lines; raises NoticeTextError (Chinese, by line)."""
    errors: list[str] = []
    off: list[tuple[date, date, str]] = []
    work: list[tuple[date, str]] = []
    for lineno, raw in enumerate((text or "").splitlines(), start=1):
        line = _NUMBERING.sub("", raw.strip())
        if not line:
            continue
        name, body = "", line
        for colon in ("：", ":"):
            if colon in line:
                head, rest = line.split(colon, 1)
                if not _DATE.search(head):
                    name, body = head.strip(), rest
                break
        body = _PAREN.sub("", body)  # （周三）（农历除夕）: notes, never dates we need
        found_any = False
        for sentence in _SENTENCE.split(body):
            dates = _dates(sentence, year, lineno, errors)
            if not dates:
                continue
            found_any = True
            if "上班" in sentence:
                work.extend((d, name) for d, _, _ in dates)
                continue
            i = 0
            while i < len(dates):
                d, _, end = dates[i]
                same_month = _SAME_MONTH_END.match(sentence[end:])
                if i + 1 < len(dates) and _RANGE_SEP.match(sentence[end : dates[i + 1][1]]):
                    off.append((d, dates[i + 1][0], name))
                    i += 2
                elif same_month:
                    try:
                        off.append((d, d.replace(day=int(same_month.group(1))), name))
                    except ValueError:
                        errors.append(f"第{lineno}行：「{same_month.group(0).strip()}」不是有效日期。")
                    i += 1
                else:
                    off.append((d, d, name))
                    i += 1
        if not found_any:
            errors.append(f"第{lineno}行：没有找到日期（例：「春节：1月28日至2月4日放假。1月26日、2月8日上班。」）。")
    if errors:
        raise NoticeTextError(errors)
    if not off and not work:
        raise NoticeTextError(["请按通知逐条填写放假安排，每行一个节日。"])
    return off, work


def _md(d: date, year: int) -> str:
    return f"{d.month}月{d.day}日" if d.year == year else f"{d.year}年{d.month}月{d.day}日"


def format_notice_text(year: int, entries: dict[date, tuple[bool, str]]) -> str:
    """The inverse, for pre-filling the form from stored entries (weekday holidays + 调休 days).

    Holidays stored day by day are joined into ranges across the weekends between them.
    """
    by_name: dict[str, dict[str, list[date]]] = {}
    for d, (off, name) in sorted(entries.items()):
        by_name.setdefault(name or "", {"off": [], "work": []})["off" if off else "work"].append(d)
    lines = []
    for name, groups in sorted(by_name.items(), key=lambda kv: min(kv[1]["off"] + kv[1]["work"])):
        ranges: list[list[date]] = []
        for d in groups["off"]:
            if ranges:
                gap = ranges[-1][1] + timedelta(days=1)
                while gap < d and gap.weekday() >= 5:
                    gap += timedelta(days=1)
                if gap == d:
                    ranges[-1][1] = d
                    continue
            ranges.append([d, d])
        # a range touching a weekend includes it (the notice prints 10月1日至10月8日)
        for r in ranges:
            while (r[0] - timedelta(days=1)).weekday() >= 5 and (r[0] - timedelta(days=1)) not in entries:
                r[0] -= timedelta(days=1)
            while (r[1] + timedelta(days=1)).weekday() >= 5 and (r[1] + timedelta(days=1)) not in entries:
                r[1] += timedelta(days=1)
        parts = []
        if ranges:
            parts.append("、".join(
                _md(a, year) if a == b else f"{_md(a, year)}至{_md(b, year)}" for a, b in ranges
            ) + "放假")
        if groups["work"]:
            parts.append("、".join(_md(d, year) for d in groups["work"]) + "上班")
        lines.append(f"{name or '未命名'}：" + "。".join(parts) + "。")
    return "\n".join(lines)
