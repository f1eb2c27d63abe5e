"""Table 三 from the cases: every cell, carry-over both ways, and H1–H5 of the report validator."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.cases.actions.closing import withdraw_application
from gongkai.cases.actions.fees import approve_fee, propose_fee, record_fee_payment, send_fee_notice
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import Application
from gongkai.cases.reporting import fee_facts_for, table3_for
from gongkai.core.report.schema import Cell, Report
from gongkai.core.vocabulary import (
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    ApplicantKind,
    Outcome,
    RemedyKind,
)

pytestmark = pytest.mark.django_db
D = dt.date
COL = {k: i for i, k in enumerate(TABLE3_COLUMNS)}


def as_report(agency, year, table):
    notices, noticed, collected = fee_facts_for(agency, year)
    report = Report(year=year, agency=agency.name)
    report.table3 = {key: [Cell(v) for v in values] for key, values in table.items()}
    report.table4 = {k.value: [Cell(0) for _ in TABLE4_COLUMNS] for k in RemedyKind}
    report.fees.notices, report.fees.noticed_total_yuan, report.fees.collected_yuan = Cell(notices), Cell(noticed), Cell(collected)
    return report


def hard_errors(report):
    from gongkai.core.report.validate import validate

    return [f for f in validate(report, rules=["H1", "H2", "H3", "H4", "H5"]) if f.severity == "error"]


def test_a_year_of_cases_fills_the_table(cast, register, clock, agency_ready):
    # 2025: one case carried over into 2026, one decided in 2025.
    clock.to(D(2025, 12, 1))
    carried = register(on=D(2025, 12, 1))
    decided_2025 = register(on=D(2025, 12, 2))
    clock.to(D(2025, 12, 10))
    withdraw_application(decided_2025, acting_user=cast.handler_a)
    # 2026: an organisation's case disclosed, a natural person's refused, one still open at year end.
    org = register(on=D(2026, 3, 2), applicant_kind="legal_service", applicant_name="某律师事务所", id_type="uscc",
                   id_number=_uscc())
    person = register(on=D(2026, 3, 2))
    still_open = register(on=D(2026, 11, 2))
    pending = register(channel="fax", on=D(2026, 11, 3))  # never confirmed: not counted
    clock.to(D(2026, 3, 10))
    draft_reply(org, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="提供。")
    approve_reply(org, acting_user=cast.reviewer_a)
    draft_reply(person, acting_user=cast.handler_a, outcome=Outcome.DENY_PROCESS_INFO, body="属于过程稿。")
    approve_reply(person, acting_user=cast.reviewer_a)
    draft_reply(carried, acting_user=cast.handler_a, outcome=Outcome.PARTIAL, body="部分。", withheld="个人信息")
    approve_reply(carried, acting_user=cast.reviewer_a)
    assert still_open.is_open and pending.received_on is None

    t25 = table3_for(cast.dept_a, 2025)
    assert t25["R1"] == [2, 0, 0, 0, 0, 0, 2]
    assert t25["R3f3"][COL["total"]] == 1 and t25["R4"][COL["total"]] == 1
    t26 = table3_for(cast.dept_a, 2026)
    assert t26["R2"] == t25["R4"]  # Y1: this year's carry-in is last year's carry-out
    assert t26["R1"][COL["natural_person"]] == 2 and t26["R1"][COL["legal_service"]] == 1
    assert t26["R3a"][COL["legal_service"]] == 1
    assert t26["R3c6"][COL["natural_person"]] == 1
    assert t26["R3b"][COL["natural_person"]] == 1  # the carried-over case, decided in 2026
    assert t26["R3g"][COL["total"]] == 3
    assert t26["R4"][COL["total"]] == 1  # still_open
    assert len(t26) == 25 and all(len(v) == 7 for v in t26.values())
    assert hard_errors(as_report(cast.dept_a, 2026, t26)) == []
    assert hard_errors(as_report(cast.dept_a, 2025, t25)) == []
    t26["R1"][COL["natural_person"]] += 1  # the check is not vacuous: a wrong cell is caught
    assert {f.rule for f in hard_errors(as_report(cast.dept_a, 2026, t26))} >= {"H1", "H2"}


def _uscc():
    from .conftest import uscc

    return uscc("24681357")


def test_fee_facts(cast, register, clock):
    case = register()
    propose_fee(case, acting_user=cast.handler_a, method="per_volume", pages=40, reason="复制40页")
    approve_fee(case, acting_user=cast.head_a)
    send_fee_notice(case, acting_user=cast.handler_a)
    clock.to(D(2026, 3, 5))
    record_fee_payment(case, acting_user=cast.handler_a, amount_yuan="100")
    assert fee_facts_for(cast.dept_a, 2026) == (1, Decimal(100), Decimal(100))
    assert fee_facts_for(cast.dept_a, 2025) == (0, Decimal(0), Decimal(0))


# -- property: any history of cases gives a table that passes H1–H5 -----------------------------------

KINDS = [k.value for k in ApplicantKind]
OUTCOMES = [o.value for o in Outcome]
history = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.one_of(st.none(), st.dates(D(2024, 6, 1), D(2026, 12, 31))),  # received (None = never confirmed)
        st.one_of(st.none(), st.integers(0, 500)),  # days until decided (None = still open)
        st.sampled_from(OUTCOMES),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(history=history, year=st.sampled_from([2024, 2025, 2026]))
def test_any_history_passes_the_hard_checks(cast, history, year):
    Application.objects.all().delete()
    rows = []
    for i, (kind, received, delay, outcome) in enumerate(history):
        decided = received + dt.timedelta(days=delay) if received and delay is not None else None
        rows.append(Application(
            agency=cast.dept_a, year=2026, seq=i + 1, tracking_hash=f"h{i}", tracking_factor_hash="x",
            applicant_kind=kind, applicant_name="某", id_type="other", id_number=str(i), applicant_key=str(i),
            info_title="t", provide_form="paper", delivery="post", channel="in_person",
            submitted_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), received_on=received,
            status="closed" if decided else "open", outcome=outcome if decided else "", decided_on=decided,
        ))
    Application.objects.bulk_create(rows)
    table = table3_for(cast.dept_a, year)
    assert set(table) == {r.key for r in TABLE3_ROWS}
    assert hard_errors(as_report(cast.dept_a, year, table)) == []
    counted = [r for r in rows if r.received_on and r.received_on.year <= year
               and (r.decided_on is None or r.decided_on.year >= year)]
    assert table["R1"][-1] + table["R2"][-1] == len(counted)
