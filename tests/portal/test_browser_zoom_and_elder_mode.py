"""GB/T 37668-2019 / 适老化 checks axe-core cannot make (issue 17 item 3).

- 200 % zoom: a 1280 px window zoomed to 200 % lays pages out in 640 CSS px; no public page then scrolls
  sideways (tables scroll inside their own box). Every public page found by crawling the demo site.
- 长者模式: the header's switch, by keyboard, makes the type larger (125 %), keeps links underlined and
  lays tiles out in one column; it persists across pages and visits (a cookie) and switches off again.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from a11y import axe_violations, crawl, describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(db):
    call_command("demo", password="test-pass-123", stdout=io.StringIO())


def test_no_public_page_scrolls_sideways_at_200_percent_zoom(demo_site, live_server, browser):
    pages = crawl(Client(), ["/", "/apply/", "/track/", "/search/?q=科技"]).pages
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    overflowing = {}
    try:
        for url in pages.values():
            page.goto(live_server.url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 640:
                overflowing[url] = width
    finally:
        context.close()
    assert len(pages) >= 15
    assert not overflowing, f"pages wider than 640 CSS px at 200 % zoom: {overflowing}"


def _focus_switch(page):
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "长者模式":
            return
    raise AssertionError("Tab never reached 长者模式")


def test_elder_mode_by_keyboard_persists_and_switches_off(demo_site, live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    base = live_server.url
    try:
        page.goto(f"{base}/catalog/")
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"
        _focus_switch(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{base}/catalog/"  # back on the same page
        assert page.evaluate("document.documentElement.classList.contains('elder')")
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
        assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "true"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if found := axe_violations(page):
            raise AssertionError(describe({"长者模式 /catalog/": found}))

        # It persists: another page, and a new tab of the same browser profile.
        page.goto(f"{base}/")
        assert page.evaluate("document.documentElement.classList.contains('elder')")
        link = page.locator("main a").first
        assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
        if found := axe_violations(page):
            raise AssertionError(describe({"长者模式 /": found}))
        other = context.new_page()
        other.goto(f"{base}/apply/")
        assert other.evaluate("document.documentElement.classList.contains('elder')")
        other.close()

        # And switches off the same way.
        _focus_switch(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{base}/"
        assert not page.evaluate("document.documentElement.classList.contains('elder')")
        assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "false"
    finally:
        context.close()


def test_the_switch_returns_only_to_this_site(client):
    response = client.post("/elder/", {"on": "1", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["gk_elder"].value == "1"
    response = client.post("/elder/", {"on": "0", "next": "/catalog/"})
    assert response["Location"] == "/catalog/" and response.cookies["gk_elder"].value == ""
    assert client.get("/elder/").status_code == 405
