"""The whole path in a real browser (Debian's chromium against a live server).

The public applies (first with a mistyped ID number: the error is shown and nothing typed is lost),
staff confirm receipt, ask for 补正, register it, request and approve an extension, draft and
approve the reply; the public tracking page then shows the outcome.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import id_card

pytestmark = pytest.mark.e2e


@pytest.fixture
def march(time_machine):
    # The server thread shares the patched clock: all dates fall inside the seeded 2026 calendar.
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)


def act(page, key, fields=None):
    panel = page.locator(f"#action-{key}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    for selector, value in (fields or {}).items():
        field = panel.locator(f"#id_{key}-{selector}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    panel.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message.success").first.is_visible(), page.locator("main").inner_text()[:800]


def test_apply_process_and_track(live_server, page, cast, staff_login, march, agency_ready):
    base = live_server.url
    # -- the public applies ---------------------------------------------------------------------
    page.goto(f"{base}/apply/")
    page.get_by_label("向哪个机关申请").select_option(label=cast.dept_a.name)
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码").fill("110105194912310021")  # wrong check digit
    page.get_by_label("联系电话").fill("13800005678")
    page.get_by_label("通信地址").fill("北京市门头沟区新桥大街1号")
    page.get_by_label("所需政府信息的名称").fill("2025年度区级科技项目立项清单")
    page.get_by_label("便于查询的其他特征性描述").fill("含项目名称和资助金额")
    page.get_by_role("button", name="提交申请").click()
    # A click waits only until the next page is committed, not parsed: read it with an auto-waiting expect.
    expect(page.locator("main")).to_contain_text("居民身份证号码校验位不正确")
    assert page.get_by_label("姓名或名称").input_value() == "张三"
    assert page.get_by_label("便于查询的其他特征性描述").input_value() == "含项目名称和资助金额"
    page.get_by_label("证件号码").fill(id_card())
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"{base}/apply/done/")
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)

    # -- staff: confirm, 补正, extension ------------------------------------------------------------
    page.context.clear_cookies()
    staff_login(cast.handler_a)
    page.goto(f"{base}/staff/cases/")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "confirm", {"on": "2026-03-02"})
    assert "2026年3月30日" in page.get_by_test_id("due-date").inner_text()
    act(page, "correction", {"items": "请写明项目所属年度", "deadline": "2026-03-16", "on": "2026-03-02"})
    assert page.get_by_test_id("status").inner_text() == "待补正"
    act(page, "correction_received", {"on": "2026-03-02", "note": "已写明2025年度"})
    act(page, "extension", {"days": "20", "reason": "需要调取多个科室档案"})
    page.context.clear_cookies()
    staff_login(cast.head_a)
    page.goto(f"{base}/staff/cases/")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "extension_approve", {"on": "2026-03-02"})
    assert "2026年4月28日" in page.get_by_test_id("due-date").inner_text()
    assert "延期答复告知书" in page.get_by_test_id("documents").inner_text()

    # -- reply, reviewed -------------------------------------------------------------------------
    page.context.clear_cookies()
    staff_login(cast.handler_a)
    page.goto(f"{base}/staff/cases/")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "reply", {"outcome": "disclose", "body": "随本答复书提供2025年度区级科技项目立项清单。"})
    page.context.clear_cookies()
    staff_login(cast.reviewer_a)
    page.goto(f"{base}/staff/cases/?scope=all")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "approve_reply", {"on": "2026-03-02"})
    assert page.get_by_test_id("status").inner_text().startswith("已答复")
    page.get_by_role("link", name="政府信息公开申请答复书").click()
    expect(page.locator("main")).to_contain_text("第三十六条第（二）项")

    # -- the public tracks it ---------------------------------------------------------------------
    page.context.clear_cookies()
    page.goto(f"{base}/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话后四位或查询密码").fill("5678")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"{base}/track/status/")
    assert page.get_by_test_id("case-status").inner_text() == "已答复"
    assert page.get_by_test_id("outcome").inner_text() == "予以公开"
    text = page.locator("main").inner_text()
    assert "告知补正" in text and "延期答复" in text
    assert "张三" not in text and "13800005678" not in text
