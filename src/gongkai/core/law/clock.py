"""The statutory clock of an application (依申请公开), as a pure function of the case's events.

Rules (《政府信息公开条例》2019; the project's legal notes: docs/law.md):

- 第三十一条: the receipt date depends on the channel (`receipt.receipt_date`); `Received.on` is it.
- Counting: the receipt day is not counted; N working days end on the N-th working day after it
  (docs/law.md §6.2, by analogy with 民法典第二百零一条).
- 第三十条: 补正告知 within 7 working days of receipt, once (一次性告知); 「答复期限自行政机关收到补正的
  申请之日起计算」 — the 20-day clock restarts from the day the corrected application arrives.
  While the agency waits for the 补正 no reply clock runs (state WAITING). 「申请人无正当理由逾期不补正
  的，视为放弃申请」 → `CorrectionExpired` stops the case.
- 第三十三条第二款: reply within 20 working days; an extension needs the head's approval and notice
  to the applicant, at most 20 working days in all (counted on from the original due date [D]).
- 第三十三条第三款: 「行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内」 — the reply
  clock pauses from the day after the 征求意见书 is dispatched up to and including the day the answer
  arrives (the clock resumes the next day, as after a 补正). Where the 条例 gives the other side a
  limit — the third party (第三十二条) and the co-producing agency (第三十四条): 15 working days *from the
  day it receives the 征求意见书* — the pause ends at the latest when that limit ends; silence then means
  「由行政机关依照本条例的规定决定是否公开」 (第三十二条) or 「视为同意公开」 (第三十四条 only). Other
  agencies consulted (e.g. the 保密 authority, 第十七条) have no statutory limit: the pause lasts until
  their answer, and the clock warns after 15 working days. The receipt day is recorded, or presumed
  by channel (`consultation_receipt`).
- Fees (第四十二条, 国办函〔2020〕109号第六条): the applicant pays within 20 working days counted from the day
  after receiving the 收费通知; unpaid → 视为放弃申请 (`FeeExpired` stops the case). Nothing may be provided
  before payment, so the reply clock pauses from the day after the notice is sent to the day of payment
  (at most to the end of the payment window) — an agency is never overdue because an applicant has not
  paid yet (docs/law.md §9.2; README 法律参数).
- 第三十五条: for unreasonably many/frequent applications the agency may set a reasonable later
  deadline (`CustomDeadlineSet`), which replaces the 第三十三条 date.

`compute_clock` returns the due date, the state, the working days left and a Chinese proof.
A deadline that runs into a year whose 节假日安排 nobody entered is reported (`unknown_year`,
`due=None`, a warning), never stated; `provisional_due` estimates it from the statutory holidays
(`provisional.py`) for staff, labelled 「预计（YYYY年安排未录入）」.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from gongkai.core.vocabulary import Choice, ConsultationKind, Outcome

from .calendar import UnknownCalendarYear, WorkCalendar, fmt_date, fmt_range
from .receipt import Channel, consultation_receipt, receipt_rule

REPLY_WORKING_DAYS = 20  # 第三十三条第二款
EXTENSION_MAX_WORKING_DAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKING_DAYS = 7  # 第三十条
CONSULTATION_WORKING_DAYS = 15  # 第三十二条, 第三十四条
FEE_PAYMENT_WORKING_DAYS = 20  # 109号第六条

_ONE = timedelta(days=1)


class ClockState(Choice):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "暂停计时"
    STOPPED = "stopped", "已停止"
    WAITING = "waiting", "等待申请人补正"


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
    """征求意见书 dispatched. `received_on`: when the other side got it (its 15 working days run from
    then, 第三十二条/第三十四条); when not recorded it is presumed from `channel`
    (`receipt.consultation_receipt`: by hand or electronically the same day; by post unknown until
    the 回执 is recorded; no channel recorded: the dispatch day)."""

    ref: str = ""
    kind: ConsultationKind | str = ConsultationKind.THIRD_PARTY
    received_on: date | None = None
    channel: str = ""


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
    """Not paid in time: 视为放弃申请 (109号, docs/law.md §3.2)."""


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
    # Estimates for a year nobody entered (provisional.py): staff guidance only, never in a document.
    provisional_due: date | None = None
    provisional_days_left: int | None = None
    provisional_overdue: bool = False
    provisional_deadlines: dict[str, date] = field(default_factory=dict)
    provisional_years: tuple[int, ...] = ()
    _explain: Any = field(default=None, repr=False, compare=False)
    _proof: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def is_provisional(self) -> bool:
        """No certain due date, but an estimate: the case is 「期限待定」."""
        return self.due is None and self.provisional_due is not None

    @property
    def effective_due(self) -> date | None:
        """The due date to sort and remind by: the certain one, else the estimate."""
        return self.due if self.due is not None else self.provisional_due

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


@dataclass
class _Consultation:
    ref: str
    kind: ConsultationKind
    sent: date
    received_on: date | None  # the other side's receipt of the 征求意见书 (recorded or presumed)
    receipt_note: str  # how the receipt day was established
    window_end: date | None  # 第三十二条/第三十四条: 15 working days from receipt; None: no limit / not known
    end: date | None = None
    how: str = ""  # answered | expired

    @property
    def label(self) -> str:
        return self.kind.activity if self.ref.startswith("#") else f"{self.kind.activity}「{self.ref}」"


@dataclass
class _Fee:
    sent: date
    received: date
    deadline: date | None
    paid: date | None = None


@dataclass
class _Facts:
    """What the events say, folded in date order (step 1 of `compute_clock`)."""

    received: Received
    start: date
    restarted_on: date | None = None
    requests: list[CorrectionRequested] = field(default_factory=list)
    waiting: bool = False
    consultations: dict[str, _Consultation] = field(default_factory=dict)
    extensions: list[ExtensionApproved] = field(default_factory=list)
    fee: _Fee | None = None
    custom: CustomDeadlineSet | None = None
    stop: Event | None = None
    ignored_after_stop: int = 0
    warnings: list[str] = field(default_factory=list)
    deadlines: dict[str, date | None] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)


class _Counter:
    """Working-day arithmetic that records, instead of raising, the years nobody entered."""

    def __init__(self, calendar: WorkCalendar, unknown: list[int]):
        self.calendar, self.unknown = calendar, unknown

    def add(self, start: date, n: int) -> date | None:
        try:
            return self.calendar.add_working_days(start, n)
        except UnknownCalendarYear as exc:
            self.unknown.append(exc.year)
            return None


def _fold_events(evs: list[Event], calendar: WorkCalendar) -> _Facts:
    """Step 1: read the events in order into `_Facts` (deadlines of the sub-periods, warnings)."""
    facts: _Facts | None = None
    for e in evs:
        if facts is not None and facts.stop is not None:
            facts.ignored_after_stop += 1
            continue
        if isinstance(e, Received):
            if facts is not None:
                facts.warnings.append(
                    f"收到申请事件重复（{fmt_date(e.on)}），以第一次{fmt_date(facts.received.on)}为准。"
                )
                continue
            facts = _Facts(received=e, start=e.on)
            facts.deadlines["correction_notice"] = _Counter(calendar, facts.unknown).add(
                e.on, CORRECTION_NOTICE_WORKING_DAYS
            )
            continue
        if facts is None:
            raise ValueError("缺少「收到申请」事件，或有事件早于收到申请之日，无法计算期限。")
        handler = _HANDLERS.get(type(e))
        if handler is None:
            raise ValueError(f"无法识别的事件类型：{type(e).__name__}")
        handler(facts, e, _Counter(calendar, facts.unknown))
    if facts is None:
        raise ValueError("缺少「收到申请」事件，无法计算期限。")
    if facts.ignored_after_stop:
        facts.warnings.append(f"案件办结后又记录了{facts.ignored_after_stop}个事件，已忽略。")
    return facts


def _on_correction_requested(f: _Facts, e: CorrectionRequested, c: _Counter) -> None:
    f.requests.append(e)
    f.waiting = True
    if e.due is not None:
        f.deadlines["correction"] = e.due


def _on_correction_received(f: _Facts, e: CorrectionReceived, c: _Counter) -> None:
    if not f.waiting:
        f.warnings.append(f"{fmt_date(e.on)}收到补正，但此前没有补正告知记录；仍按第三十条自该日重新计算答复期限。")
    f.waiting = False
    f.start = f.restarted_on = e.on


def _on_correction_expired(f: _Facts, e: CorrectionExpired, c: _Counter) -> None:
    if not f.waiting:
        f.warnings.append(f"{fmt_date(e.on)}记录逾期未补正，但本案当时并未等待补正。")
    due_c = f.deadlines.get("correction")
    if due_c is not None and e.on <= due_c:
        f.warnings.append(f"补正期限（{fmt_date(due_c)}）尚未届满即按逾期未补正处理。")
    f.stop = e


def _on_consultation_sent(f: _Facts, e: ConsultationSent, c: _Counter) -> None:
    ref = e.ref or f"#{len(f.consultations) + 1}"
    if ref in f.consultations:
        f.warnings.append(f"征求意见「{ref}」重复发送，以第一次为准。")
        return
    kind = ConsultationKind(e.kind)
    got, note = consultation_receipt(e.on, e.channel, e.received_on)
    window_end = c.add(got, CONSULTATION_WORKING_DAYS) if kind.has_window and got is not None else None
    f.consultations[ref] = _Consultation(ref, kind, e.on, got, note, window_end)
    if kind.has_window:
        f.deadlines[f"consultation:{ref}"] = window_end


def _on_consultation_result(f: _Facts, e: ConsultationAnswered | ConsultationExpired, c: _Counter) -> None:
    k = f.consultations.get(e.ref)
    if k is None:
        f.warnings.append(f"{fmt_date(e.on)}记录了征求意见「{e.ref}」的结果，但没有相应的征求意见书记录，已忽略。")
        return
    if k.end is None:
        k.end = e.on
        k.how = "answered" if isinstance(e, ConsultationAnswered) else "expired"


def _on_extension(f: _Facts, e: ExtensionApproved, c: _Counter) -> None:
    if e.days <= 0:
        f.warnings.append(f"{fmt_date(e.on)}的延期天数（{e.days}）无效，已忽略。")
        return
    f.extensions.append(e)


def _on_fee_notice(f: _Facts, e: FeeNoticeSent, c: _Counter) -> None:
    if f.fee is not None:
        f.warnings.append("已发出过收费通知，重复的收费通知已忽略。")
        return
    got = e.received_on or e.on
    # 109号第六条:「申请人应当在收到收费通知次日起20个工作日内缴纳费用」: the receipt day is day 0.
    f.fee = _Fee(e.on, got, c.add(got, FEE_PAYMENT_WORKING_DAYS))
    f.deadlines["fee_payment"] = f.fee.deadline


def _on_fee_paid(f: _Facts, e: FeePaid, c: _Counter) -> None:
    if f.fee is None:
        f.warnings.append(f"{fmt_date(e.on)}记录缴费，但没有收费通知记录。")
        return
    f.fee.paid = e.on
    if f.fee.deadline is not None and e.on > f.fee.deadline:
        f.warnings.append(f"缴费日期{fmt_date(e.on)}晚于缴费期限{fmt_date(f.fee.deadline)}。")


def _on_fee_expired(f: _Facts, e: FeeExpired, c: _Counter) -> None:
    if f.fee is None:
        f.warnings.append(f"{fmt_date(e.on)}按逾期未缴费处理，但没有收费通知记录。")
    elif f.fee.deadline is not None and e.on <= f.fee.deadline:
        f.warnings.append(f"缴费期限（{fmt_date(f.fee.deadline)}）尚未届满即按逾期未缴费处理。")
    f.stop = e


def _on_custom_deadline(f: _Facts, e: CustomDeadlineSet, c: _Counter) -> None:
    if e.due is None:
        f.warnings.append("第三十五条延迟答复未写明答复期限，已忽略。")
        return
    f.custom = e


def _on_stop(f: _Facts, e: Event, c: _Counter) -> None:
    f.stop = e


_HANDLERS: dict[type, Any] = {
    CorrectionRequested: _on_correction_requested,
    CorrectionReceived: _on_correction_received,
    CorrectionExpired: _on_correction_expired,
    ConsultationSent: _on_consultation_sent,
    ConsultationAnswered: _on_consultation_result,
    ConsultationExpired: _on_consultation_result,
    ExtensionApproved: _on_extension,
    FeeNoticeSent: _on_fee_notice,
    FeePaid: _on_fee_paid,
    FeeExpired: _on_fee_expired,
    CustomDeadlineSet: _on_custom_deadline,
    Replied: _on_stop,
    Withdrawn: _on_stop,
    Closed: _on_stop,
}


def _check_correction_notice(f: _Facts) -> None:
    """Step 2 — 第三十条: one notice, within 7 working days of receipt."""
    cn_due = f.deadlines.get("correction_notice")
    if not f.requests:
        return
    first = f.requests[0]
    if cn_due is not None and first.on > cn_due:
        f.warnings.append(
            f"补正告知日期{fmt_date(first.on)}晚于第三十条规定的期限{fmt_date(cn_due)}（收到申请之日起7个工作日）。"
        )
    if len(f.requests) > 1:
        f.warnings.append(f"第三十条要求一次性告知补正事项，本案已{len(f.requests)}次要求补正。")


def _consultation_pause(f: _Facts, k: _Consultation, horizon: date, today: date, cal: WorkCalendar) -> Pause:
    """第三十三条第三款: from the day after dispatch to the day the answer arrives, at most to the end of
    the other side's 15 working days where the 条例 sets them (第三十二条, 第三十四条)."""
    running = f.stop is None
    if k.end is not None:
        until = min(k.end, k.window_end) if k.window_end is not None else k.end
        return Pause(k.sent, max(until, k.sent), k.label, False, k.window_end)
    if k.window_end is not None and horizon >= k.window_end:
        if running:
            f.warnings.append(
                f"{k.label}已于{fmt_date(k.window_end)}期满未收到意见，暂停已结束；请记录征求意见结果（{k.kind.silence}）。"
            )
        return Pause(k.sent, k.window_end, k.label, False, k.window_end)
    if running and k.kind.has_window and k.received_on is None:
        f.warnings.append(
            f"{k.label}以邮寄方式送达，对方收到之日尚未登记：15个工作日自对方收到征求意见书之日起计算"
            f"（{k.kind.article}），请按邮件回执登记签收日期。"
        )
    if running and not k.kind.has_window:
        try:
            waited = cal.working_days_between(k.sent, today)
        except UnknownCalendarYear:
            waited = 0
        if waited > CONSULTATION_WORKING_DAYS:
            f.warnings.append(
                f"{k.label}已暂停计时{waited}个工作日：条例未规定其他机关的答复期限，暂停持续至收到意见，请督促对方答复。"
            )
    return Pause(k.sent, max(horizon, k.sent), k.label, running, k.window_end)


def _fee_pause(f: _Facts, fee: _Fee, horizon: date, today: date) -> Pause:
    """109号第六条 (docs/law.md §9.2): from the day after the 收费通知 is sent to the day of payment
    the reply clock does not run — nothing may be provided before payment, and an unpaid fee ends the
    application (视为放弃申请). At most to the end of the payment window."""
    reason = "等待申请人缴纳信息处理费"
    if fee.paid is not None:
        until = min(fee.paid, fee.deadline) if fee.deadline is not None else fee.paid
        return Pause(fee.sent, max(until, fee.sent), reason, False, fee.deadline)
    if fee.deadline is not None and horizon >= fee.deadline:
        return Pause(fee.sent, fee.deadline, reason, False, fee.deadline)
    return Pause(fee.sent, max(horizon, fee.sent), reason, f.stop is None, fee.deadline)


def _collect_pauses(f: _Facts, horizon: date, today: date, cal: WorkCalendar) -> list[Pause]:
    """Step 3: the intervals in which the reply clock does not run."""
    pauses = [_consultation_pause(f, k, horizon, today, cal) for k in f.consultations.values()]
    fee = f.fee
    if fee is not None:
        pauses.append(_fee_pause(f, fee, horizon, today))
        if fee.paid is None and f.stop is None and fee.deadline is not None and today > fee.deadline:
            f.warnings.append(
                f"缴费期限{fmt_date(fee.deadline)}已届满仍未缴费：逾期未缴纳的视为放弃申请（109号第六条），请作相应处理。"
            )
    if f.waiting and f.stop is None and f.deadlines.get("correction") and today > f.deadlines["correction"]:
        f.warnings.append(
            f"申请人补正期限{fmt_date(f.deadlines['correction'])}已过：无正当理由逾期不补正的，视为放弃申请（第三十条）。"
        )
    return pauses


def _counted_working_days(f: _Facts) -> tuple[int, int, int]:
    """Step 4 — 第三十三条第二款: 20 working days, plus one extension of at most 20 in all.
    Returns (n, counted extension, recorded extension total)."""
    ext_total = sum(x.days for x in f.extensions)
    ext_counted = min(ext_total, EXTENSION_MAX_WORKING_DAYS)
    if len(f.extensions) > 1:
        f.warnings.append(f"第三十三条第二款的延期只能经负责人同意一次，本案记录了{len(f.extensions)}次延期。")
    if ext_total > EXTENSION_MAX_WORKING_DAYS:
        f.warnings.append(
            f"延期合计{ext_total}个工作日，超过第三十三条第二款规定的最长20个工作日，按20个工作日计算。"
        )
    return REPLY_WORKING_DAYS + ext_counted, ext_counted, ext_total


def _statutory_due(f: _Facts, cal: WorkCalendar, n: int, pauses: list[Pause]) -> tuple[date | None, int]:
    """Step 5: the 第三十三条 due date with the pauses, or None while waiting for a 补正 or when the
    count runs into a year nobody entered (recorded in `f.unknown`)."""
    if f.waiting:  # 第三十条: no reply clock runs until the 补正 arrives
        return None, 0
    intervals = [(p.after, p.until) for p in pauses]
    try:
        due, paused_days = due_with_pauses(cal, f.start, n, intervals)
        if f.extensions:
            base_due, _ = due_with_pauses(cal, f.start, REPLY_WORKING_DAYS, intervals)
            late = [x for x in f.extensions if x.on > base_due]
            if late:
                f.warnings.append(
                    f"延期决定日期{fmt_date(late[0].on)}晚于原答复期限{fmt_date(base_due)}，延期应在原期限内作出并告知申请人。"
                )
    except UnknownCalendarYear as exc:
        f.unknown.append(exc.year)
        return None, 0
    if any(p.pending for p in pauses):
        # The pause may last until the other side's window ends: say now if that runs into an
        # unentered year, rather than on the day it happens.
        worst = [(p.after, p.window_end if p.pending and p.window_end else p.until) for p in pauses]
        try:
            due_with_pauses(cal, f.start, n, worst)
        except UnknownCalendarYear as exc:
            f.warnings.append(
                f"如暂停持续至对方答复期限届满，答复期限将进入{exc.year}年，而该年节假日安排尚未录入，届时将无法计算。"
            )
    return due, paused_days


def _stop_reason(stop: Event | None) -> tuple[str, Outcome | None]:
    if isinstance(stop, Replied):
        return "已答复", None
    if isinstance(stop, Withdrawn):
        return "申请人撤回申请", Outcome.OTHER
    if isinstance(stop, Closed):
        return stop.reason or "已办结", None
    if isinstance(stop, CorrectionExpired):
        return "逾期不补正，视为放弃申请（第三十条）", Outcome.ABANDONED_NO_CORRECTION
    if isinstance(stop, FeeExpired):
        return "逾期未缴纳信息处理费，视为放弃申请（109号第六条）", Outcome.ABANDONED_NO_FEE
    return "", None


def _compute(evs: list[Event], calendar: WorkCalendar, today: date) -> ClockResult:
    facts = _fold_events(evs, calendar)  # 1. read the events
    _check_correction_notice(facts)  # 2. 第三十条
    stop = facts.stop
    horizon = stop.on if stop is not None else today
    pauses = _collect_pauses(facts, horizon, today, calendar)  # 3. 第三十三条第三款, 109号
    state = ClockState.STOPPED if stop is not None else ClockState.WAITING if facts.waiting else ClockState.RUNNING
    if state is ClockState.RUNNING and any(p.pending for p in pauses):
        state = ClockState.PAUSED
    n, ext_counted, ext_total = _counted_working_days(facts)  # 4. 第三十三条第二款
    statutory_due, paused_days = _statutory_due(facts, calendar, n, pauses)  # 5. the due date

    # 6. 第三十五条 replaces the statutory date; an unknown year leaves no date at all
    deadlines = facts.deadlines
    due = statutory_due
    if facts.custom is not None and not facts.waiting:
        due = facts.custom.due
        deadlines["reply_statutory"] = statutory_due
    deadlines["reply"] = due
    unknown_year = min(facts.unknown) if facts.unknown else None
    if unknown_year is not None:
        facts.warnings.append(str(UnknownCalendarYear(unknown_year, calendar.name)))
        if facts.custom is None:
            due = None
            deadlines["reply"] = None

    # 7. days left, overdue
    days_left: int | None = None
    overdue = False
    if due is not None and state in (ClockState.RUNNING, ClockState.PAUSED):
        overdue = today > due
        try:
            days_left = calendar.working_days_between(today, due)
        except UnknownCalendarYear as exc:
            facts.warnings.append(str(exc))
    elif due is not None and isinstance(stop, Replied | Closed):
        overdue = stop.on > due

    stop_reason, outcome_hint = _stop_reason(stop)
    result = ClockResult(
        state=state, due=due, days_left=days_left, overdue=overdue, deadlines=deadlines,
        warnings=facts.warnings, unknown_year=unknown_year, received_on=facts.received.on,
        clock_start=facts.start, working_days=n, extension_days=ext_counted, paused_days=paused_days,
        pauses=pauses, stopped_on=stop.on if stop is not None else None, stop_reason=stop_reason,
        outcome_hint=outcome_hint,
    )
    ctx = {"facts": facts, "ext_total": ext_total, "statutory_due": statutory_due, "today": today}
    result._explain = lambda: _proof(result, calendar, ctx)
    return result


#: How many years after the last entered one a provisional calendar covers.
PROVISIONAL_YEARS_AHEAD = 2


def _add_provisional(result: ClockResult, evs: list[Event], calendar: WorkCalendar, today: date) -> None:
    """When a deadline needs a year nobody entered, estimate it from the statutory holidays
    (`provisional.py`) — for sorting, states and reminders only, never for a document."""
    entered = calendar.known_years - calendar.provisional_years
    if not entered or result.unknown_year is None or result.unknown_year <= max(entered):
        return  # a gap inside the entered years, or years before them: no estimate
    guess_cal = calendar.provisional_extension(max(today.year, max(entered)) + PROVISIONAL_YEARS_AHEAD)
    try:
        guess = _compute(evs, guess_cal, today)
    except UnknownCalendarYear:  # pragma: no cover - the extension covers every year the count needs
        return
    result.provisional_years = tuple(sorted(guess_cal.provisional_years))
    result.provisional_deadlines = {
        k: v for k, v in guess.deadlines.items() if v is not None and result.deadlines.get(k) is None
    }
    if result.due is None and guess.due is not None:
        result.provisional_due = guess.due
        result.provisional_days_left = guess.days_left
        result.provisional_overdue = guess.overdue


def compute_clock(
    events: Iterable[Event],
    calendar: WorkCalendar,
    today: date,
    *,
    provisional: bool = True,
) -> ClockResult:
    """Current state of the statutory clock, in steps: fold the events (`_fold_events`), check the
    补正 notice (第三十条), collect the pauses (第三十三条第三款, 109号), count the working days
    (第三十三条第二款), find the due date, apply 第三十五条, and count the days left.

    When the count needs a year nobody entered, `due` is None and, with `provisional`,
    `provisional_due` estimates it from 《全国年节及纪念日放假办法》 (see `provisional.py`)."""
    # Same-day events in their logical order (receipt first, closing last), so the result does not
    # depend on the order the caller lists them in.
    evs = sorted(events, key=lambda e: (e.on, _RANK.get(type(e), 4)))
    if calendar.provisional_years:
        raise ValueError("compute_clock 须使用已录入的工作日历；预计日期由 provisional 参数另行计算。")
    result = _compute(evs, calendar, today)
    if provisional:
        _add_provisional(result, evs, calendar, today)
    return result


# -- the proof ---------------------------------------------------------------------------------


def _proof(r: ClockResult, cal: WorkCalendar, ctx: dict[str, Any]) -> list[str]:
    f: _Facts = ctx["facts"]
    lines: list[str] = []
    received = f.received
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
    for i, req in enumerate(f.requests):
        once = "一次性" if i == 0 else f"第{i + 1}次"
        extra = f"，补正期限至{fmt_date(req.due)}" if req.due else ""
        lines.append(f"{fmt_date(req.on)}{once}告知申请人补正{extra}；答复期限停止计算，等待申请人补正（第三十条）。")
    if f.restarted_on is not None:
        lines.append(
            f"{fmt_date(f.restarted_on, weekday=True)}收到补正后的申请，答复期限自该日起重新计算"
            f"（第三十条：答复期限自行政机关收到补正的申请之日起计算）。"
        )
    if f.waiting and r.stopped_on is None:
        lines.append("目前等待申请人补正，答复期限尚未开始计算；收到补正后自该日起重新计算20个工作日。")
        return lines + _stop_lines(r, f.stop) + [f"注意：{w}" for w in r.warnings]

    start = r.clock_start
    assert start is not None
    basis = "第三十三条第二款：自收到申请之日起20个工作日内予以答复"
    if r.extension_days:
        basis += f"；经政府信息公开工作机构负责人同意延长{r.extension_days}个工作日"
    lines.append(f"答复期限：计算起点{fmt_date(start)}后{r.working_days}个工作日（{basis}）。")
    for x in f.extensions:
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
    for k in f.consultations.values():
        lines.append(_consultation_line(k))
    for p in r.pauses:
        lines.extend(_pause_lines(p, cal, start, end))
    if statutory_due is not None:
        lines.append(
            f"期限届满日：{fmt_date(statutory_due, weekday=True)}，为起点后第{r.working_days}个计入的工作日"
            + (f"（另有{r.paused_days}个工作日因暂停不计入）" if r.paused_days else "")
            + "。"
        )
    custom = f.custom
    if custom is not None:
        why = f"，理由：{custom.reason}" if custom.reason else ""
        lines.append(
            f"{fmt_date(custom.on)}依据第三十五条确定延迟答复的合理期限为{fmt_date(custom.due, weekday=True)}并告知申请人{why}；"
            f"以该日为答复期限。"
        )
    fee = f.fee
    if fee is not None:
        lines.append(
            f"{fmt_date(fee.sent)}发出收费通知，申请人{fmt_date(fee.received)}收到；应自收到次日起20个工作日内缴费"
            + (f"，即{fmt_date(fee.deadline, weekday=True)}前" if fee.deadline else "")
            + "，逾期未缴纳的视为放弃申请（109号第六条）。"
        )
        if fee.paid is not None:
            lines.append(f"{fmt_date(fee.paid)}缴纳信息处理费。")
    if r.unknown_year is not None:
        lines.append(f"{r.unknown_year}年的节假日安排尚未录入，期限无法确定（不按仅排除周末的方式推算）。")
    if r.provisional_due is not None:
        lines.append(provisional_line(r))
    if r.state in (ClockState.RUNNING, ClockState.PAUSED) and r.due is not None and r.days_left is not None:
        today = ctx["today"]
        if r.days_left > 0:
            lines.append(f"截至{fmt_date(today)}，剩余{r.days_left}个工作日。")
        elif r.days_left == 0:
            lines.append(f"今日（{fmt_date(today)}）为答复期限最后一日。")
        else:
            lines.append(f"截至{fmt_date(today)}，已超过答复期限{-r.days_left}个工作日。")
    lines.extend(_stop_lines(r, f.stop))
    lines.extend(f"注意：{w}" for w in r.warnings)
    return lines


def provisional_label(r: ClockResult) -> str:
    """「预计（2027年安排未录入）」 — the label every provisional date carries."""
    year = r.unknown_year or (r.provisional_years[0] if r.provisional_years else "")
    return f"预计（{year}年安排未录入）"


def provisional_line(r: ClockResult) -> str:
    """The proof line of an estimated due date."""
    assert r.provisional_due is not None
    return (
        f"{provisional_label(r)}：按《全国年节及纪念日放假办法》规定的法定节假日（周末休息、不含调休）推算，"
        f"答复期限约为{fmt_date(r.provisional_due, weekday=True)}；仅供内部提示和排序，不写入任何文书，"
        f"{r.unknown_year}年安排录入后以正式计算为准。"
    )


def _consultation_line(k: _Consultation) -> str:
    sent = f"{fmt_date(k.sent)}发出{k.label}的征求意见书"
    if k.received_on is None:
        got = "，对方收到之日尚未登记" if k.kind.has_window else ""
    else:
        got = f"，{k.receipt_note}{fmt_date(k.received_on)}"
    if k.kind.has_window:
        window = (
            f"；对方应自收到之日起15个工作日内提出意见（{k.kind.article}）"
            + (f"，即{fmt_date(k.window_end, weekday=True)}前" if k.window_end else "")
            + f"，逾期未提出意见的，{k.kind.silence.split('，', 1)[-1]}"
        )
    else:
        window = "；条例未规定其他机关的答复期限，暂停至收到意见之日"
    return f"{sent}{got}{window}。"


def _pause_lines(p: Pause, cal: WorkCalendar, start: date, end: date | None) -> list[str]:
    lo = max(p.after, start)
    hi = min(p.until, end) if end is not None else p.until
    try:
        k = cal.working_days_between(lo, hi) if hi > lo else 0
    except UnknownCalendarYear:
        k = 0
    art = (
        "第三十三条第三款：征求第三方和其他机关意见所需时间不计算在答复期限内" if "征求" in p.reason
        else "109号第六条：缴费前不提供信息，逾期未缴纳视为放弃申请，故缴费期间答复期限不计算"
    )
    if p.pending:
        span = f"自{fmt_date(p.after + _ONE)}起" if p.until > p.after else f"自{fmt_date(p.after)}发出后"
        if p.window_end is None:
            tail = ""
        elif "征求" in p.reason:
            tail = f"；对方答复期限至{fmt_date(p.window_end)}，届时未答复的自次日恢复计算"
        else:
            tail = f"；缴费期限至{fmt_date(p.window_end)}，逾期未缴纳的视为放弃申请"
        return [f"暂停计时：{span}{p.reason}，尚未结束（{art}）；已暂停{k}个工作日；答复期限暂按暂停至今日计算，暂停每延续一个工作日，期限顺延一个工作日{tail}。"]
    if p.until <= p.after:
        return [f"{p.reason}当日即结束，未暂停计时。"]
    return [f"暂停计时：{fmt_range(p.after + _ONE, p.until)}，{p.reason}（{art}），其间{k}个工作日不计入。"]


def _stop_lines(r: ClockResult, stop: Event | None) -> list[str]:
    if stop is None:
        return []
    line = f"{fmt_date(stop.on, weekday=True)}：{r.stop_reason}，停止计时。"
    if isinstance(stop, Replied | Closed) and r.due is not None:
        line += "超过答复期限。" if r.overdue else "在答复期限内。"
    return [line]
