"""Reading and changing the stored working-day calendar.

Reading: `get_calendar(region=None)` returns the law engine's `WorkCalendar` built from the database,
cached in-process and rebuilt when the latest `CalendarRevision` changes (so every worker process
sees a change at its next call). `calendar_for_agency(agency)` adds the local days off of the
agency's region.

Changing: every change is a service function that validates its input (raising
`CalendarInputError` with Chinese messages), replaces the affected entries in one transaction,
records a `CalendarRevision` (the diff and the dates whose working status changed) and an audit
event, and after commit sends `signals.calendar_changed(changed_dates=…)` so that open deadlines
are recomputed.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import caused_by, record_event
from gongkai.core.law.calendar import WorkCalendar, fmt_date
from gongkai.errors import ServiceError

from .models import (
    CalendarDay,
    CalendarRevision,
    CalendarSource,
    CalendarYear,
    LocalDayOff,
    Region,
    RevisionAction,
    YearStatus,
)
from .signals import calendar_changed, calendar_preview

log = logging.getLogger(__name__)

MIN_YEAR, MAX_YEAR = 2000, 2100
#: A 放假 range longer than this is almost certainly a typo (the longest so far: 9 days).
MAX_RANGE_DAYS = 20
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class CalendarInputError(ServiceError):
    """Bad calendar input; `errors` is the list of Chinese messages for the user."""

    def __init__(self, errors: str | Iterable[str]):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__(self.errors)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

_cache: dict[Any, tuple[Any, WorkCalendar]] = {}
_cache_lock = threading.Lock()


def _stamp() -> tuple | None:
    # The newest revision identifies the calendar's version; created_at guards against an id
    # reused after a rolled-back transaction (SQLite).
    # Plain SQL: asked on every page that shows a deadline, where building the ORM query cost more than
    # running it (issue 16). Compared only with earlier results of this same function.
    table = connection.ops.quote_name(CalendarRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, created_at FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return tuple(row) if row else None


def _region(region: Region | str | int | None) -> Region | None:
    if region is None or isinstance(region, Region):
        return region
    lookup = {"pk": region} if isinstance(region, int) else {"code": region}
    try:
        return Region.objects.get(**lookup)
    except Region.DoesNotExist:
        raise CalendarInputError(f"地区「{region}」不存在。") from None


def _require(acting_user) -> None:
    """Services check the permission themselves (the views check it too)."""
    if not has_perm(acting_user, Perm.CALENDAR_MANAGE):
        raise CalendarInputError("您没有管理工作日历的权限。")


def build_calendar(region: Region | None = None) -> WorkCalendar:
    """The calendar as stored right now (no cache)."""
    known = CalendarYear.objects.filter(status=YearStatus.COMPLETE).values_list("year", flat=True)
    days: dict[date, bool] = {}
    names: dict[date, str] = {}
    for d, off, name in CalendarDay.objects.values_list("date", "is_off_day", "name"):
        days[d] = off
        if name:
            names[d] = name
    cal = WorkCalendar(days, list(known), "全国", names=names)
    if region is not None:
        local = list(LocalDayOff.objects.filter(region=region).values_list("date", "name"))
        cal = cal.with_overrides({d: True for d, _ in local}, names=dict(local), name=region.name)
    return cal


def get_calendar(region: Region | str | int | None = None) -> WorkCalendar:
    """The stored calendar (national, or with a region's local days off), cached in-process."""
    region = _region(region)
    key = region.pk if region is not None else None
    stamp = _stamp()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    cal = build_calendar(region)
    with _cache_lock:
        _cache[key] = (stamp, cal)
    return cal


def invalidate_cache() -> None:
    with _cache_lock:
        _cache.clear()


def region_for_agency(agency) -> Region | None:
    """The region of `agency`: the one attached to the agency or its nearest ancestor."""
    if agency is None:
        return None
    ids = [int(p) for p in (agency.path or "").strip("/").split("/") if p] or [agency.pk]
    regions = {r.pk: r for r in Region.objects.filter(agencies__in=ids).distinct()}
    if not regions:
        return None
    links = Region.agencies.through.objects.filter(agency_id__in=ids, region_id__in=regions)
    depth = {pk: i for i, pk in enumerate(ids)}
    best = max(links, key=lambda link: depth.get(link.agency_id, -1))
    return regions[best.region_id]


def calendar_for_agency(agency) -> WorkCalendar:
    """The calendar an agency's deadlines use: national plus its region's local days off.

    Kept per agency (and its place in the hierarchy) for as long as the calendar's version stands: one
    query per call instead of four (issue 16). Regions are created and changed through this module's
    services, which write a new calendar revision."""
    if agency is None:
        return get_calendar()
    key = ("agency", agency.pk, agency.path)
    stamp = _stamp()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    cal = get_calendar(region_for_agency(agency))
    with _cache_lock:
        _cache[key] = (stamp, cal)
    return cal


# ---------------------------------------------------------------------------------------------
# Validation of an arrangement (the structure of the 国务院办公厅 notice)
# ---------------------------------------------------------------------------------------------


@dataclass
class Arrangement:
    """One year's 节假日安排: the explicit entries {date: (is_off_day, name)} plus the notice."""

    year: int
    entries: dict[date, tuple[bool, str]] = field(default_factory=dict)
    status: str = YearStatus.COMPLETE
    notice_title: str = ""
    notice_no: str = ""
    notice_url: str = ""
    published_on: date | None = None


def _wd(d: date) -> str:
    return f"{fmt_date(d)}（{WEEKDAYS[d.weekday()]}）"


def _check_year(year: Any) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise CalendarInputError(f"年份「{year}」无效。") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarInputError(f"年份{year}超出范围（{MIN_YEAR}—{MAX_YEAR}）。")
    return year


def _in_window(year: int, d: date) -> bool:
    # A notice may touch the neighbouring year (the 2012 notice made 2011-12-31 a working day).
    return date(year - 1, 12, 1) <= d <= date(year + 1, 1, 31)


def build_arrangement(
    year: int,
    off_ranges: Iterable[tuple],
    work_days: Iterable[Any],
) -> tuple[Arrangement, list[str]]:
    """Validate the notice's 放假 ranges and 上班 days and turn them into explicit entries.

    Only deviations from the weekday rule are stored: weekdays off and weekend days worked.
    Returns (arrangement, notes) — notes are harmless observations (e.g. a range's weekend days).
    """
    year = _check_year(year)
    errors: list[str] = []
    off: dict[date, str] = {}
    for item in off_ranges:
        start, end = item[0], item[1]
        name = (item[2] if len(item) > 2 else "") or ""
        if end < start:
            errors.append(f"放假区间{fmt_date(start)}至{fmt_date(end)}：结束日期早于开始日期。")
            continue
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            errors.append(f"放假区间{fmt_date(start)}至{fmt_date(end)}超过{MAX_RANGE_DAYS}天，请核对。")
            continue
        d = start
        while d <= end:
            if not _in_window(year, d):
                errors.append(f"{fmt_date(d)}不在{year}年安排的范围内（{year - 1}年12月至{year + 1}年1月）。")
                break
            off[d] = "、".join(dict.fromkeys(filter(None, [off.get(d, ""), name]))) if d in off else name
            d += timedelta(days=1)
    work: dict[date, str] = {}
    for item in work_days:
        d, name = (item, "") if isinstance(item, date) else (item[0], (item[1] if len(item) > 1 else "") or "")
        if not _in_window(year, d):
            errors.append(f"{fmt_date(d)}不在{year}年安排的范围内（{year - 1}年12月至{year + 1}年1月）。")
        elif d.weekday() < 5:
            errors.append(f"调休上班日{_wd(d)}本来就是工作日，请核对（调休上班日应为周六或周日）。")
        elif d in off:
            errors.append(f"{_wd(d)}同时被列为放假日和上班日。")
        else:
            work[d] = name
    if not errors and not any(d.weekday() < 5 for d in off):
        errors.append(
            f"没有填写任何工作日放假的日期。若国务院办公厅尚未公布{year}年的安排，请不要录入——"
            f"未录入的年份会被标为「未录入」，系统不会把它当作“没有节假日”。"
        )
    if errors:
        raise CalendarInputError(errors)
    entries = {d: (True, name) for d, name in off.items() if d.weekday() < 5}
    entries.update({d: (False, name) for d, name in work.items()})
    weekend_off = sorted(d for d in off if d.weekday() >= 5)
    notes = [f"放假区间中的周末（{len(weekend_off)}天）本来就是休息日，无需单独记录。"] if weekend_off else []
    return Arrangement(year, dict(sorted(entries.items()))), notes


def arrangement_from_days(year: Any, days: Iterable[tuple[date, bool, str]], where: str = "") -> Arrangement:
    """An arrangement from per-day records (holiday-cn JSON, CSV): only deviations are kept."""
    year = _check_year(year)
    errors: list[str] = []
    seen: dict[date, bool] = {}
    entries: dict[date, tuple[bool, str]] = {}
    for d, is_off, name in days:
        if d in seen and seen[d] != is_off:
            errors.append(f"{fmt_date(d)}同时被列为放假日和上班日。")
            continue
        seen[d] = is_off
        if not _in_window(year, d):
            errors.append(f"{fmt_date(d)}不在{year}年安排的范围内（{year - 1}年12月至{year + 1}年1月）。")
        elif is_off and d.weekday() < 5 or not is_off and d.weekday() >= 5:
            entries[d] = (is_off, name)
    if not errors and not seen:
        errors.append(
            f"{where}{year}年没有任何日期（holiday-cn 对尚未公布安排的年份使用空列表），未导入；"
            f"{year}年仍为「未录入」，系统不会把它当作“没有节假日”。"
        )
    elif not errors and not any(off for off, _ in entries.values()):
        errors.append(f"{where}{year}年没有任何工作日放假的日期，请核对文件。")
    if errors:
        raise CalendarInputError(errors)
    return Arrangement(year, dict(sorted(entries.items())))


# ---------------------------------------------------------------------------------------------
# Applying changes
# ---------------------------------------------------------------------------------------------


def _state(cal: WorkCalendar, d: date) -> bool | None:
    """Working-day status of `d`, None while its year is unknown."""
    return cal.is_working_day(d) if cal.is_known_year(d.year) else None


def _changed_dates(before: WorkCalendar, after: WorkCalendar, candidates: Iterable[date]) -> set[date]:
    return {d for d in candidates if _state(before, d) != _state(after, d)}


def _all_days(year: int) -> Iterable[date]:
    d = date(year, 1, 1)
    while d.year == year:
        yield d
        d += timedelta(days=1)


def _actor_label(actor) -> str:
    return str(actor) if actor is not None and getattr(actor, "is_authenticated", False) else "系统"


def _announce(revision: CalendarRevision, changed: set[date], region: Region | None) -> None:
    """After commit: drop cached calendars and tell the apps whose deadlines depend on the days."""

    def send() -> None:
        invalidate_cache()
        if not changed:
            return
        # The recomputed deadlines are logged as caused by this change: 「系统（因周敏修改工作日历）」.
        cause = AuditEvent.objects.for_object(revision).order_by("-pk").first()
        # send_robust: a failing receiver must not turn a committed change into an error page.
        with caused_by(cause):
            results = calendar_changed.send_robust(
                sender=CalendarRevision, changed_dates=set(changed), region=region, revision=revision
            )
        for receiver, result in results:
            if isinstance(result, Exception):
                log.error("calendar_changed receiver %r failed: %r", receiver, result, exc_info=result)

    invalidate_cache()
    transaction.on_commit(send)


def _apply_arrangements(
    actor,
    arrangements: list[Arrangement],
    *,
    action: str,
    source: str,
    summary: str,
    source_name: str = "",
    request=None,
) -> CalendarRevision:
    years = sorted({a.year for a in arrangements})
    if len(years) != len(arrangements):
        raise CalendarInputError("同一年份的安排出现了两次。")
    with transaction.atomic():
        # Serialise concurrent calendar changes: the revision table is the calendar's version.
        list(CalendarYear.objects.select_for_update().filter(year__in=years))
        before = build_calendar()
        new_entries: dict[date, tuple[bool, str, int]] = {}
        for a in arrangements:
            for d, (off, name) in a.entries.items():
                new_entries[d] = (off, name, a.year)
        old_rows = {
            row.date: row
            for row in CalendarDay.objects.filter(year__in=years) | CalendarDay.objects.filter(date__in=list(new_entries))
        }
        old_known = set(CalendarYear.objects.filter(year__in=years, status=YearStatus.COMPLETE).values_list("year", flat=True))
        CalendarDay.objects.filter(pk__in=[r.pk for r in old_rows.values()]).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, is_off_day=off, name=name[:100], year=y, source=source)
            for d, (off, name, y) in sorted(new_entries.items())
        )
        for a in arrangements:
            CalendarYear.objects.update_or_create(
                year=a.year,
                defaults={
                    "status": a.status, "source": source, "notice_title": a.notice_title[:200],
                    "notice_no": a.notice_no[:60], "notice_url": a.notice_url[:500], "published_on": a.published_on,
                },
            )
        after = build_calendar()
        candidates: set[date] = set(old_rows) | set(new_entries)
        for a in arrangements:
            if (a.year in old_known) != (a.status == YearStatus.COMPLETE):
                candidates.update(_all_days(a.year))  # unknown ↔ known: every day of the year
        changed = _changed_dates(before, after, candidates)
        changes = []
        for d in sorted(set(old_rows) | set(new_entries)):
            old = [old_rows[d].is_off_day, old_rows[d].name] if d in old_rows else None
            new = [new_entries[d][0], new_entries[d][1]] if d in new_entries else None
            if old != new:
                changes.append({"date": d.isoformat(), "before": old, "after": new})
        revision = CalendarRevision.objects.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=_actor_label(actor),
            action=action,
            summary=summary[:300],
            years=years,
            source_name=source_name[:200],
            changes=changes,
            changed_dates=sorted(d.isoformat() for d in changed),
        )
        record_event(
            actor, f"calendar.{action}", revision, request=request,
            details={
                "years": years, "summary": summary, "source_name": source_name, "entries_changed": len(changes),
                "working_status_changed": len(changed), "version": revision.pk,
            },
        )
        _announce(revision, changed, None)
    return revision


# -- preview: what a change would move, before it takes effect ----------------------------------


@dataclass
class Impact:
    label: str
    count: int
    examples: list[str] = field(default_factory=list)


@dataclass
class CalendarPreview:
    """What entering `arrangements` would change (nothing is written)."""

    arrangements: list[Arrangement]
    changes: list[dict[str, Any]]  # {"date", "before": [off, name] | None, "after": [...] | None}
    changed_dates: set[date]
    impacts: list[Impact]
    version: int | None  # the calendar version the preview was computed on

    @property
    def years(self) -> list[int]:
        return sorted(a.year for a in self.arrangements)

    def change_rows(self) -> list[dict[str, Any]]:
        def word(v):
            return "—" if v is None else ("放假" if v[0] else "调休上班") + (f"（{v[1]}）" if v[1] else "")

        return [
            {"date": date.fromisoformat(c["date"]), "before": word(c["before"]), "after": word(c["after"])}
            for c in self.changes
        ]


def current_version() -> int | None:
    return CalendarRevision.objects.order_by("-id").values_list("id", flat=True).first()


def _simulate(arrangements: list[Arrangement]) -> tuple[WorkCalendar, WorkCalendar, list[dict], set[date]]:
    """(before, after, entry changes, dates whose working status changes) for the national calendar."""
    years = sorted({a.year for a in arrangements})
    if len(years) != len(arrangements):
        raise CalendarInputError("同一年份的安排出现了两次。")
    before = build_calendar()
    new_entries: dict[date, tuple[bool, str]] = {}
    for a in arrangements:
        new_entries.update(a.entries)
    rows = list(CalendarDay.objects.values_list("date", "is_off_day", "name", "year"))
    old_rows = {d: (off, name) for d, off, name, y in rows if y in years or d in new_entries}
    days = {d: off for d, off, name, y in rows if d not in old_rows}
    names = {d: name for d, off, name, y in rows if d not in old_rows and name}
    for d, (off, name) in new_entries.items():
        days[d] = off
        if name:
            names[d] = name
    known = set(CalendarYear.objects.filter(status=YearStatus.COMPLETE).values_list("year", flat=True))
    for a in arrangements:
        (known.add if a.status == YearStatus.COMPLETE else known.discard)(a.year)
    after = WorkCalendar(days, known, "全国", names=names)
    candidates: set[date] = set(old_rows) | set(new_entries)
    for a in arrangements:
        if before.is_known_year(a.year) != after.is_known_year(a.year):
            candidates.update(_all_days(a.year))
    changes = []
    for d in sorted(set(old_rows) | set(new_entries)):
        old = list(old_rows[d]) if d in old_rows else None
        new = list(new_entries[d]) if d in new_entries else None
        if old != new:
            changes.append({"date": d.isoformat(), "before": old, "after": new})
    return before, after, changes, _changed_dates(before, after, candidates)


def calendar_with_region(national: WorkCalendar, agency) -> WorkCalendar:
    """`national` (e.g. a previewed calendar) with the local days off of `agency`'s region."""
    region = region_for_agency(agency)
    if region is None:
        return national
    local = list(LocalDayOff.objects.filter(region=region).values_list("date", "name"))
    return national.with_overrides({d: True for d, _ in local}, names=dict(local), name=region.name)


def preview_arrangements(arrangements: list[Arrangement]) -> CalendarPreview:
    """What would change: the entries, the dates whose working status changes, and — asked through
    `signals.calendar_preview` — how many open cases and catalogue deadlines would move."""
    version = current_version()
    before, after, changes, changed = _simulate(arrangements)
    impacts: list[Impact] = []
    if changed:
        for receiver, result in calendar_preview.send_robust(
            sender=CalendarRevision, before=before, after=after, changed_dates=set(changed)
        ):
            if isinstance(result, Exception):
                log.error("calendar_preview receiver %r failed: %r", receiver, result, exc_info=result)
                impacts.append(Impact("（一项影响无法计算，请查看日志）", 0))
            elif result:
                impacts.append(Impact(result["label"], int(result["count"]), list(result.get("examples", []))[:10]))
    return CalendarPreview(arrangements, changes, changed, impacts, version)


def _check_previewed(previewed_version: int | None | object) -> None:
    """What takes effect is what was previewed: refused when the calendar changed after the preview."""
    if previewed_version is not ... and previewed_version != current_version():
        raise CalendarInputError("预览之后工作日历已被修改，请重新预览后再确认生效。")


def parse_calendar_file(raw: bytes | str, kind: str) -> list[Arrangement]:
    """The arrangements of an uploaded file: `kind` "json" (holiday-cn, one year) or "csv" (any years)."""
    if kind == "json":
        return [parse_holiday_cn_json(raw)]
    if kind == "csv":
        return parse_calendar_csv(raw)
    raise CalendarInputError("未知的文件格式。")


def preview_calendar_file(raw: bytes | str, kind: str) -> CalendarPreview:
    """Importing a file goes through the same preview as entering a year by hand: what changes and how many
    open cases and catalogue deadlines move (nothing is written)."""
    return preview_arrangements(parse_calendar_file(raw, kind))


def preview_year_arrangement(year: int, off_ranges, work_days, *, provisional: bool = False) -> CalendarPreview:
    arrangement, _ = build_arrangement(year, off_ranges, work_days)
    arrangement.status = YearStatus.PROVISIONAL if provisional else YearStatus.COMPLETE
    return preview_arrangements([arrangement])


def enter_year_arrangement(
    year: int,
    off_ranges: Iterable[tuple],
    work_days: Iterable[Any],
    *,
    acting_user, notice_title: str = "",
    notice_no: str = "",
    notice_url: str = "",
    published_on: date | None = None,
    provisional: bool = False,
    previewed_version: int | None | object = ...,
    request=None,
) -> CalendarRevision:
    """Enter (or correct) a year's arrangement as the 国务院办公厅 notice lists it:
    `off_ranges` = [(start, end, name)] 放假, `work_days` = [(date, name)] or [date] 调休上班.

    `provisional=True` stores a draft that does not count: the year stays unknown for deadlines.
    `previewed_version`: the calendar version the user's preview was computed on
    (`preview_year_arrangement(...).version`); a change made meanwhile by someone else is refused,
    so what takes effect is what was previewed.
    """
    _require(acting_user)
    _check_previewed(previewed_version)
    arrangement, _ = build_arrangement(year, off_ranges, work_days)
    arrangement.status = YearStatus.PROVISIONAL if provisional else YearStatus.COMPLETE
    arrangement.notice_title = notice_title.strip() or f"国务院办公厅关于{arrangement.year}年部分节假日安排的通知"
    arrangement.notice_no = notice_no.strip()
    arrangement.notice_url = notice_url.strip()
    arrangement.published_on = published_on
    draft = "（草稿）" if provisional else ""
    return _apply_arrangements(
        acting_user, [arrangement], action=RevisionAction.ENTER_YEAR, source=CalendarSource.NOTICE,
        summary=f"录入{arrangement.year}年节假日安排{draft}：{len(arrangement.entries)}条", request=request,
    )


# -- holiday-cn JSON ---------------------------------------------------------------------------


def parse_holiday_cn_json(data: Any) -> Arrangement:
    """Validate a holiday-cn file `{year, papers, days: [{name, date, isOffDay}]}`."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CalendarInputError("文件不是 UTF-8 编码的 JSON 文本。") from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise CalendarInputError(f"文件不是有效的 JSON：第{exc.lineno}行第{exc.colno}列附近有语法错误。") from None
    if not isinstance(data, Mapping):
        raise CalendarInputError("JSON 的最外层应为对象：{\"year\": …, \"papers\": […], \"days\": […]}。")
    errors: list[str] = []
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int | float) or int(year) != year:
        errors.append("缺少有效的「year」（年份，整数）。")
    days = data.get("days")
    if not isinstance(days, list):
        errors.append("缺少「days」列表。")
    papers = data.get("papers", [])
    if not isinstance(papers, list) or not all(isinstance(p, str) for p in papers):
        errors.append("「papers」应为网址字符串的列表。")
        papers = []
    if errors:
        raise CalendarInputError(errors)
    records: list[tuple[date, bool, str]] = []
    for i, item in enumerate(days, start=1):
        where = f"days 第{i}项"
        if not isinstance(item, Mapping):
            errors.append(f"{where}应为对象 {{name, date, isOffDay}}。")
            continue
        name, raw, is_off = item.get("name", ""), item.get("date"), item.get("isOffDay")
        if not isinstance(name, str):
            errors.append(f"{where}：「name」应为文字。")
            continue
        try:
            d = date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            d = None
        if d is None:
            errors.append(f"{where}：日期「{raw}」无效，应为 YYYY-MM-DD。")
            continue
        if not isinstance(is_off, bool):
            errors.append(f"{where}（{raw}）：「isOffDay」应为 true 或 false。")
            continue
        records.append((d, is_off, name))
    if errors:
        raise CalendarInputError(errors[:20] + ([f"……共{len(errors)}处错误。"] if len(errors) > 20 else []))
    a = arrangement_from_days(int(year), records)
    a.notice_title = f"国务院办公厅关于{a.year}年部分节假日安排的通知"
    a.notice_url = papers[0] if papers else ""
    return a


def import_holiday_cn_json(
    data: Any, *, acting_user, filename: str = "", request=None, previewed_version: int | None | object = ...,
) -> CalendarRevision:
    """Import one year from a holiday-cn JSON file (replaces that year's arrangement). `previewed_version`:
    as for `enter_year_arrangement` (the page previews with `preview_calendar_file` first)."""
    _require(acting_user)
    _check_previewed(previewed_version)
    a = parse_holiday_cn_json(data)
    return _apply_arrangements(
        acting_user, [a], action=RevisionAction.IMPORT_JSON, source=CalendarSource.HOLIDAY_CN,
        summary=f"导入{a.year}年节假日安排（holiday-cn JSON）：{len(a.entries)}条", source_name=filename, request=request,
    )


# -- CSV ---------------------------------------------------------------------------------------

_TRUE = {"1", "true", "yes", "y", "是", "休", "放假", "休息", "off"}
_FALSE = {"0", "false", "no", "n", "否", "班", "上班", "调休上班", "work"}


def decode_text(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China often saves GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CalendarInputError("无法识别文件编码，请另存为 UTF-8 编码的 CSV 文件。")


def parse_calendar_csv(text: bytes | str) -> list[Arrangement]:
    """`date,is_off_day,name[,year]` rows (a header row is optional). `year` is the arrangement the
    row belongs to and defaults to the date's year. Each year in the file is a whole arrangement."""
    text = decode_text(text)
    rows = list(csv.reader(io.StringIO(text)))
    errors: list[str] = []
    by_year: dict[int, list[tuple[date, bool, str]]] = {}
    for lineno, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if lineno == 1 and cells[0].lower() in ("date", "日期"):
            continue
        if len(cells) < 2:
            errors.append(f"第{lineno}行：至少需要「日期,是否休息」两列。")
            continue
        try:
            d = date.fromisoformat(cells[0].replace("/", "-"))
        except ValueError:
            errors.append(f"第{lineno}行：日期「{cells[0]}」格式错误，应为 YYYY-MM-DD。")
            continue
        flag = cells[1].lower()
        if flag in _TRUE:
            is_off = True
        elif flag in _FALSE:
            is_off = False
        else:
            errors.append(f"第{lineno}行：是否休息「{cells[1]}」无法识别，请填 1（放假）或 0（上班）。")
            continue
        name = cells[2] if len(cells) > 2 else ""
        year = d.year
        if len(cells) > 3 and cells[3]:
            try:
                year = int(cells[3])
            except ValueError:
                errors.append(f"第{lineno}行：所属年度「{cells[3]}」不是年份。")
                continue
        by_year.setdefault(year, []).append((d, is_off, name))
    if not errors and not by_year:
        errors.append("文件中没有任何日期行。")
    if errors:
        raise CalendarInputError(errors[:20] + ([f"……共{len(errors)}处错误。"] if len(errors) > 20 else []))
    out: list[Arrangement] = []
    for year, records in sorted(by_year.items()):
        try:
            a = arrangement_from_days(year, records, where="")
        except CalendarInputError as exc:
            errors.extend(exc.errors)
            continue
        a.notice_title = f"国务院办公厅关于{a.year}年部分节假日安排的通知"
        out.append(a)
    if errors:
        raise CalendarInputError(errors)
    return out


def import_calendar_csv(
    text: bytes | str, *, acting_user, filename: str = "", request=None, previewed_version: int | None | object = ...,
) -> CalendarRevision:
    """Import one or more years from a CSV file (each year's arrangement is replaced). `previewed_version`:
    as for `enter_year_arrangement`."""
    _require(acting_user)
    _check_previewed(previewed_version)
    arrangements = parse_calendar_csv(text)
    years = "、".join(str(a.year) for a in arrangements)
    count = sum(len(a.entries) for a in arrangements)
    return _apply_arrangements(
        acting_user, arrangements, action=RevisionAction.IMPORT_CSV, source=CalendarSource.CSV,
        summary=f"导入{years}年节假日安排（CSV）：{count}条", source_name=filename, request=request,
    )


# -- regions and local days off ----------------------------------------------------------------


@transaction.atomic
def create_region(code: str, name: str, agencies: Iterable = (), *, acting_user, request=None) -> Region:
    _require(acting_user)
    code, name = (code or "").strip(), (name or "").strip()
    errors = []
    if not code:
        errors.append("请填写地区代码。")
    if not name:
        errors.append("请填写地区名称。")
    if code and Region.objects.filter(code=code).exists():
        errors.append(f"地区代码「{code}」已存在。")
    if name and Region.objects.filter(name=name).exists():
        errors.append(f"地区「{name}」已存在。")
    if errors:
        raise CalendarInputError(errors)
    region = Region.objects.create(code=code, name=name)
    region.agencies.set(list(agencies))
    revision = CalendarRevision.objects.create(
        actor=acting_user if getattr(acting_user, "is_authenticated", False) else None, actor_label=_actor_label(acting_user),
        action=RevisionAction.ADD_REGION, summary=f"增加地区「{name}」", region=region,
    )
    record_event(
        acting_user, "calendar.add_region", region, request=request,
        details={"code": code, "name": name, "agencies": [a.pk for a in region.agencies.all()], "version": revision.pk},
    )
    _announce(revision, set(), region)
    return region


def _local_change(actor, region: Region, action: str, summary: str, day: date, change: dict, request) -> CalendarRevision:
    revision = CalendarRevision.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None, actor_label=_actor_label(actor),
        action=action, summary=summary[:300], region=region, years=[day.year], changes=[change],
    )
    return revision


@transaction.atomic
def add_local_day_off(region: Region, day: date, name: str, basis: str = "", *, acting_user, request=None) -> LocalDayOff:
    """An extra day off for the agencies of `region` (e.g. a 民族自治地方 festival)."""
    _require(acting_user)
    name = (name or "").strip()
    if not name:
        raise CalendarInputError("请填写休息日名称。")
    if LocalDayOff.objects.filter(region=region, date=day).exists():
        raise CalendarInputError(f"{region.name}已有{fmt_date(day)}的地方休息日。")
    before = build_calendar(region)
    local = LocalDayOff.objects.create(region=region, date=day, name=name[:100], basis=(basis or "").strip()[:200])
    after = build_calendar(region)
    changed = _changed_dates(before, after, [day])
    revision = _local_change(
        acting_user, region, RevisionAction.ADD_LOCAL, f"{region.name}增加地方休息日{fmt_date(day)}（{name}）", day,
        {"date": day.isoformat(), "before": None, "after": [True, name]}, request,
    )
    revision.changed_dates = sorted(d.isoformat() for d in changed)
    revision.save(update_fields=["changed_dates"])
    record_event(
        acting_user, "calendar.add_local", revision, request=request,
        details={"region": region.name, "date": day, "name": name, "basis": basis, "working_status_changed": len(changed)},
    )
    _announce(revision, changed, region)
    return local


@transaction.atomic
def remove_local_day_off(local: LocalDayOff, *, acting_user, request=None) -> CalendarRevision:
    _require(acting_user)
    region, day, name = local.region, local.date, local.name
    before = build_calendar(region)
    local.delete()
    after = build_calendar(region)
    changed = _changed_dates(before, after, [day])
    revision = _local_change(
        acting_user, region, RevisionAction.REMOVE_LOCAL, f"{region.name}删除地方休息日{fmt_date(day)}（{name}）", day,
        {"date": day.isoformat(), "before": [True, name], "after": None}, request,
    )
    revision.changed_dates = sorted(d.isoformat() for d in changed)
    revision.save(update_fields=["changed_dates"])
    record_event(
        acting_user, "calendar.remove_local", revision, request=request,
        details={"region": region.name, "date": day, "name": name, "working_status_changed": len(changed)},
    )
    _announce(revision, changed, region)
    return revision


# ---------------------------------------------------------------------------------------------
# Seed (data migration and demo) and overview helpers
# ---------------------------------------------------------------------------------------------


def year_overview(first: int = 2008) -> list[dict[str, Any]]:
    """One row per year from `first` to the year after the last known one, with its status."""
    rows = {y.year: y for y in CalendarYear.objects.all()}
    counts: dict[int, list[int]] = {}
    for year, off in CalendarDay.objects.values_list("year", "is_off_day"):
        c = counts.setdefault(year, [0, 0])
        c[0 if off else 1] += 1
    last = max([*rows, timezone.localdate().year]) + 1
    out = []
    for y in range(min([first, *rows]) if rows else first, last + 1):
        row = rows.get(y)
        off, work = counts.get(y, [0, 0])
        out.append({"year": y, "row": row, "known": bool(row and row.is_known), "off": off, "work": work})
    return out
