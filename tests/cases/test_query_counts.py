"""SQL queries of the staff inbox and the case page at two data sizes: the same for one case (or one event)
as for many, and within a budget (issue 16). The case page's view is logged: one audit row (the chain's
transaction: BEGIN, read of the previous hash, INSERT, COMMIT)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.audit.models import AuditEvent
from gongkai.cases.actions import consultation, correction, extension, intake
from gongkai.cases.actions.serving import record_paper_delivery

pytestmark = pytest.mark.django_db
D = dt.date

INBOX_BUDGET = 10  # the user's agency comes with the user (agencies.backends); no COUNT for a one-page inbox
CASE_PAGE_BUDGET = 19  # 18 + the notices' deliveries (送达, one query for all of them)


def _chain_lock() -> int:
    """PostgreSQL serialises audit appends with an advisory lock: one more statement (audit.services)."""
    return 1 if connection.vendor == "postgresql" else 0


def _queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def test_the_inbox_takes_the_same_queries_for_one_case_as_for_many(client, cast, register, clock):
    register(applicant_name="甲")
    client.force_login(cast.handler_a)
    client.get("/staff/cases/")  # the navigation's 待办 count is cached for a while: as on any page after the first
    one, _ = _queries(client, "/staff/cases/")
    for i in range(6):
        case = register(applicant_name=f"乙{i}", on=D(2026, 3, 3))
        if i % 2:
            intake.assign_handler(case, cast.handler_a, acting_user=cast.handler_a)
    client.force_login(cast.handler_a)
    client.get("/staff/cases/")
    many, sql = _queries(client, "/staff/cases/")
    assert many == one, sql
    assert one <= INBOX_BUDGET + _chain_lock(), sql


def test_the_case_page_takes_the_same_queries_for_a_short_history_as_for_a_long_one(client, cast, register, clock):
    short = register(applicant_name="甲")
    long = register(applicant_name="乙")
    intake.assign_handler(long, cast.handler_a, acting_user=cast.handler_a)
    correction.request_correction(long, acting_user=cast.handler_a, items=["请写明文件名称"], deadline=D(2026, 3, 16),
                                  on=D(2026, 3, 2))
    long.refresh_from_db()
    correction.receive_correction(long, acting_user=cast.handler_a, on=D(2026, 3, 2), note="已补正")
    long.refresh_from_db()
    consultation.send_consultation(long, acting_user=cast.handler_a, kind="third_party", party_name="某公司",
                                   party_contact="", matter="合同", on=D(2026, 3, 2))
    long.refresh_from_db()
    extension.request_extension(long, acting_user=cast.handler_a, days=10, reason="档案较多")
    assert long.events.count() >= 5 and long.documents.count() >= 2
    for number, doc in enumerate(long.documents.order_by("id")[:2]):  # paper deliveries, each with its clerk
        record_paper_delivery(doc, acting_user=cast.handler_a, channel="post", tracking_no=f"11900000000{number}",
                              posted_on=doc.issued_on)
    client.force_login(cast.handler_a)
    client.get(f"/staff/cases/{short.pk}/")
    few, _ = _queries(client, f"/staff/cases/{short.pk}/")
    many, sql = _queries(client, f"/staff/cases/{long.pk}/")
    assert many == few, sql
    assert few <= CASE_PAGE_BUDGET + _chain_lock(), sql
    audit = [q for q in sql if "audit_auditevent" in q]
    assert len([q for q in audit if q.startswith("INSERT")]) == 1 and len(audit) == 2  # the INSERT and the chain's read
    assert AuditEvent.objects.filter(action="case.viewed", object_id=str(long.pk)).count() == 1
