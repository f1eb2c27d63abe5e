"""The states of a case are defined once (`cases.states`): the database condition and the rule for one
loaded case agree, the states are exclusive, and the inbox, the counts and the statistics read them."""

import datetime as dt

import pytest

from gongkai.cases import states
from gongkai.cases.actions.consultation import send_consultation
from gongkai.cases.actions.correction import request_correction
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import Application
from gongkai.core.vocabulary import ConsultationKind, Outcome

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def one_of_each(cast, register, clock):
    """On 2026-04-01: one case in every state."""
    made = {
        "overdue": register(on=D(2026, 3, 2)),  # due 2026-03-30
        "due_soon": register(on=D(2026, 3, 5)),  # due 2026-04-02
        "normal": register(on=D(2026, 3, 31)),
        "unconfirmed": register(channel="fax", on=D(2026, 3, 31)),
        "paused": register(on=D(2026, 3, 31)),
        "waiting": register(on=D(2026, 3, 31)),
        "stopped": register(on=D(2026, 3, 31)),
    }
    send_consultation(made["paused"], acting_user=cast.handler_a, kind=ConsultationKind.THIRD_PARTY, party_name="某公司",
                      matter="合同金额")
    request_correction(made["waiting"], acting_user=cast.handler_a, items=["请写明年度"], deadline=D(2026, 4, 20))
    draft_reply(made["stopped"], acting_user=cast.handler_a, outcome=Outcome.ALREADY_PUBLIC, body="见网站。")
    approve_reply(made["stopped"], acting_user=cast.reviewer_a)
    # due in the unentered 2027: 「期限待定」 (provisionally 2027-01-04), never 「正常」
    made["undetermined"] = register(on=D(2026, 12, 4))
    clock.to(D(2026, 4, 1))
    return {key: Application.objects.get(pk=case.pk) for key, case in made.items()}


def test_each_case_is_in_exactly_the_state_its_condition_selects(one_of_each):
    day = states.Day.of()
    for key, case in one_of_each.items():
        assert states.state_of(case, day).key == key
        matching = [s.key for s in states.STATES
                    if Application.objects.filter(pk=case.pk).filter(s.q(day)).exists()]
        assert matching == [key], (key, matching)


def test_counts_and_filters_come_from_the_same_states(one_of_each):
    day = states.Day.of()
    assert states.count_by_state(Application.objects.all(), day) == {s.key: 1 for s in states.STATES}
    assert states.count_by_state(Application.objects.all(), day, keys=["overdue", "paused"]) == {"overdue": 1, "paused": 1}
    assert list(states.in_state(Application.objects.all(), "due_soon", day)) == [one_of_each["due_soon"]]
    assert states.in_state(Application.objects.all(), "no-such-state", day).count() == len(one_of_each)


def test_the_inbox_filter_offers_every_filterable_state(client, cast, one_of_each):
    client.force_login(cast.handler_a)
    for state in states.STATES:
        response = client.get("/staff/cases/", {"state": state.key, "scope": "all"})
        if not state.filterable:
            continue
        assert response.status_code == 200
        numbers = [row["number"] for row in response.context["rows"]]
        assert numbers == [one_of_each[state.key].number], state.key


def test_the_statistics_count_overdue_cases_by_the_same_rule(client, cast, one_of_each):
    client.force_login(cast.supervisor)
    response = client.get("/staff/cases/stats/")
    row = {agency.pk: figures for agency, figures in response.context["rows"]}[cast.dept_a.pk]
    assert row["overdue"] == 1


def test_labels_and_choices_are_generated_from_the_states():
    assert [c for c, _ in states.ClockDisplay.choices] == [s.key for s in states.STATES]
    assert states.ClockDisplay("overdue").label == "已逾期"


def test_the_statistics_columns_add_up(client, cast, register, clock):
    from gongkai.cases.actions import closing

    last_year = register(on=dt.date(2025, 12, 1))  # carried into 2026
    register(on=dt.date(2025, 11, 3), applicant_name="李四")  # carried, withdrawn in 2026 below
    done = Application.objects.get(applicant_name="李四")
    register(on=dt.date(2026, 3, 2), applicant_name="王五")
    clock.to(dt.date(2026, 3, 5))
    closing.withdraw_application(done, acting_user=cast.handler_a)
    client.force_login(cast.supervisor)
    response = client.get("/staff/cases/stats/?year=2026")
    c = {agency.pk: figures for agency, figures in response.context["rows"]}[cast.dept_a.pk]
    assert (c["carried"], c["received"], c["decided"]) == (2, 1, 1)
    assert c["carried"] + c["received"] - c["decided"] == c["open"] == 2
    assert "上年结转 + 本年收到 − 本年办结" in response.content.decode()
    assert last_year.pk
