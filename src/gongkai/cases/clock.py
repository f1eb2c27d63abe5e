"""The bridge between a case's stored events and the law engine's statutory clock.

The clock itself (第三十条, 第三十二条–第三十五条, 109号) lives in `gongkai.core.law.clock`; this module
only translates `CaseEvent` rows into the engine's typed events, runs `compute_clock` on the stored
calendar and writes the result back onto the case (`due_date`, `clock_state`) so that the inbox can
sort and filter without recomputing 100 000 clocks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from gongkai.core.law import clock as law
from gongkai.core.law.calendar import UnknownCalendarYear, WorkCalendar
from gongkai.core.vocabulary import ConsultationKind

from .models import FAR_FUTURE, Application, CaseEvent, EventKind


def get_calendar(agency=None) -> WorkCalendar:
    """The stored calendar; with an agency, including its region's local days off."""
    from gongkai.workcal import services as workcal

    return workcal.calendar_for_agency(agency) if agency is not None else workcal.get_calendar()


def to_law_event(ev: CaseEvent):
    """One stored event as the engine's typed event (None for timeline-only entries)."""
    d = ev.data or {}
    k = ev.kind
    if k == EventKind.RECEIVED:
        return law.Received(ev.on, d.get("channel") or law.Channel.IN_PERSON)
    if k == EventKind.CORRECTION_REQUESTED:
        due = d.get("deadline")
        return law.CorrectionRequested(ev.on, dt.date.fromisoformat(due) if due else None)
    if k == EventKind.CORRECTION_RECEIVED:
        return law.CorrectionReceived(ev.on)
    if k == EventKind.CORRECTION_EXPIRED:
        return law.CorrectionExpired(ev.on)
    if k == EventKind.CONSULTATION_SENT:
        got = d.get("received_on")
        return law.ConsultationSent(ev.on, d["ref"], d.get("kind", ConsultationKind.THIRD_PARTY),
                                    received_on=dt.date.fromisoformat(got) if got else None,
                                    channel=d.get("channel", ""))
    if k == EventKind.CONSULTATION_ANSWERED:
        return law.ConsultationAnswered(ev.on, d["ref"])
    if k == EventKind.CONSULTATION_EXPIRED:
        return law.ConsultationExpired(ev.on, d["ref"])
    if k == EventKind.EXTENSION_APPROVED:
        return law.ExtensionApproved(ev.on, int(d["days"]))
    if k == EventKind.FEE_NOTICE_SENT:
        received = d.get("received_on")
        return law.FeeNoticeSent(ev.on, received_on=dt.date.fromisoformat(received) if received else None)
    if k == EventKind.FEE_PAID:
        return law.FeePaid(ev.on)
    if k == EventKind.FEE_EXPIRED:
        return law.FeeExpired(ev.on)
    if k == EventKind.CUSTOM_DEADLINE_SET:
        return law.CustomDeadlineSet(ev.on, dt.date.fromisoformat(d["due"]), d.get("reason", ""))
    if k == EventKind.REPLIED:
        return law.Replied(ev.on)
    if k == EventKind.WITHDRAWN:
        return law.Withdrawn(ev.on)
    if k == EventKind.CLOSED:
        return law.Closed(ev.on, d.get("reason", ""))
    return None


def law_events(case: Application, events=None) -> list:
    """The engine's events.

    - 第三十二条/第三十四条: the other side's 15 working days run from the day it received the 征求意见书.
      A day recorded later (e.g. from the postal 回执) replaces the one presumed at dispatch; the last
      record wins (docs/law.md §9.1).
    - A 答复书 served on paper after it was issued stops the clock on the day it was served (国办公开办函
      〔2016〕235号: 交邮之日 / 签收之日; docs/law.md §4.3): the last `REPLIED` event takes the `reply_date`
      its `DOCUMENT_SERVED` event recorded (actions/serving.py).
    """
    rows = list(events if events is not None else case.events.all().order_by("on", "id"))
    received = {
        ev.data["ref"]: ev.on
        for ev in sorted((r for r in rows if r.kind == EventKind.CONSULTATION_RECEIVED), key=lambda r: r.pk or 0)
    }
    replied = max((ev.id for ev in rows if ev.kind == EventKind.REPLIED), default=None)
    served = None
    if replied is not None:
        later = [ev for ev in rows if ev.kind == EventKind.DOCUMENT_SERVED and ev.id > replied
                 and (ev.data or {}).get("reply_date")]
        if later:
            served = dt.date.fromisoformat(min(later, key=lambda ev: ev.id).data["reply_date"])
    out = []
    for ev in rows:
        e = to_law_event(ev)
        if e is None:
            continue
        if isinstance(e, law.ConsultationSent) and e.ref in received:
            e = dataclasses.replace(e, received_on=received[e.ref])
        if served is not None and ev.id == replied:
            e = law.Replied(served)
        out.append(e)
    return out


def compute(case: Application, today: dt.date | None = None, calendar: WorkCalendar | None = None, events=None):
    """The full ClockResult of a case (proof, deadlines, warnings), or None before receipt."""
    if case.received_on is None:
        return None
    return law.compute_clock(
        law_events(case, events),
        calendar or get_calendar(case.agency),
        today or timezone.localdate(),
    )


def stored_values(result) -> dict:
    """The denormalised columns for a ClockResult (None → not started)."""
    if result is None:
        return {"due_date": None, "provisional_due": None, "sort_due": FAR_FUTURE, "clock_state": "",
                "clock_unknown_year": False}
    state = getattr(result.state, "value", result.state)
    # 「期限待定」: no certain date, but an estimate that sorts, ages and reminds like one (docs/law.md)
    provisional = result.provisional_due if result.due is None else None
    return {
        "due_date": result.due, "provisional_due": provisional, "sort_due": result.due or provisional or FAR_FUTURE,
        "clock_state": str(state), "clock_unknown_year": bool(result.unknown_year),
    }


def refresh(case: Application, today: dt.date | None = None, calendar: WorkCalendar | None = None):
    """Recompute and store the clock of one case; returns the ClockResult (or None)."""
    try:
        result = compute(case, today, calendar)
    except UnknownCalendarYear:
        values = {"due_date": None, "provisional_due": None, "sort_due": FAR_FUTURE,
                  "clock_state": case.clock_state or "running", "clock_unknown_year": True}
        result = None
    else:
        values = stored_values(result)
    Application.objects.filter(pk=case.pk).update(**values)
    for key, value in values.items():
        setattr(case, key, value)
    return result


def due_soon_limit(today: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """Today + DUE_SOON_WORKING_DAYS working days: a case due on or before it is 「即将到期」."""
    n = int(settings.GONGKAI_LAW.get("DUE_SOON_WORKING_DAYS", 3))
    return (calendar or get_calendar()).reminder_date(today, n)  # a highlight, never a date in a document



def preview_calendar_change(sender, after=None, changed_dates=(), **kwargs):
    """`workcal.signals.calendar_preview`: how many open cases' due dates a calendar change would move
    (nothing is written). A case whose date goes from 「期限待定」 to a certain date counts too."""
    from gongkai.workcal.services import calendar_with_region

    changed = sorted(set(changed_dates))
    if not changed or after is None:
        return None
    calendars: dict[int, WorkCalendar] = {}
    moved, examples = 0, []
    open_cases = Application.objects.filter(
        in_progress=True, received_on__isnull=False, received_on__lte=changed[-1]
    ).select_related("agency")
    for case in open_cases.iterator():
        if case.agency_id not in calendars:
            calendars[case.agency_id] = calendar_with_region(after, case.agency)
        try:
            result = compute(case, calendar=calendars[case.agency_id])
        except UnknownCalendarYear:
            continue
        new = result.due if result is not None else None
        if new != case.due_date:
            moved += 1
            if len(examples) < 10:
                old = case.due_date.isoformat() if case.due_date else "期限待定"
                examples.append(f"{case.number}：{old} → {new.isoformat() if new else '期限待定'}")
    return {"label": "办理中的依申请公开案件（答复期限）", "count": moved, "examples": examples}
