"""Acceptance (issue 13): as 主管部门, aggregating with departments missing shows their names and needs an
explicit 「按现有数据汇总」; the 工作台 counts the departments not yet submitted."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_aggregating_with_missing_departments_names_them_and_needs_confirmation(cast, live_server, staff_login):
    year = dt.date.today().year - 1
    page = staff_login(cast.supervisor)
    # The 工作台: 未报送报告的部门 3 (区政府办, 区科信局, 区教委), linking to the 催报 list.
    expect(page.get_by_test_id("count-reports.missing")).to_have_text("3")
    page.screenshot(path="test-results/todo-supervisor.png", full_page=True)
    page.get_by_role("link", name="未报送报告的部门").click()
    expect(page.get_by_test_id("not-submitted")).to_contain_text(cast.dept_a.name)

    aggregate = page.locator("#aggregate")
    missing = aggregate.get_by_test_id("missing-departments")
    for agency in (cast.office, cast.dept_a, cast.dept_b):
        expect(missing).to_contain_text(agency.name)
    # Without the confirmation: refused, with the names, and nothing is created.
    aggregate.get_by_role("button", name=f"汇总生成本级政府{year}年度报告").click()
    expect(page.locator(".messages")).to_contain_text("尚无审核通过的年度报告")
    expect(page.locator(".messages")).to_contain_text(cast.dept_b.name)
    assert not cast.gov.annual_reports.exists()
    # With it: aggregated, and the report says which departments are not in it.
    page.locator("#aggregate").get_by_label("按现有数据汇总").check()
    page.locator("#aggregate").get_by_role("button", name=f"汇总生成本级政府{year}年度报告").click()
    expect(page.locator(".messages")).to_contain_text("按现有数据汇总：3个部门未计入")
    expect(page.get_by_test_id("confirmations")).to_contain_text("按现有数据汇总")
    expect(page.get_by_test_id("missing-note")).to_contain_text(cast.office.name)
    page.screenshot(path="test-results/aggregate-confirmed.png", full_page=True)
    report = cast.gov.annual_reports.get(year=year)
    assert report.provenance["missing_departments"] == [cast.office.name, cast.dept_a.name, cast.dept_b.name]
