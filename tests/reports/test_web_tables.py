"""The web annual report's tables as on paper (30号 layout) and readable on a phone (issue 17 item 4).

表四 is one row of 15 numbers under grouped headers (行政复议 5 | 行政诉讼: 未经复议直接起诉 5, 复议后起诉 5);
表三 keeps its 3-row header. At 390 px the page itself never scrolls sideways (each table scrolls in its own
box), header cells such as 自然人/总计 stay on one line, row labels are not squeezed, the title breaks only
between the agency's name and 「YYYY年…年度报告」.
"""

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from gongkai.core.vocabulary import TABLE3_COLUMN_LABELS
from gongkai.reports import services

TABLE4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@pytest.fixture
def published(cast):
    obj = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    obj = services.save_report_text(obj, acting_user=cast.head_a, section1="已完成。", section5="问题与改进。",
                                    section6=obj.section6)
    obj = services.approve_report(services.submit_report(obj, acting_user=cast.head_a), acting_user=cast.supervisor)
    services.publish_report(obj, acting_user=cast.supervisor, formats=("html",))
    return "/nianbao/dept-a/2025/"


def _texts(nodes):
    return [re.sub(r"\s+", "", n.text()) for n in nodes]


def test_table4_is_one_row_of_15_under_grouped_headers(client, published):
    tree = LexborHTMLParser(client.get(published).content.decode())
    t4 = tree.css_first("table.table4")
    rows = t4.css("thead tr")
    assert len(rows) == 3
    top = rows[0].css("th")
    assert _texts(top) == ["行政复议", "行政诉讼"]
    assert [th.attributes["colspan"] for th in top] == ["5", "10"]
    second = rows[1].css("th")
    assert _texts(second) == TABLE4_RESULTS + ["未经复议直接起诉", "复议后起诉"]
    assert [th.attributes.get("rowspan") for th in second[:5]] == ["2"] * 5
    assert [th.attributes.get("colspan") for th in second[5:]] == ["5", "5"]
    assert _texts(rows[2].css("th")) == TABLE4_RESULTS * 2
    body = t4.css("tbody tr")
    assert len(body) == 1 and len(body[0].css("td")) == 15
    assert [td.attributes["data-cell"] for td in body[0].css("td")][::5] == [
        "table4.review.upheld", "table4.direct_suit.upheld", "table4.suit_after_review.upheld"]


def test_table3_keeps_the_paper_header_and_25_rows_of_7(client, published):
    tree = LexborHTMLParser(client.get(published).content.decode())
    t3 = tree.css_first("table.table3")
    header = [c for c in _texts(t3.css("thead th")) if not c.startswith("（")]
    assert header == ["申请人情况", "自然人", "法人或其他组织", "总计", *TABLE3_COLUMN_LABELS[1:6]]
    data_rows = [tr for tr in t3.css("tbody tr") if tr.css("td")]
    assert len(data_rows) == 25 and {len(tr.css("td")) for tr in data_rows} == {7}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_at_390_px_only_the_tables_scroll_and_no_header_wraps(cast, live_server, page):
    obj = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    obj = services.approve_report(services.submit_report(
        services.save_report_text(obj, acting_user=cast.head_a, section1="已完成。", section5="无。",
                                  section6=obj.section6), acting_user=cast.head_a), acting_user=cast.supervisor)
    services.publish_report(obj, acting_user=cast.supervisor, formats=("html",))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/nianbao/dept-a/2025/")

    # The page itself does not scroll sideways; the tables do, inside their own boxes.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.locator(".report-scroll")
    assert boxes.count() >= 4
    assert page.evaluate("[...document.querySelectorAll('.report-scroll')].some(b => b.scrollWidth > b.clientWidth)")

    # Header cells on one line: 自然人, 总计, 结果维持, 未经复议直接起诉 … (height of one line of text).
    wrapped = page.evaluate("""() => [...document.querySelectorAll('.report-table thead th:not(.corner)')]
        .filter(th => { const r = document.createRange(); r.selectNodeContents(th);
                        return r.getClientRects().length > 1
                            || r.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(th).fontSize); })
        .map(th => th.textContent.trim())""")
    assert wrapped == []

    # Row labels of 表三 keep at least 10 characters a line.
    narrow = page.evaluate("""() => [...document.querySelectorAll('.table3 tbody th[scope=row]')]
        .filter(th => th.clientWidth < 10 * parseFloat(getComputedStyle(th).fontSize)).length""")
    assert narrow == 0

    # The header row stays in view while the table box is scrolled down.
    page.locator(".table3").evaluate("t => t.closest('.report-scroll').scrollTop = 400")
    top = page.evaluate("""() => { const box = document.querySelector('.table3').closest('.report-scroll');
        return [box.getBoundingClientRect().top, box.querySelector('thead').getBoundingClientRect().top]; }""")
    assert abs(top[0] - top[1]) < 2

    # The title breaks only between the agency's name and the rest.
    parts = page.locator(".report-title span")
    assert parts.count() == 2
    for i in range(2):
        rects = parts.nth(i).evaluate("s => { const r = document.createRange(); r.selectNodeContents(s);"
                                      " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
        assert rects == 1
