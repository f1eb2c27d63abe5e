"""Acceptance (issue 7): in a browser, agency staff and the supervisor take a report from draft to published."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("button", name="退出").click()


def test_a_report_goes_from_draft_to_published(cast, live_server, staff_login):
    # Agency staff: generate the report from the system's data, finish the narrative, submit.
    page = staff_login(cast.head_a)
    page.get_by_role("navigation", name="工作人员导航").get_by_role("link", name="年度报告").click()
    page.get_by_role("button", name="生成报告").click()
    expect(page.locator("#report-status")).to_have_text("草稿")
    expect(page.get_by_label("一、总体情况")).to_contain_text("本年新收政府信息公开申请0件")
    section1 = page.get_by_label("一、总体情况")
    section1.fill(section1.input_value().replace("（请填写）", "严格落实保密审查，规范网站专栏。"))
    page.get_by_label("五、存在的主要问题及改进情况").fill("政策解读形式不够丰富，下一步加强。")
    page.get_by_role("button", name="保存并校验").click()
    expect(page.get_by_text("已保存，校验已重新运行。")).to_be_visible()
    page.get_by_role("button", name="报送主管部门").click()
    expect(page.locator("#report-status")).to_have_text("已报送主管部门")
    report_url = page.url
    _logout(page)

    # The supervisor returns it with a comment.
    page = staff_login(cast.supervisor)
    page.get_by_role("navigation", name="工作人员导航").get_by_role("link", name="主管部门").click()
    page.get_by_role("link", name="已报送主管部门").click()
    page.get_by_label("修改意见").fill("请补充政务新媒体建设情况。")
    page.get_by_role("button", name="退回修改").click()
    expect(page.locator("#report-status")).to_have_text("退回修改")
    _logout(page)

    # Staff revise and resubmit.
    page = staff_login(cast.head_a)
    page.goto(report_url)
    expect(page.get_by_text("请补充政务新媒体建设情况。")).to_be_visible()
    section1 = page.get_by_label("一、总体情况")
    section1.fill(section1.input_value() + "\n政务新媒体：微信公众号发布信息120条。")
    page.get_by_role("button", name="保存并校验").click()
    page.get_by_role("button", name="报送主管部门").click()
    expect(page.locator("#report-status")).to_have_text("已报送主管部门")
    _logout(page)

    # The supervisor approves and publishes.
    page = staff_login(cast.supervisor)
    page.goto(report_url)
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator("#report-status")).to_have_text("审核通过")
    page.get_by_role("button", name="向社会公开").click()
    expect(page.locator("#report-status")).to_have_text("已公开")

    # The public page, with its downloads.
    page.locator("a[href^='/nianbao/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("北京市门头沟区科学技术和信息化局\\d{4}年政府信息公开工作年度报告"))
    expect(page.get_by_text("政务新媒体：微信公众号发布信息120条。")).to_be_visible()
    for label in ("网页", "Word", "PDF", "JSON 数据"):
        expect(page.get_by_role("link", name=label, exact=True)).to_be_visible()
    href = page.get_by_role("link", name="PDF", exact=True).get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.ok and response.body()[:4] == b"%PDF"
