"""An in-person application walked to a 予以公开 reply: receipt, clock, review, documents, archive."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.closing import archive_case
from gongkai.cases.actions.intake import assign_handler
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import DocKind, EventKind, Status
from gongkai.core.vocabulary import Outcome

pytestmark = pytest.mark.django_db


def test_a_reviewer_cannot_approve_a_reply_they_drafted(cast, register, agency_ready):
    from gongkai.agencies.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=cast.reviewer_a, role=Role.HANDLER)
    cast.reviewer_a._roles_cache = None
    case = register()
    draft_reply(case, acting_user=cast.reviewer_a, outcome=Outcome.NOT_EXIST, body="经检索本机关档案和网站，未找到。")
    with pytest.raises(CaseError, match="不能审核自己拟定的答复"):
        approve_reply(case, acting_user=cast.reviewer_a)
    case.refresh_from_db()
    assert case.status == Status.REVIEW


def test_it_walks_an_in_person_application_to_disclosure(cast, register, clock, agency_ready):
    case = register()
    assert case.received_on == dt.date(2026, 3, 2)
    assert case.status == Status.OPEN
    assert case.due_date == dt.date(2026, 3, 30)  # 20 working days (第三十三条)
    assert case.clock_state == "running"
    assert case.number == "2026-0001"
    receipt = case.documents.get()
    assert receipt.kind == DocKind.RECEIPT and receipt.number == "门科信公开〔2026〕第1号"
    assert "2026年3月30日" in receipt.body

    assign_handler(case, cast.handler_a, acting_user=cast.handler_a)
    clock.to(dt.date(2026, 3, 10))
    done = draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="随本答复书提供立项清单一份。")
    case.refresh_from_db()
    assert case.status == Status.REVIEW
    with pytest.raises(CaseError, match="没有审核答复的权限"):
        approve_reply(case, acting_user=cast.handler_a)
    done = approve_reply(case, acting_user=cast.reviewer_a)
    case.refresh_from_db()
    assert case.status == Status.REPLIED and case.outcome == Outcome.DISCLOSE
    assert case.decided_on == dt.date(2026, 3, 10)
    assert case.clock_state == "stopped"
    reply = done.document
    assert reply.kind == DocKind.REPLY
    assert "第三十六条第（二）项" in reply.body
    # Not a refusal: the ordinary remedy clause (60 days 复议 or 6 months 诉讼).
    assert "60日内向北京市门头沟区人民政府申请行政复议" in reply.body and "6个月内" in reply.body

    archive_case(case, acting_user=cast.handler_a)
    case.refresh_from_db()
    assert case.status == Status.ARCHIVED
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[:3] == [EventKind.REGISTERED, EventKind.RECEIVED, EventKind.DOCUMENT_ISSUED]
    assert EventKind.REPLIED in kinds and kinds[-1] == EventKind.ARCHIVED
    actions = set(AuditEvent.objects.for_object(case).values_list("action", flat=True))
    assert {"case.registered", "case.received", "case.reply_drafted", "case.reply_approved", "case.archived"} <= actions
