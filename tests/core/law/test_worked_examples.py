"""docs/law.md §6.2 worked examples: 5 receipt dates × (+7, +15, +20, +40 working days)."""

from datetime import date

import pytest

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import ConsultationSent, ExtensionApproved, Received, compute_clock

D = date
# received_on: (+7 补正告知, +15 征求意见, +20 答复, +40 延期后最长)
WORKED = {
    D(2025, 9, 26): (D(2025, 10, 13), D(2025, 10, 23), D(2025, 10, 30), D(2025, 11, 27)),
    D(2025, 1, 24): (D(2025, 2, 10), D(2025, 2, 20), D(2025, 2, 27), D(2025, 3, 27)),
    D(2025, 12, 31): (D(2026, 1, 12), D(2026, 1, 22), D(2026, 1, 29), D(2026, 3, 4)),
    D(2026, 2, 13): (D(2026, 3, 2), D(2026, 3, 12), D(2026, 3, 19), D(2026, 4, 17)),
    D(2026, 9, 18): (D(2026, 9, 29), D(2026, 10, 15), D(2026, 10, 22), D(2026, 11, 19)),
}
CASES = [(r, n, expected[i]) for r, expected in WORKED.items() for i, n in enumerate((7, 15, 20, 40))]


@pytest.mark.parametrize(("received", "n", "expected"), CASES, ids=[f"{r}+{n}" for r, n, _ in CASES])
def test_it_adds_working_days_as_in_the_table(received, n, expected):
    assert national_calendar().add_working_days(received, n) == expected


@pytest.mark.parametrize("received", list(WORKED))
def test_the_clock_gives_the_same_deadlines(received):
    plus7, plus15, plus20, plus40 = WORKED[received]
    cal = national_calendar()
    plain = compute_clock([Received(received, "in_person")], cal, received)
    assert plain.deadlines["correction_notice"] == plus7
    assert plain.due == plain.deadlines["reply"] == plus20
    extended = compute_clock(
        [Received(received, "in_person"), ExtensionApproved(received, 20)], cal, received
    )
    assert extended.due == plus40
    consulted = compute_clock(
        [Received(received), ConsultationSent(received, "甲公司", "third_party")], cal, received
    )
    assert consulted.deadlines["consultation:甲公司"] == plus15


def test_first_row_check_from_law_md():
    """9/28 Sun is a 调休 working day = 1, …, 10/11 Sat 调休 = 6, 10/13 Mon = 7."""
    cal = national_calendar()
    r = D(2025, 9, 26)
    assert cal.add_working_days(r, 1) == D(2025, 9, 28)
    assert cal.add_working_days(r, 3) == D(2025, 9, 30)
    assert cal.add_working_days(r, 4) == D(2025, 10, 9)
    assert cal.add_working_days(r, 6) == D(2025, 10, 11)
    assert cal.add_working_days(r, 7) == D(2025, 10, 13)
