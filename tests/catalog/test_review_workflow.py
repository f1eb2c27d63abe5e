"""保密审查 workflow: draft → review → approved → published; reject with a reason; withdraw."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog import services
from gongkai.catalog.models import CatalogItem, ReviewDecision, Status
from gongkai.catalog.services import CatalogError


def test_the_happy_path_is_audited_and_kept_as_revisions(cast, make_item):
    item = make_item()
    services.submit_for_review(item, acting_user=cast.handler_a)
    services.approve_review(item, "不涉密", acting_user=cast.reviewer_a)
    services.publish_item(item, acting_user=cast.handler_a)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.reviewed_by == cast.reviewer_a
    assert item.published_on is not None
    actions = list(item.revisions.values_list("action", flat=True))
    assert actions == ["created", "submitted", "approved", "published"]
    assert item.revisions.last().snapshot["index_no"] == item.index_no
    events = set(AuditEvent.objects.for_object(item).values_list("action", flat=True))
    assert {"catalog.draft_created", "catalog.submitted_for_review", "catalog.review_approved", "catalog.item_published"} <= events


def test_only_approved_items_can_be_published(cast, make_item):
    item = make_item()
    with pytest.raises(CatalogError):
        services.publish_item(item, acting_user=cast.handler_a)
    services.submit_for_review(item, acting_user=cast.handler_a)
    with pytest.raises(CatalogError):
        services.publish_item(item, acting_user=cast.handler_a)
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert not CatalogItem.objects.public().exists()


def test_a_reviewer_rejects_with_a_reason_and_the_draft_comes_back(cast, make_item):
    item = make_item()
    services.submit_for_review(item, acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="理由"):
        services.reject_review(item, "  ", acting_user=cast.reviewer_a)
    services.reject_review(item, "第三段含有个人信息，请删除", acting_user=cast.reviewer_a)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    decision = ReviewDecision.objects.get(item=item)
    assert not decision.approved and "个人信息" in decision.reason
    services.update_draft(item, {"body": "<p>已删除个人信息。</p>"}, acting_user=cast.handler_a)
    services.submit_for_review(item, acting_user=cast.handler_a)
    services.approve_review(item, acting_user=cast.reviewer_a)
    assert item.status == Status.APPROVED


def test_the_author_cannot_review_their_own_item(cast, make_item):
    from gongkai.agencies.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=cast.handler_a, role=Role.REVIEWER)  # one person, both roles
    cast.handler_a._roles_cache = None
    item = make_item()
    services.submit_for_review(item, acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="起草人"):
        services.approve_review(item, acting_user=cast.handler_a)
    other = make_item(author=cast.admin)  # drafted by one person, submitted by another
    services.submit_for_review(other, acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="送审人"):
        services.approve_review(other, acting_user=cast.handler_a)
    services.approve_review(other, acting_user=cast.reviewer_a)


def test_review_needs_the_review_permission_in_that_agency(cast, make_item):
    item = make_item()
    services.submit_for_review(item, acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="权限"):
        services.approve_review(item, acting_user=cast.handler_b)
    with pytest.raises(CatalogError, match="权限"):
        services.approve_review(item, acting_user=cast.supervisor)


def test_approved_items_cannot_be_edited(cast, make_item):
    item = make_item()
    services.submit_for_review(item, acting_user=cast.handler_a)
    services.approve_review(item, acting_user=cast.reviewer_a)
    with pytest.raises(CatalogError, match="草稿"):
        services.update_draft(item, {"title": "偷偷改的标题"}, acting_user=cast.handler_a)
    assert CatalogItem.objects.get(pk=item.pk).title != "偷偷改的标题"


def test_withdrawal_needs_a_reason_and_hides_the_item(cast, make_item, publish):
    item = publish(make_item())
    assert CatalogItem.objects.public().filter(pk=item.pk).exists()
    with pytest.raises(CatalogError, match="理由"):
        services.withdraw_item(item, "", acting_user=cast.handler_a)
    services.withdraw_item(item, "附件有误", acting_user=cast.handler_a)
    assert not CatalogItem.objects.public().filter(pk=item.pk).exists()
    item.refresh_from_db()
    assert item.withdrawal_reason == "附件有误"


def test_a_reopened_item_must_pass_review_again(cast, make_item, publish):
    item = publish(make_item())
    services.withdraw_item(item, "更正", acting_user=cast.handler_a)
    services.reopen_item(item, acting_user=cast.handler_a)
    item.refresh_from_db()
    assert item.status == Status.DRAFT and item.reviewed_by is None
    with pytest.raises(CatalogError):
        services.publish_item(item, acting_user=cast.handler_a)


def test_every_revision_is_kept(cast, make_item):
    item = make_item("初稿标题")
    services.update_draft(item, {"title": "二稿标题"}, acting_user=cast.handler_a)
    services.update_draft(item, {"title": "三稿标题"}, acting_user=cast.handler_a)
    titles = [r.snapshot["title"] for r in item.revisions.order_by("number")]
    assert titles == ["初稿标题", "二稿标题", "三稿标题"]
    assert "title" in item.revisions.get(number=2).note


def test_publication_deadline_is_twenty_working_days_from_formation(cast, make_item):
    # 2025-09-26 + 20 working days = 2025-10-30 (docs/law.md §6.2 worked example, 国庆 and 调休).
    item = make_item(formed_on=dt.date(2025, 9, 26))
    assert item.publish_due == dt.date(2025, 10, 30)
    services.update_draft(item, {"formed_on": dt.date(2025, 1, 24)}, acting_user=cast.handler_a)
    item.refresh_from_db()
    assert item.publish_due == dt.date(2025, 2, 27)


def test_an_unknown_calendar_year_leaves_the_deadline_open_with_a_note(cast, make_item, monkeypatch):
    from gongkai.catalog import deadlines
    from gongkai.core.law.calendar import UnknownCalendarYear

    class NoCalendar:
        def add_working_days(self, start, n):
            raise UnknownCalendarYear(2027)

    monkeypatch.setattr(deadlines, "get_calendar", lambda agency=None: NoCalendar())
    item = make_item(formed_on=dt.date(2026, 11, 20))
    assert item.publish_due is None
    assert "2027" in item.publish_due_note
