"""Every intake channel and its receipt date (条例 第三十一条)."""

import datetime as dt

import pytest

from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.intake import confirm_receipt, register_application
from gongkai.cases.models import Application, EventKind, Status

from .conftest import applicant
from .test_public_application import form_data

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize("channel", ["in_person", "oral"])
def test_in_person_and_oral_applications_are_received_the_day_they_are_made(channel, register):
    case = register(channel=channel, on=D(2026, 3, 3))
    assert case.received_on == D(2026, 3, 3) and case.status == Status.OPEN
    assert case.due_date == D(2026, 3, 31)
    if channel == "oral":
        assert "代为填写" in case.events.get(kind=EventKind.REGISTERED).text


def test_signed_post_is_received_when_signed_for(register):
    case = register(channel="post_signed", on=D(2026, 3, 2), signed_on=D(2026, 3, 4))
    assert case.received_on == D(2026, 3, 4)
    assert "签收之日" in case.events.get(kind=EventKind.RECEIVED).text


def test_signed_post_without_a_signing_date_is_refused(cast, register):
    with pytest.raises(CaseError, match="签收日期"):
        register(channel="post_signed", on=D(2026, 3, 2))
    assert Application.objects.count() == 0


@pytest.mark.parametrize("channel", ["post_ordinary", "fax", "email"])
def test_channels_needing_confirmation_wait_until_confirmed(channel, cast, register, clock):
    case = register(channel=channel, on=D(2026, 3, 2))
    assert case.status == Status.PENDING and case.received_on is None and case.due_date is None
    assert case.documents.count() == 0
    clock.to(D(2026, 3, 5))
    with pytest.raises(CaseError, match="不能早于"):
        confirm_receipt(case, D(2026, 3, 1), acting_user=cast.handler_a)
    done = confirm_receipt(case, D(2026, 3, 4), acting_user=cast.handler_a)
    assert case.received_on == D(2026, 3, 4) and case.status == Status.OPEN  # 双方确认之日
    assert case.due_date == D(2026, 4, 1)
    assert done.document.kind == "receipt"


@pytest.mark.parametrize("channel", ["fax", "email"])
def test_confirmation_can_be_given_at_registration(channel, register):
    case = register(channel=channel, on=D(2026, 3, 2), confirmed_on=D(2026, 3, 3))
    assert case.received_on == D(2026, 3, 3)


def test_a_web_application_is_confirmed_by_staff(client, cast, clock):
    client.post("/apply/", form_data(cast.dept_a))
    case = Application.objects.get()
    clock.to(D(2026, 3, 3))
    client.force_login(cast.handler_a)
    resp = client.post(f"/staff/cases/{case.pk}/do/confirm/", {"confirm-version": case.version, "confirm-on": "2026-03-03"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.received_on == D(2026, 3, 3) and case.status == Status.OPEN


def test_numbers_run_per_agency_and_year(cast, register, clock):
    a1 = register()
    a2 = register()
    b1 = register(agency=cast.dept_b, actor=cast.handler_b)
    assert (a1.number, a2.number, b1.number) == ("2026-0001", "2026-0002", "2026-0001")
    clock.to(D(2027, 1, 4))
    register_application(cast.dept_a, applicant(), acting_user=cast.handler_a, channel="post_ordinary",
                                  submitted_on=D(2027, 1, 4))
    assert Application.objects.filter(agency=cast.dept_a, year=2027).get().number == "2027-0001"
