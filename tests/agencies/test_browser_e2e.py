"""The base UI in a real browser (Debian's chromium): keyboard use, focus, small screens, login."""

import pytest

pytestmark = pytest.mark.e2e


def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(live_server, page, cast):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "跳到正文"]
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["width"] > 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_keyboard_focus_is_visible(live_server, page, cast):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").focus()
    page.keyboard.press("Tab")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [document.activeElement.id, s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] == "id_password" and style[1] != "none" and style[2] != "0px"


def test_a_handler_logs_in_with_the_keyboard_and_reaches_the_staff_home(live_server, page, cast, staff_login):
    staff_login(cast.handler_a)
    assert page.locator("h1").inner_text() == "工作台"
    assert "经办人" in page.locator("main").inner_text()


def test_pages_fit_a_phone_screen(live_server, page, cast, staff_login):
    page.set_viewport_size({"width": 360, "height": 720})
    staff_login(cast.supervisor)
    for path in ("/", "/staff/", "/staff/agencies/", "/staff/audit/", f"/staff/agencies/{cast.dept_a.slug}/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 361, f"{path} scrolls sideways ({width}px)"
