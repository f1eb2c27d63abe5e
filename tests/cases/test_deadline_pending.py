"""「期限待定」: a case received 2026-12-04 while 2027 is not entered (docs/law.md §9.3).

The certain due date is unknown; a provisional one (statutory holidays, no 调休) sorts the case,
ages it (即将到期 / 已逾期) and reminds the handler — and never appears in a document."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.cases import clock as case_clock
from gongkai.cases.models import Application

pytestmark = pytest.mark.django_db
D = dt.date


def remind():
    mail.outbox.clear()
    call_command("remind", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return [m for m in mail.outbox if "答复期限" in m.subject]


def test_a_case_in_december_has_a_provisional_due_date_that_sorts_and_reminds(cast, register, clock):
    cast.handler_a.email = "zhang@kxj.example"
    cast.handler_a.save()
    early = register(on=D(2026, 11, 2))  # due 2026-11-30, certain
    late = register(on=D(2026, 12, 4))
    late.handler = cast.handler_a
    late.save()
    assert late.due_date is None and late.clock_unknown_year
    # 12/7–12/31: 19 working days; 2027-01-01 is 元旦 → Monday 2027-01-04 (预计)
    assert late.provisional_due == D(2027, 1, 4) == late.sort_due
    result = case_clock.compute(late)
    assert result.is_provisional and any("预计（2027年安排未录入）" in line for line in result.proof)
    order = list(Application.objects.filter(pk__in=[early.pk, late.pk]).order_by("sort_due").values_list("pk", flat=True))
    assert order == [early.pk, late.pk]

    clock.to(D(2026, 12, 29))  # three working days before the provisional date
    soon = remind()
    assert [m.to for m in soon if late.number in m.subject] == [["zhang@kxj.example"]]
    mail_ = next(m for m in soon if late.number in m.subject)
    assert "即将到期" in mail_.subject and "预计答复期限（2027年安排未录入，期限待定）" in mail_.subject
    assert "2027年1月4日" in mail_.body
    assert remind() == []  # once


def test_the_state_filter_never_counts_a_pending_date_as_normal(cast, register, clock):
    from gongkai.cases import states

    certain = register(on=D(2026, 11, 30))  # due 2026-12-28
    pending = register(on=D(2026, 12, 4))
    day = states.Day.of(D(2026, 12, 4))
    qs = Application.objects.all()
    assert list(states.in_state(qs, "normal", day)) == [certain]
    assert list(states.in_state(qs, "undetermined", day)) == [pending]
    assert states.state_of(pending, day).label == "期限待定"
    assert states.state_of(pending, states.Day.of(D(2026, 12, 30))).key == "due_soon"
