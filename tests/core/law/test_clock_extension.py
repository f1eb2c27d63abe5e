"""第三十三条第二款: extension ≤ 20 working days, with the head's approval."""

from datetime import date

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import ExtensionApproved, Received, compute_clock

D = date
CAL = national_calendar()
R = D(2025, 9, 26)


def test_extension_is_counted_on_from_the_original_due_date():
    r = compute_clock([Received(R), ExtensionApproved(D(2025, 10, 20), 10)], CAL, D(2025, 10, 20))
    assert r.due == CAL.add_working_days(D(2025, 10, 30), 10) == D(2025, 11, 13)
    assert r.extension_days == 10 and r.working_days == 30
    assert "延长答复期限10个工作日" in "\n".join(r.proof)
    assert r.warnings == []


def test_more_than_20_days_is_capped_and_flagged():
    r = compute_clock([Received(R), ExtensionApproved(D(2025, 10, 20), 25)], CAL, D(2025, 10, 20))
    assert r.due == D(2025, 11, 27)  # +40, the maximum (docs/law.md §6.2 worked examples)
    assert any("超过第三十三条第二款规定的最长20个工作日" in w for w in r.warnings)


def test_a_second_extension_is_flagged():
    events = [Received(R), ExtensionApproved(D(2025, 10, 20), 5), ExtensionApproved(D(2025, 10, 28), 5)]
    r = compute_clock(events, CAL, D(2025, 10, 28))
    assert r.extension_days == 10
    assert any("只能经负责人同意一次" in w for w in r.warnings)


def test_an_extension_after_the_due_date_is_flagged():
    r = compute_clock([Received(R), ExtensionApproved(D(2025, 11, 3), 10)], CAL, D(2025, 11, 3))
    assert any("晚于原答复期限" in w for w in r.warnings)
