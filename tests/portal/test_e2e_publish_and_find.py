"""Browser: a handler drafts an item, a reviewer passes 保密审查 and publishes it, and the public
finds it on the portal by a two-character and by a longer Chinese query (SQLite and PostgreSQL:
run once plainly and once with DATABASE_URL=postgres://…)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "关于征集人工智能应用场景的通知"


def test_publish_through_review_and_find_it(cast, live_server, page, staff_login):
    # 1. The handler drafts and submits.
    staff_login(cast.handler_a)
    page.goto(f"{live_server.url}/staff/catalog/new/")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("公开类别（条例依据）").select_option("20-11")
    page.get_by_label("主题分类").select_option("科技、教育")
    page.get_by_role("textbox", name="正文").fill(  # the editor (gongkai/editor.js)
        "为推动人工智能技术落地，现面向全区征集典型应用场景。\n申报截止时间另行通知。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存。")).to_be_visible()
    page.get_by_role("button", name="提交保密审查").click()
    expect(page.get_by_text("已提交保密审查。")).to_be_visible()
    item_url = page.url

    # Not public yet.
    page.goto(f"{live_server.url}/search/?q=场景")
    expect(page.get_by_text("没有找到符合条件的信息")).to_be_visible()

    # 2. The reviewer approves and publishes.
    page.context.clear_cookies()
    staff_login(cast.reviewer_a)
    page.goto(f"{live_server.url}/staff/catalog/review/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="审查通过").click()
    expect(page.get_by_text("保密审查通过。")).to_be_visible()
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text(re.compile(r"已发布，索引号 .+/\d{4}-\d{5}"))).to_be_visible()
    assert page.url == item_url

    # 3. The public finds it: two characters, then a longer phrase, from the search form.
    page.context.clear_cookies()
    for query in ("场景", "人工智能应用"):
        page.goto(f"{live_server.url}/search/")
        page.get_by_role("searchbox", name="关键词").fill(query)
        page.get_by_role("button", name="检索").click()
        result = page.get_by_role("link", name=TITLE)
        expect(result).to_be_visible()
        expect(page.locator(".result-title mark").first).to_have_text(query)
    result.click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("第二十条第（十一）项")).to_be_visible()
