"""Applicants' addresses in the audit log: full for who may see the agency's applicants, masked otherwise."""

import pytest
from django.test import RequestFactory

from gongkai.audit.services import record_event
from gongkai.audit.views import mask_ip

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_event(cast):
    request = RequestFactory().post("/apply/", REMOTE_ADDR="203.0.113.77")
    return record_event(None, "case.submitted", cast.dept_a, details={"number": "1"}, request=request)


def test_masking():
    assert mask_ip("203.0.113.77") == "203.0.113.*"
    assert mask_ip("2001:db8:1:2::7") == "2001:db8:1:*"


def test_the_supervisor_sees_the_applicants_address_masked(client, cast, public_event):
    client.force_login(cast.supervisor)
    detail = client.get(f"/staff/audit/{public_event.pk}/").content.decode()
    assert "203.0.113.*" in detail and "203.0.113.77" not in detail
    export = b"".join(client.get("/staff/audit/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert "203.0.113.*" in export and "203.0.113.77" not in export


def test_the_agencys_head_sees_it_in_full(client, cast, public_event):
    client.force_login(cast.head_a)
    assert "203.0.113.77" in client.get(f"/staff/audit/{public_event.pk}/").content.decode()
    client.force_login(cast.admin)
    assert "203.0.113.77" in client.get(f"/staff/audit/{public_event.pk}/").content.decode()
