"""Acceptance (issue 13): as 负责人 the 工作台 shows 「延期待批准 1」 after a handler requests an extension,
and 0 after the approval; the count links to the inbox filtered to that case."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .test_browser_e2e import act

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def march(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)


def test_the_head_sees_the_extension_waiting_then_approved(live_server, page, cast, staff_login, march, agency_ready):
    from gongkai.cases.actions.intake import register_application

    from .conftest import applicant

    case = register_application(cast.dept_a, applicant(), acting_user=cast.handler_a, channel="in_person",
                                submitted_on=dt.date(2026, 3, 2)).case
    base = live_server.url

    # The handler requests an extension.
    staff_login(cast.handler_a)
    page.screenshot(path="test-results/todo-handler.png", full_page=True)
    page.goto(f"{base}/staff/cases/{case.pk}/")
    act(page, "extension", {"days": "20", "reason": "需要调取多个科室档案"})
    page.context.clear_cookies()

    # The head's 工作台: 延期待批准 1, linking to the inbox with exactly that case.
    staff_login(cast.head_a)
    item = page.locator('[data-queue="cases.extension_requested"]')
    expect(item).to_contain_text("延期待批准")
    expect(page.get_by_test_id("count-cases.extension_requested")).to_have_text("1")
    expect(page.get_by_role("navigation", name="工作人员导航").locator(".count")).to_be_visible()  # + 报告待报送
    page.screenshot(path="test-results/todo-head.png", full_page=True)
    item.get_by_role("link").click()
    expect(page.get_by_label("待办")).to_have_value("extension_requested")
    expect(page.get_by_role("link", name=case.number)).to_be_visible()
    page.get_by_role("link", name=case.number).click()
    act(page, "extension_approve", {"on": "2026-03-02"})

    page.goto(f"{base}/staff/")
    expect(page.get_by_test_id("count-cases.extension_requested")).to_have_text("0")
