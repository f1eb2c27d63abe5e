"""GB/T 37668-2019 items axe-core cannot check (issue 17 item 3): a person with a keyboard only applies
and tracks the application (Tab, Shift+Tab, Enter, Space and the arrow keys of selects and radio groups),
every element reached shows its focus, and the focus moves through each page top to bottom."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import id_card

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The focused element: its accessible name as a person hears it, where it is, how its focus is drawn.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  const label = (e.labels && e.labels[0] && e.labels[0].innerText) || e.getAttribute('aria-label')
      || (e.closest('fieldset') && e.type === 'radio' ? e.closest('label').innerText : '') || e.innerText || '';
  return {tag: e.tagName, type: e.type || '', label: label.trim().replace(/\\s+/g, ''), id: e.id,
          top: r.top + window.scrollY, height: r.height, width: r.width,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineWidth : '',
          shadow: s.boxShadow !== 'none'};
}"""


class Keyboard:
    """Drives a page with keys only, remembering each focus stop."""

    def __init__(self, page):
        self.page = page
        self.stops = []

    def tab_to(self, pattern, *, limit=60):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            now = self.page.evaluate(FOCUSED)
            if now is None:
                continue
            self.stops.append(now)
            if re.search(pattern, now["label"]):
                return now
        raise AssertionError(f"Tab never reached 「{pattern}」; stops: {[s['label'][:12] for s in self.stops[-15:]]}")

    def type(self, text):
        self.page.keyboard.type(text)

    def choose(self, option_text, *, limit=40):
        """In a focused <select>: ArrowDown until the option is selected."""
        for _ in range(limit):
            if self.page.evaluate("() => document.activeElement.selectedOptions[0].text") == option_text:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"option 「{option_text}」 not reached by ArrowDown")

    def check_focus_shown_and_in_order(self):
        hidden = [s for s in self.stops if not (s["outline"] or s["shadow"])]
        assert not hidden, f"focus not visible on: {hidden}"
        invisible = [s for s in self.stops if s["width"] < 1 or s["height"] < 1]
        assert not invisible, f"focus went to an element nobody sees: {invisible}"
        tops = [s["top"] for s in self.stops]
        backwards = [(a["label"][:10], b["label"][:10]) for a, b in zip(self.stops, self.stops[1:], strict=False)
                     if b["top"] < a["top"] - 4]
        assert not backwards, f"focus jumps up the page: {backwards} ({tops})"
        self.stops = []


def no_positive_tabindex(page):
    assert page.locator("[tabindex]:not([tabindex='0']):not([tabindex^='-'])").count() == 0


def test_apply_and_track_with_the_keyboard_only(live_server, page, cast, agency_ready):
    base = live_server.url
    kb = Keyboard(page)
    page.goto(f"{base}/apply/")
    no_positive_tabindex(page)

    # The first Tab reaches 「跳到正文」; Enter moves the focus to the main content, past the navigation.
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert skip["label"] == "跳到正文" and skip["outline"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    kb.tab_to("^向哪个机关申请")
    kb.choose(cast.dept_a.name)
    radio = kb.tab_to("自然人|法人或其他组织")
    if "自然人" not in radio["label"]:
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    assert page.get_by_label("自然人", exact=True).is_checked()
    kb.tab_to("^姓名或名称")
    kb.type("张三")
    kb.tab_to("^证件号码")
    kb.type(id_card())
    kb.tab_to("^联系电话")
    kb.type("13800005678")
    kb.tab_to("^通信地址")
    kb.type("北京市门头沟区新桥大街1号")
    kb.tab_to("^所需政府信息的名称")
    kb.type("2025年度区级科技项目立项清单")
    kb.tab_to("^便于查询的其他特征性描述")
    kb.type("含项目名称和资助金额")
    kb.tab_to("^提交申请$")
    kb.check_focus_shown_and_in_order()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/done/"))
    code = page.get_by_test_id("tracking-code").inner_text().strip()

    # Tracking, again by keyboard: the form is sent with Enter from the last field.
    page.goto(f"{base}/track/")
    no_positive_tabindex(page)
    kb.tab_to("^查询码")
    kb.type(code)
    kb.tab_to("联系电话后四位")
    kb.type("5678")
    kb.check_focus_shown_and_in_order()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/track/status/"))
    expect(page.get_by_test_id("case-status")).to_be_visible()
    assert "待确认" in page.locator("main").inner_text() and cast.dept_a.name in page.locator("main").inner_text()


def test_errors_take_the_keyboard_to_the_first_problem(live_server, page, cast, agency_ready):
    """Sent empty with Enter: the error summary is announced and each entry links to its field."""
    page.goto(f"{live_server.url}/apply/")
    kb = Keyboard(page)
    kb.tab_to("^提交申请$")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    # apply.js moves the focus to the summary once the page is parsed: wait for it, or the script may take
    # the focus back from the link below (the test then went red by chance).
    expect(summary).to_be_focused()
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("'#' + document.activeElement.id") == target
