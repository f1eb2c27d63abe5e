"""待办: one registry of queues, each role sees its own, counts link to the filtered lists (issue 13)."""

import datetime as dt

from gongkai.agencies import queues
from gongkai.agencies.models import Role


def _waiting(user):
    return {w.queue.key: w for w in queues.waiting_for(user)}


def test_every_role_sees_only_its_queues(cast):
    keys = {name: set(_waiting(getattr(cast, name))) for name in ("handler_a", "reviewer_a", "head_a", "supervisor", "admin")}
    assert "catalog.in_review" in keys["reviewer_a"] and "catalog.in_review" not in keys["handler_a"]
    assert "reports.to_submit" in keys["head_a"] and "reports.to_submit" not in keys["handler_a"]
    assert {"reports.to_review", "reports.missing"} <= keys["supervisor"]
    assert "workcal.missing_years" in keys["admin"] and "workcal.missing_years" not in keys["head_a"]
    assert queues.waiting_for(cast.public) == []
    for q in queues.registered():  # every queue belongs to a known role and group
        assert q.roles <= set(Role.values) and q.group in queues.GROUPS and q.label


def test_catalogue_queues_count_and_link(cast, make_item):
    from gongkai.catalog import services

    item = make_item("待审查的信息")
    services.submit_for_review(item, acting_user=cast.handler_a)
    w = _waiting(cast.reviewer_a)["catalog.in_review"]
    assert w.count == 1 and w.url == "/staff/catalog/review/"
    services.approve_review(item, acting_user=cast.reviewer_a)
    assert _waiting(cast.reviewer_a)["catalog.in_review"].count == 0
    approved = _waiting(cast.handler_a)["catalog.approved"]
    assert approved.count == 1 and approved.url.endswith("?status=approved")


def test_the_workbench_lists_the_queues_and_the_nav_counts_them(client, cast, make_item):
    from gongkai.catalog import services

    services.submit_for_review(make_item("待审查的信息"), acting_user=cast.handler_a)
    client.force_login(cast.reviewer_a)
    body = client.get("/staff/").content.decode()
    assert "待办" in body and "待保密审查" in body
    assert 'data-testid="count-catalog.in_review">1<' in body
    assert "/staff/catalog/review/" in body
    # The navigation badge on every staff page: the urgent items of the user's queues.
    assert 'title="待办事项">1<' in client.get("/staff/catalog/review/").content.decode()


def test_the_head_sees_the_report_to_submit_and_the_returned_one(cast):
    from gongkai.reports import services

    waiting = _waiting(cast.head_a)
    assert waiting["reports.to_submit"].count == 1  # dept_a's report for last year: not submitted yet
    year = dt.date.today().year - 1
    assert waiting["reports.to_submit"].url == f"/staff/reports/?year={year}"
    obj = services.compute_report(cast.dept_a, year, acting_user=cast.head_a)
    obj = services.save_report_text(
        obj, acting_user=cast.head_a, section1=obj.section1.replace("（请填写）", "加强平台建设。"),
        section5="一是解读形式不够丰富。", section6=obj.section6,
    )
    obj = services.submit_report(obj, acting_user=cast.head_a)
    assert _waiting(cast.head_a)["reports.to_submit"].count == 0
    assert _waiting(cast.supervisor)["reports.to_review"].count == 1
    services.return_report(obj, "请补充。", acting_user=cast.supervisor)
    assert _waiting(cast.head_a)["reports.returned"].count == 1
    assert _waiting(cast.head_a)["reports.to_submit"].count == 1


def test_the_administrator_sees_calendar_gaps(cast):
    from gongkai.workcal.gap import calendar_gap

    gap = calendar_gap()
    w = _waiting(cast.admin)["workcal.missing_years"]
    assert w.count == (len(gap.years) if gap else 0)
    assert w.url == (f"/staff/calendar/enter/?year={gap.year}" if gap else "/staff/calendar/")
