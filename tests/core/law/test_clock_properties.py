"""Property tests (hypothesis) of the statutory clock on the national calendar."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import (
    ConsultationAnswered,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    Received,
    compute_clock,
)

CAL = national_calendar()
SETTINGS = settings(max_examples=200, deadline=None)

receipts = st.dates(min_value=date(2008, 1, 1), max_value=date(2025, 10, 31))


@st.composite
def consultations(draw, received):
    """0–3 consultations, each sent within 30 days of receipt and answered 0–25 days later."""
    out = []
    for i in range(draw(st.integers(0, 3))):
        sent = received + timedelta(days=draw(st.integers(0, 30)))
        out.append(ConsultationSent(sent, f"c{i}", draw(st.sampled_from(["third_party", "co_producer"]))))
        if draw(st.booleans()):
            out.append(ConsultationAnswered(sent + timedelta(days=draw(st.integers(0, 25))), f"c{i}"))
    return out


@st.composite
def cases(draw):
    received = draw(receipts)
    events = [Received(received, draw(st.sampled_from(["in_person", "online", "post_signed"])))]
    events += draw(consultations(received))
    if draw(st.booleans()):
        events.append(ExtensionApproved(received + timedelta(days=draw(st.integers(1, 30))), draw(st.integers(1, 20))))
    today = received + timedelta(days=draw(st.integers(0, 90)))
    return events, today


@SETTINGS
@given(cases())
def test_a_due_date_is_never_a_non_working_day(case):
    events, today = case
    r = compute_clock(events, CAL, today)
    assert r.due is not None
    assert CAL.is_working_day(r.due)
    for key, d in r.deadlines.items():
        assert d is None or CAL.is_working_day(d), key


@SETTINGS
@given(cases())
def test_a_due_date_is_never_earlier_than_without_pauses(case):
    events, today = case
    without = [e for e in events if not isinstance(e, ConsultationSent | ConsultationAnswered)]
    assert compute_clock(events, CAL, today).due >= compute_clock(without, CAL, today).due


@SETTINGS
@given(cases())
def test_counted_working_days_are_exactly_the_statutory_number(case):
    """Working days in (start, due] = 20 + extension + paused: nothing lost, nothing counted twice."""
    events, today = case
    r = compute_clock(events, CAL, today)
    assert CAL.working_days_between(r.clock_start, r.due) == r.working_days + r.paused_days
    # and the paused days are exactly the working days inside the pause intervals
    paused = {
        d for p in r.pauses
        for d in (p.after + timedelta(days=k) for k in range(1, (p.until - p.after).days + 1))
        if r.clock_start < d <= r.due and CAL.is_working_day(d)
    }
    assert len(paused) == r.paused_days


@SETTINGS
@given(receipts, st.integers(1, 40), st.data())
def test_restart_composes(received, gap, data):
    """A case restarted by a 补正 on day c behaves exactly like a case received on day c."""
    restart = received + timedelta(days=gap)
    later = data.draw(consultations(restart))
    today = restart + timedelta(days=data.draw(st.integers(0, 60)))
    restarted = [Received(received), CorrectionRequested(received + timedelta(days=1)), CorrectionReceived(restart)] + later
    fresh = [Received(restart)] + later
    a, b = compute_clock(restarted, CAL, today), compute_clock(fresh, CAL, today)
    assert (a.due, a.state, a.days_left, a.paused_days) == (b.due, b.state, b.days_left, b.paused_days)


@SETTINGS
@given(receipts, st.data())
def test_pauses_compose(received, data):
    """Adding a second answered consultation inside the period of the first result moves the due date
    by exactly the working days the second one pauses, whatever the order of the events."""
    first = data.draw(consultations(received))
    base = compute_clock([Received(received)] + first, CAL, received + timedelta(days=120))
    sent = received + timedelta(days=data.draw(st.integers(0, (base.due - received).days)))
    answered = sent + timedelta(days=data.draw(st.integers(0, 20)))
    second = [ConsultationSent(sent, "x"), ConsultationAnswered(answered, "x")]
    events = [Received(received)] + first + second
    both = compute_clock(events, CAL, received + timedelta(days=120))
    shuffled = compute_clock(data.draw(st.permutations(events)), CAL, received + timedelta(days=120))
    assert shuffled.due == both.due
    overlaps_first = any(p.after < answered and sent < p.until for p in base.pauses)
    first_inside = all(p.until <= base.due for p in base.pauses)  # nothing of the first lies beyond
    if not overlaps_first and first_inside and answered <= base.due:
        # The pause ends when the answer arrives, but at the latest when the third party's 15 working
        # days end (第三十二条): a late answer does not stretch it (see test_pauses_compose_counterexample).
        until = min(answered, CAL.add_working_days(sent, 15))
        extra = CAL.working_days_between(sent, until)
        assert both.due == CAL.add_working_days(base.due, extra)
    assert both.due >= base.due


def test_pauses_compose_counterexample():
    """Found by hypothesis: a third party answered on Saturday 2012-04-28, a 调休 working day, one
    working day after its 15 working days (from 2012-04-08, the presumed receipt) ended on 2012-04-27.
    The clock is right: 第三十二条 gives the third party 15 working days, so only (4/8, 4/27] is
    paused and the due date is 2012-05-24. The property was wrong: it paused up to the late answer
    (16 working days → 2012-05-25) and now caps the pause at the window like the clock."""
    received, sent, answered = date(2012, 4, 1), date(2012, 4, 8), date(2012, 4, 28)
    assert CAL.is_working_day(answered) and answered.weekday() == 5
    base = compute_clock([Received(received)], CAL, date(2012, 8, 1))
    both = compute_clock(
        [Received(received), ConsultationSent(sent, "x"), ConsultationAnswered(answered, "x")], CAL, date(2012, 8, 1)
    )
    assert both.deadlines["consultation:x"] == date(2012, 4, 27)
    assert both.paused_days == 15 == CAL.working_days_between(sent, date(2012, 4, 27))
    assert both.due == CAL.add_working_days(base.due, 15) == date(2012, 5, 24)
    assert CAL.add_working_days(base.due, CAL.working_days_between(sent, answered)) == date(2012, 5, 25)
