"""record_event: who, what, which object, which agency, details as JSON."""

import datetime as dt
from decimal import Decimal

from django.test import RequestFactory

from gongkai.agencies.models import AgencyKind
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import SYSTEM_LABEL, record_event


def test_it_records_actor_object_and_agency_of_the_object(cast):
    event = record_event(cast.handler_a, "user.updated", cast.handler_a)
    assert event.actor == cast.handler_a and event.actor_label == "张经办"
    assert event.object_type == "agencies.user" and event.object_id == str(cast.handler_a.pk)
    assert event.object_repr == "张经办"
    assert event.agency == cast.dept_a  # taken from obj.agency


def test_an_agency_is_its_own_agency(cast):
    assert record_event(cast.admin, "agency.updated", cast.dept_b).agency == cast.dept_b


def test_an_explicit_agency_wins(cast):
    assert record_event(cast.admin, "agency.updated", cast.handler_a, agency=cast.gov).agency == cast.gov


def test_details_are_stored_as_json(cast):
    event = record_event(cast.admin, "agency.updated", details={
        "due": dt.date(2025, 3, 4), "fee": Decimal("12.50"), "kind": AgencyKind.OFFICE, "名单": ["甲", "乙"],
    })
    stored = AuditEvent.objects.get(pk=event.pk).details
    assert stored == {"due": "2025-03-04", "fee": "12.50", "kind": "office", "名单": ["甲", "乙"]}


def test_anonymous_and_system_actors_are_recorded_by_label(cast):
    from django.contrib.auth.models import AnonymousUser

    assert record_event(AnonymousUser(), "case.submitted").actor_label == "公众"
    event = record_event(None, "report.reminder_overdue", actor_label=SYSTEM_LABEL)
    assert event.actor is None and event.actor_label == "系统"


def test_the_request_address_is_kept(cast):
    request = RequestFactory().post("/", REMOTE_ADDR="10.1.2.3")
    assert record_event(cast.admin, "agency.updated", request=request).ip == "10.1.2.3"


def test_events_come_newest_first_and_can_be_found_by_object(cast):
    first = record_event(cast.admin, "agency.created", cast.dept_a)
    second = record_event(cast.admin, "agency.updated", cast.dept_a)
    record_event(cast.admin, "agency.updated", cast.dept_b)
    assert list(AuditEvent.objects.for_object(cast.dept_a)) == [second, first]
