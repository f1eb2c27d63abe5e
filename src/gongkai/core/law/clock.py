"""The statutory clock of an application (依申请公开), as a pure function of the case's events.

Rules (《政府信息公开条例》2019; law.md §1.3, §1.5, §3.2, §6):

- 第三十一条: the receipt date depends on the channel (`receipt.receipt_date`); `Received.on` is it.
- Counting: the receipt day is not counted; N working days end on the N-th working day after it
  (law.md §6.2, by analogy with 民法典第二百零一条).
- 第三十条: 补正告知 within 7 working days of receipt, once (一次性告知); 「答复期限自行政机关收到补正的
  申请之日起计算」 — the 20-day clock restarts from the day the corrected application arrives.
  While the agency waits for the 补正 no reply clock runs (state WAITING). 「申请人无正当理由逾期不补正
  的，视为放弃申请」 → `CorrectionExpired` stops the case.
- 第三十三条第二款: reply within 20 working days; an extension needs the head's approval and notice
  to the applicant, at most 20 working days in all (counted on from the original due date [D]).
- 第三十三条第三款: 「行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内」 — the reply
  clock pauses while a consultation (第三十二条 third party / 第三十四条 co-producer, 15 working days
  each for the other side) runs: from the day after dispatch up to and including the day the answer
  arrives or the 15-working-day window ends [D, law.md §1.5]. The dispatch day still counts (work
  was done on it); the answer day does not (the clock resumes the next day, as after a 补正).
- Fees (第四十二条, 国办函〔2020〕109号, law.md §3.2 [S]): pay within 20 working days counted from the
  day after the applicant receives the 收费通知; unpaid → 视为放弃申请 (`FeeExpired` stops the case).
  Whether the reply clock pauses meanwhile is law.md Q11 [U]: `fee_notice_pauses`, default False
  (the conservative reading — the agency's period keeps running).
- 第三十五条: for unreasonably many/frequent applications the agency may set a reasonable later
  deadline (`CustomDeadlineSet`), which replaces the 第三十三条 date.

`compute_clock` returns the due date, the state, the working days left and a Chinese proof.
A deadline that runs into a year whose 节假日安排 nobody entered is reported (`unknown_year`,
`due=None`, a warning), never guessed.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from gongkai.core.vocabulary import Choice, Outcome

from .calendar import UnknownCalendarYear, WorkCalendar, fmt_date, fmt_range
from .receipt import Channel, receipt_rule

REPLY_WORKING_DAYS = 20  # 第三十三条第二款
EXTENSION_MAX_WORKING_DAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKING_DAYS = 7  # 第三十条
CONSULTATION_WORKING_DAYS = 15  # 第三十二条, 第三十四条
FEE_PAYMENT_WORKING_DAYS = 20  # 109号 (law.md §3.2 [S9])

_ONE = timedelta(days=1)


class ClockState(Choice):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "暂停计时"
    STOPPED = "stopped", "已停止"
    WAITING = "waiting", "等待申请人补正"


class ConsultationKind(Choice):
    THIRD_PARTY = "third_party", "征求第三方意见（第三十二条）"
    CO_PRODUCER = "co_producer", "征求共同制作机关意见（第三十四条）"


# -- events ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event:
    on: date


@dataclass(frozen=True, slots=True)
class Received(Event):
    """The application was received (the 第三十一条 receipt date)."""

    channel: Channel | str = Channel.IN_PERSON


@dataclass(frozen=True, slots=True)
class CorrectionRequested(Event):
    """补正告知 sent (第三十条). `due`: the 补正 deadline the notice gave the applicant, if any."""

    due: date | None = None


@dataclass(frozen=True, slots=True)
class CorrectionReceived(Event):
    """The corrected application arrived: the reply clock restarts from this day (第三十条)."""


@dataclass(frozen=True, slots=True)
class CorrectionExpired(Event):
    """No 补正 in time: 视为放弃申请 (第三十条)."""


@dataclass(frozen=True, slots=True)
class ConsultationSent(Event):
    """征求意见书 dispatched. `received_on`: when the other side got it (its 15 days run from
    then, 第三十二条/第三十四条); defaults to the dispatch day."""

    ref: str = ""
    kind: ConsultationKind | str = ConsultationKind.THIRD_PARTY
    received_on: date | None = None


@dataclass(frozen=True, slots=True)
class ConsultationAnswered(Event):
    ref: str = ""


@dataclass(frozen=True, slots=True)
class ConsultationExpired(Event):
    ref: str = ""


@dataclass(frozen=True, slots=True)
class ExtensionApproved(Event):
    """延期 approved by the 工作机构负责人 and notified (第三十三条第二款)."""

    days: int = EXTENSION_MAX_WORKING_DAYS


@dataclass(frozen=True, slots=True)
class FeeNoticeSent(Event):
    """收费通知 sent; `received_on`: when the applicant received it (defaults to `on`)."""

    received_on: date | None = None


@dataclass(frozen=True, slots=True)
class FeePaid(Event):
    pass


@dataclass(frozen=True, slots=True)
class FeeExpired(Event):
    """Not paid in time: 视为放弃申请 (109号, law.md §3.2)."""


@dataclass(frozen=True, slots=True)
class CustomDeadlineSet(Event):
    """第三十五条: a reasonable later deadline set and notified to the applicant."""

    due: date | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Replied(Event):
    pass


@dataclass(frozen=True, slots=True)
class Withdrawn(Event):
    pass


@dataclass(frozen=True, slots=True)
class Closed(Event):
    reason: str = ""


EVENT_TYPES: tuple[type[Event], ...] = (
    Received, CorrectionRequested, CorrectionReceived, CorrectionExpired, ConsultationSent,
    ConsultationAnswered, ConsultationExpired, ExtensionApproved, FeeNoticeSent, FeePaid, FeeExpired,
    CustomDeadlineSet, Replied, Withdrawn, Closed,
)


# Order of events recorded on the same day.
_RANK: dict[type, int] = {
    Received: 0, CorrectionRequested: 1, CorrectionReceived: 2, ConsultationSent: 3, FeeNoticeSent: 3,
    ExtensionApproved: 4, CustomDeadlineSet: 4, ConsultationAnswered: 5, ConsultationExpired: 5, FeePaid: 5,
    CorrectionExpired: 8, FeeExpired: 8, Replied: 9, Withdrawn: 9, Closed: 9,
}


# -- result ------------------------------------------------------------------------------------


@dataclass
class Pause:
    """Working days d with after < d <= until are not counted (第三十三条第三款 / fee setting)."""

    after: date
    until: date
    reason: str
    pending: bool = False  # still running at `today`: `until` is provisional
    window_end: date | None = None


@dataclass
class ClockResult:
    state: ClockState
    due: date | None
    days_left: int | None
    overdue: bool
    deadlines: dict[str, date | None]
    warnings: list[str]
    unknown_year: int | None = None
    received_on: date | None = None
    clock_start: date | None = None  # the receipt day, or the 补正 day after a restart
    working_days: int = REPLY_WORKING_DAYS  # 20 + counted extension
    extension_days: int = 0
    paused_days: int = 0  # working days not counted because of pauses, up to `due`
    pauses: list[Pause] = field(default_factory=list)
    stopped_on: date | None = None
    stop_reason: str = ""
    outcome_hint: Outcome | None = None  # e.g. ABANDONED_NO_FEE after FeeExpired
    _explain: Any = field(default=None, repr=False, compare=False)
    _proof: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def proof(self) -> list[str]:
        """The computation in Chinese, one line per step (built on first access)."""
        if self._proof is None:
            self._proof = self._explain() if self._explain else []
        return self._proof


# -- the computation ---------------------------------------------------------------------------


def _merge(pauses: list[tuple[date, date]]) -> list[tuple[date, date]]:
    if not pauses:
        return []
    out: list[tuple[date, date]] = []
    for a, b in sorted(p for p in pauses if p[1] > p[0]):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _paused_between(cal: WorkCalendar, merged: list[tuple[date, date]], start: date, end: date) -> int:
    total = 0
    for a, b in merged:
        lo, hi = max(a, start), min(b, end)
        if hi > lo:
            total += cal.working_days_between(lo, hi)
    return total


def due_with_pauses(
    cal: WorkCalendar, start: date, n: int, pauses: Iterable[tuple[date, date]] = ()
) -> tuple[date, int]:
    """The day on which the count of working days after `start` that lie outside every pause
    interval (a, b] reaches `n`; also returns how many working days the pauses took."""
    merged = _merge(list(pauses))
    d = cal.add_working_days(start, n)
    if not merged:
        return d, 0
    while True:  # monotone fixed point: more days → more paused days → later day
        p = _paused_between(cal, merged, start, d)
        nd = cal.add_working_days(start, n + p)
        if nd == d:
            return d, p
        d = nd


def compute_clock(
    events: Iterable[Event],
    calendar: WorkCalendar,
    today: date,
    *,
    fee_notice_pauses: bool = False,
) -> ClockResult:
    """Current state of the statutory clock. `fee_notice_pauses` is law.md Q11 (Django:
    settings.GONGKAI_LAW["FEE_NOTICE_PAUSES_REPLY_CLOCK"])."""
    # Same-day events in their logical order (receipt first, closing last), so the result does not
    # depend on the order the caller lists them in.
    evs = sorted(events, key=lambda e: (e.on, _RANK.get(type(e), 4)))
    warnings: list[str] = []
    deadlines: dict[str, date | None] = {}
    unknown: list[int] = []

    def add(start: date, n: int) -> date | None:
        try:
            return calendar.add_working_days(start, n)
        except UnknownCalendarYear as exc:
            unknown.append(exc.year)
            return None

    received: Received | None = None
    start: date | None = None
    restarted_on: date | None = None
    correction_requests: list[CorrectionRequested] = []
    waiting = False
    consultations: dict[str, dict[str, Any]] = {}
    extensions: list[ExtensionApproved] = []
    fee: dict[str, Any] | None = None
    custom: CustomDeadlineSet | None = None
    stop: Event | None = None
    ignored_after_stop = 0

    for e in evs:
        if stop is not None:
            ignored_after_stop += 1
            continue
        if isinstance(e, Received):
            if received is not None:
                warnings.append(f"收到申请事件重复（{fmt_date(e.on)}），以第一次{fmt_date(received.on)}为准。")
                continue
            received, start = e, e.on
            deadlines["correction_notice"] = add(e.on, CORRECTION_NOTICE_WORKING_DAYS)
            continue
        if received is None:
            raise ValueError("缺少「收到申请」事件，或有事件早于收到申请之日，无法计算期限。")
        if isinstance(e, CorrectionRequested):
            correction_requests.append(e)
            waiting = True
            if e.due is not None:
                deadlines["correction"] = e.due
        elif isinstance(e, CorrectionReceived):
            if not waiting:
                warnings.append(f"{fmt_date(e.on)}收到补正，但此前没有补正告知记录；仍按第三十条自该日重新计算答复期限。")
            waiting = False
            start = restarted_on = e.on
        elif isinstance(e, CorrectionExpired):
            if not waiting:
                warnings.append(f"{fmt_date(e.on)}记录逾期未补正，但本案当时并未等待补正。")
            due_c = deadlines.get("correction")
            if due_c is not None and e.on <= due_c:
                warnings.append(f"补正期限（{fmt_date(due_c)}）尚未届满即按逾期未补正处理。")
            stop = e
        elif isinstance(e, ConsultationSent):
            ref = e.ref or f"#{len(consultations) + 1}"
            if ref in consultations:
                warnings.append(f"征求意见「{ref}」重复发送，以第一次为准。")
                continue
            kind = ConsultationKind(e.kind)
            window_end = add(e.received_on or e.on, CONSULTATION_WORKING_DAYS)
            consultations[ref] = {"sent": e.on, "kind": kind, "window_end": window_end, "end": None, "how": ""}
            deadlines[f"consultation:{ref}"] = window_end
        elif isinstance(e, ConsultationAnswered | ConsultationExpired):
            c = consultations.get(e.ref)
            if c is None:
                warnings.append(f"{fmt_date(e.on)}记录了征求意见「{e.ref}」的结果，但没有相应的征求意见书记录，已忽略。")
                continue
            if c["end"] is None:
                c["end"] = e.on
                c["how"] = "answered" if isinstance(e, ConsultationAnswered) else "expired"
        elif isinstance(e, ExtensionApproved):
            if e.days <= 0:
                warnings.append(f"{fmt_date(e.on)}的延期天数（{e.days}）无效，已忽略。")
                continue
            extensions.append(e)
        elif isinstance(e, FeeNoticeSent):
            if fee is not None:
                warnings.append("已发出过收费通知，重复的收费通知已忽略。")
                continue
            got = e.received_on or e.on
            # 「申请人应当在收到收费通知次日起20个工作日内缴纳费用」: the receipt day is day 0.
            fee = {"sent": e.on, "received": got, "deadline": add(got, FEE_PAYMENT_WORKING_DAYS), "paid": None}
            deadlines["fee_payment"] = fee["deadline"]
        elif isinstance(e, FeePaid):
            if fee is None:
                warnings.append(f"{fmt_date(e.on)}记录缴费，但没有收费通知记录。")
                continue
            fee["paid"] = e.on
            if fee["deadline"] is not None and e.on > fee["deadline"]:
                warnings.append(f"缴费日期{fmt_date(e.on)}晚于缴费期限{fmt_date(fee['deadline'])}。")
        elif isinstance(e, FeeExpired):
            if fee is None:
                warnings.append(f"{fmt_date(e.on)}按逾期未缴费处理，但没有收费通知记录。")
            elif fee["deadline"] is not None and e.on <= fee["deadline"]:
                warnings.append(f"缴费期限（{fmt_date(fee['deadline'])}）尚未届满即按逾期未缴费处理。")
            stop = e
        elif isinstance(e, CustomDeadlineSet):
            if e.due is None:
                warnings.append("第三十五条延迟答复未写明答复期限，已忽略。")
                continue
            custom = e
        elif isinstance(e, Replied | Withdrawn | Closed):
            stop = e
        else:
            raise ValueError(f"无法识别的事件类型：{type(e).__name__}")

    if received is None:
        raise ValueError("缺少「收到申请」事件，无法计算期限。")
    if ignored_after_stop:
        warnings.append(f"案件办结后又记录了{ignored_after_stop}个事件，已忽略。")

    # 第三十条: one notice, within 7 working days.
    cn_due = deadlines.get("correction_notice")
    if correction_requests:
        first = correction_requests[0]
        if cn_due is not None and first.on > cn_due:
            warnings.append(
                f"补正告知日期{fmt_date(first.on)}晚于第三十条规定的期限{fmt_date(cn_due)}（收到申请之日起7个工作日）。"
            )
        if len(correction_requests) > 1:
            warnings.append(f"第三十条要求一次性告知补正事项，本案已{len(correction_requests)}次要求补正。")

    horizon = stop.on if stop is not None else today
    state = ClockState.STOPPED if stop is not None else ClockState.WAITING if waiting else ClockState.RUNNING

    # Pauses (第三十三条第三款; fee setting Q11).
    pauses: list[Pause] = []
    pending_pause = False
    for ref, c in consultations.items():
        reason = f"{c['kind'].label}「{ref}」" if not ref.startswith("#") else c["kind"].label
        end, window_end = c["end"], c["window_end"]
        if end is not None:
            until = min(end, window_end) if window_end is not None else end
            pauses.append(Pause(c["sent"], max(until, c["sent"]), reason, False, window_end))  # answered/expired
        elif window_end is not None and horizon >= window_end:
            pauses.append(Pause(c["sent"], window_end, reason, False, window_end))
            if stop is None:
                warnings.append(
                    f"{reason}已于{fmt_date(window_end)}期满未收到意见，暂停已结束；请记录征求意见结果"
                    f"（第三十二条：由行政机关依照本条例决定是否公开；第三十四条：视为同意公开）。"
                )
        else:
            pauses.append(Pause(c["sent"], max(horizon, c["sent"]), reason, stop is None, window_end))
            pending_pause = pending_pause or stop is None
    if fee is not None and fee_notice_pauses:
        reason = "等待缴纳信息处理费（按本系统设置，收费通知期间暂停计算答复期限）"
        if fee["paid"] is not None:
            pauses.append(Pause(fee["sent"], max(fee["paid"], fee["sent"]), reason, False, fee["deadline"]))
        elif fee["deadline"] is not None and horizon >= fee["deadline"]:
            pauses.append(Pause(fee["sent"], fee["deadline"], reason, False, fee["deadline"]))
        else:
            pauses.append(Pause(fee["sent"], max(horizon, fee["sent"]), reason, stop is None, fee["deadline"]))
            pending_pause = pending_pause or stop is None
    if fee is not None and fee["paid"] is None and stop is None and fee["deadline"] is not None and today > fee["deadline"]:
        warnings.append(
            f"缴费期限{fmt_date(fee['deadline'])}已届满仍未缴费：逾期未缴纳的视为放弃申请（109号），请作相应处理。"
        )
    if state is ClockState.RUNNING and pending_pause:
        state = ClockState.PAUSED
    if waiting and stop is None and deadlines.get("correction") and today > deadlines["correction"]:
        warnings.append(
            f"申请人补正期限{fmt_date(deadlines['correction'])}已过：无正当理由逾期不补正的，视为放弃申请（第三十条）。"
        )

    # Extensions (第三十三条第二款): at most 20 working days in all, once.
    ext_total = sum(x.days for x in extensions)
    ext_counted = min(ext_total, EXTENSION_MAX_WORKING_DAYS)
    if len(extensions) > 1:
        warnings.append(f"第三十三条第二款的延期只能经负责人同意一次，本案记录了{len(extensions)}次延期。")
    if ext_total > EXTENSION_MAX_WORKING_DAYS:
        warnings.append(
            f"延期合计{ext_total}个工作日，超过第三十三条第二款规定的最长20个工作日，按20个工作日计算。"
        )
    n = REPLY_WORKING_DAYS + ext_counted

    due: date | None = None
    statutory_due: date | None = None
    paused_days = 0
    intervals = [(p.after, p.until) for p in pauses]
    if not waiting:  # 第三十条: no reply clock runs until the 补正 arrives
        try:
            statutory_due, paused_days = due_with_pauses(calendar, start, n, intervals)
            if extensions:
                base_due, _ = due_with_pauses(calendar, start, REPLY_WORKING_DAYS, intervals)
                late = [x for x in extensions if x.on > base_due]
                if late:
                    warnings.append(
                        f"延期决定日期{fmt_date(late[0].on)}晚于原答复期限{fmt_date(base_due)}，延期应在原期限内作出并告知申请人。"
                    )
        except UnknownCalendarYear as exc:
            unknown.append(exc.year)
    if statutory_due is not None and any(p.pending for p in pauses):
        # The pause may last until the other side's window ends: say now if that runs into an
        # unentered year, rather than on the day it happens.
        worst = [(p.after, p.window_end if p.pending and p.window_end else p.until) for p in pauses]
        try:
            due_with_pauses(calendar, start, n, worst)
        except UnknownCalendarYear as exc:
            warnings.append(
                f"如暂停持续至对方答复期限届满，答复期限将进入{exc.year}年，而该年节假日安排尚未录入，届时将无法计算。"
            )
    due = statutory_due
    if custom is not None and not waiting:
        due = custom.due
        deadlines["reply_statutory"] = statutory_due
    deadlines["reply"] = due

    unknown_year = min(unknown) if unknown else None
    if unknown_year is not None:
        warnings.append(str(UnknownCalendarYear(unknown_year, calendar.name)))
        if custom is None:
            due = None
            deadlines["reply"] = None

    # days left and overdue
    days_left: int | None = None
    overdue = False
    if due is not None and state in (ClockState.RUNNING, ClockState.PAUSED):
        overdue = today > due
        try:
            days_left = calendar.working_days_between(today, due)
        except UnknownCalendarYear as exc:
            warnings.append(str(exc))
    elif due is not None and isinstance(stop, Replied | Closed):
        overdue = stop.on > due

    stop_reason, outcome_hint = "", None
    if isinstance(stop, Replied):
        stop_reason = "已答复"
    elif isinstance(stop, Withdrawn):
        stop_reason, outcome_hint = "申请人撤回申请", Outcome.OTHER
    elif isinstance(stop, Closed):
        stop_reason = stop.reason or "已办结"
    elif isinstance(stop, CorrectionExpired):
        stop_reason, outcome_hint = "逾期不补正，视为放弃申请（第三十条）", Outcome.ABANDONED_NO_CORRECTION
    elif isinstance(stop, FeeExpired):
        stop_reason, outcome_hint = "逾期未缴纳信息处理费，视为放弃申请（109号）", Outcome.ABANDONED_NO_FEE

    result = ClockResult(
        state=state,
        due=due,
        days_left=days_left,
        overdue=overdue,
        deadlines=deadlines,
        warnings=warnings,
        unknown_year=unknown_year,
        received_on=received.on,
        clock_start=start,
        working_days=n,
        extension_days=ext_counted,
        paused_days=paused_days,
        pauses=pauses,
        stopped_on=stop.on if stop is not None else None,
        stop_reason=stop_reason,
        outcome_hint=outcome_hint,
    )
    ctx = {
        "received": received, "restarted_on": restarted_on, "requests": correction_requests,
        "waiting": waiting, "extensions": extensions, "ext_total": ext_total, "custom": custom,
        "statutory_due": statutory_due, "stop": stop, "fee": fee, "today": today,
        "fee_notice_pauses": fee_notice_pauses, "consultations": consultations,
    }
    result._explain = lambda: _proof(result, calendar, ctx)
    return result


# -- the proof ---------------------------------------------------------------------------------


def _proof(r: ClockResult, cal: WorkCalendar, ctx: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    received: Received = ctx["received"]
    try:
        channel_rule = receipt_rule(received.channel)
    except (ValueError, KeyError):
        channel_rule = str(received.channel)
    lines.append(f"收到申请之日：{fmt_date(received.on, weekday=True)}。{channel_rule}。")
    cn_due = r.deadlines.get("correction_notice")
    if cn_due is not None:
        lines.append(
            f"补正告知期限：收到申请之日起7个工作日（第三十条），即{fmt_date(cn_due, weekday=True)}前一次性告知。"
        )
    for i, req in enumerate(ctx["requests"]):
        once = "一次性" if i == 0 else f"第{i + 1}次"
        extra = f"，补正期限至{fmt_date(req.due)}" if req.due else ""
        lines.append(f"{fmt_date(req.on)}{once}告知申请人补正{extra}；答复期限停止计算，等待申请人补正（第三十条）。")
    if ctx["restarted_on"] is not None:
        lines.append(
            f"{fmt_date(ctx['restarted_on'], weekday=True)}收到补正后的申请，答复期限自该日起重新计算"
            f"（第三十条：答复期限自行政机关收到补正的申请之日起计算）。"
        )
    if ctx["waiting"] and r.stopped_on is None:
        lines.append("目前等待申请人补正，答复期限尚未开始计算；收到补正后自该日起重新计算20个工作日。")
        return lines + _stop_lines(r, ctx) + [f"注意：{w}" for w in r.warnings]

    start = r.clock_start
    assert start is not None
    basis = "第三十三条第二款：自收到申请之日起20个工作日内予以答复"
    if r.extension_days:
        basis += f"；经政府信息公开工作机构负责人同意延长{r.extension_days}个工作日"
    lines.append(f"答复期限：计算起点{fmt_date(start)}后{r.working_days}个工作日（{basis}）。")
    for x in ctx["extensions"]:
        lines.append(f"{fmt_date(x.on)}经负责人同意并告知申请人，延长答复期限{x.days}个工作日（第三十三条第二款）。")

    statutory_due = ctx["statutory_due"]
    end = statutory_due
    if end is None:
        # unknown year: explain as far as the calendar goes
        known = [y for y in cal.known_years if y >= start.year]
        end = min(date(max(known), 12, 31), start + timedelta(days=60)) if known else None
    if end is not None and end > start:
        try:
            day1 = cal.add_working_days(start, 1)
            info = cal.day_info(day1)
            note = "，调休上班日" if info.kind.value == "makeup" else ""
            lines.append(f"起点当日不计入，第1个工作日为{fmt_date(day1, weekday=True)}{note}。")
            lines.extend(cal.explain_span(start, end))
        except UnknownCalendarYear:
            pass
    for p in r.pauses:
        lines.extend(_pause_lines(p, cal, start, end))
    if statutory_due is not None:
        counted = r.working_days
        lines.append(
            f"期限届满日：{fmt_date(statutory_due, weekday=True)}，为起点后第{counted}个计入的工作日"
            + (f"（另有{r.paused_days}个工作日因暂停不计入）" if r.paused_days else "")
            + "。"
        )
    custom: CustomDeadlineSet | None = ctx["custom"]
    if custom is not None:
        why = f"，理由：{custom.reason}" if custom.reason else ""
        lines.append(
            f"{fmt_date(custom.on)}依据第三十五条确定延迟答复的合理期限为{fmt_date(custom.due, weekday=True)}并告知申请人{why}；"
            f"以该日为答复期限。"
        )
    fee = ctx["fee"]
    if fee is not None:
        deadline = fee["deadline"]
        lines.append(
            f"{fmt_date(fee['sent'])}发出收费通知，申请人{fmt_date(fee['received'])}收到；应自收到次日起20个工作日内缴费"
            + (f"，即{fmt_date(deadline, weekday=True)}前" if deadline else "")
            + "，逾期未缴纳的视为放弃申请（109号）。"
            + ("" if ctx["fee_notice_pauses"] else "按本系统设置，收费通知期间答复期限不暂停（law.md Q11）。")
        )
        if fee["paid"] is not None:
            lines.append(f"{fmt_date(fee['paid'])}缴纳信息处理费。")
    if r.unknown_year is not None:
        lines.append(f"{r.unknown_year}年的节假日安排尚未录入，期限无法确定（不按仅排除周末的方式推算）。")
    if r.state in (ClockState.RUNNING, ClockState.PAUSED) and r.due is not None and r.days_left is not None:
        today = ctx["today"]
        if r.days_left > 0:
            lines.append(f"截至{fmt_date(today)}，剩余{r.days_left}个工作日。")
        elif r.days_left == 0:
            lines.append(f"今日（{fmt_date(today)}）为答复期限最后一日。")
        else:
            lines.append(f"截至{fmt_date(today)}，已超过答复期限{-r.days_left}个工作日。")
    lines.extend(_stop_lines(r, ctx))
    lines.extend(f"注意：{w}" for w in r.warnings)
    return lines


def _pause_lines(p: Pause, cal: WorkCalendar, start: date, end: date | None) -> list[str]:
    lo = max(p.after, start)
    hi = min(p.until, end) if end is not None else p.until
    try:
        k = cal.working_days_between(lo, hi) if hi > lo else 0
    except UnknownCalendarYear:
        k = 0
    art = "第三十三条第三款：征求第三方和其他机关意见所需时间不计算在答复期限内" if "征求" in p.reason else "law.md Q11 设置"
    if p.pending:
        span = f"自{fmt_date(p.after + _ONE)}起" if p.until > p.after else f"自{fmt_date(p.after)}发出后"
        tail = f"；对方答复期限至{fmt_date(p.window_end)}，届时未答复的自次日恢复计算" if p.window_end else ""
        return [f"暂停计时：{span}{p.reason}，尚未结束（{art}）；已暂停{k}个工作日；答复期限暂按暂停至今日计算，暂停每延续一个工作日，期限顺延一个工作日{tail}。"]
    if p.until <= p.after:
        return [f"{p.reason}当日即结束，未暂停计时。"]
    return [f"暂停计时：{fmt_range(p.after + _ONE, p.until)}，{p.reason}（{art}），其间{k}个工作日不计入。"]


def _stop_lines(r: ClockResult, ctx: dict[str, Any]) -> list[str]:
    stop = ctx["stop"]
    if stop is None:
        return []
    line = f"{fmt_date(stop.on, weekday=True)}：{r.stop_reason}，停止计时。"
    if isinstance(stop, Replied | Closed) and r.due is not None:
        line += "超过答复期限。" if r.overdue else "在答复期限内。"
    return [line]
