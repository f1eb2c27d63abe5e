"""Accessibility (issue 17, GB/T 37668-2019; WCAG 2.1 A/AA by axe-core) of every page, public and staff.

The page list is not written by hand: the demo data is loaded and the site is crawled by its links, as a
visitor and as each demo role; every route of the URLconf that answers HTML must be among the pages found
(or be named in NOT_CRAWLED with the reason), so a new page is checked as soon as it is linked.
Each page is checked at 1280 px and at 390 px in one browser against one live server.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import expect

from a11y import WIDTHS, axe_violations, cookie_for, crawl, describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ("kxj_handler", "kxj_reviewer", "kxj_head", "jw_handler", "supervisor", "admin")

# Routes that answer HTML but are not reached by a plain link (a POST target, a page of a state the demo
# data does not hold); the interaction tests below cover those that show a page.
NOT_CRAWLED = {
    "logout": "POST only",
    "portal:elder-mode": "POST (the header's 长者模式 switch): tests/portal/test_browser_zoom_and_elder_mode.py",
    "cases:track-status": "reached by the tracking form (code + second factor): test_keyboard_apply_and_track",
    "cases:track-correction": "POST of the tracking page",
    "cases:apply-done": "after the application form: test_keyboard_apply_and_track",
    "cases:registered": "after registering an application (POST)",
    "cases:action": "POST of the case page's action forms",
    "cases:held-issue": "POST",
    "cases:document-supersede": "POST",
    "catalog:item-action": "POST of the item page's actions",
    "catalog:attachment-remove": "POST",
    "reports:recompute": "POST", "reports:submit": "POST", "reports:return": "POST", "reports:approve": "POST",
    "reports:publish": "POST", "reports:unlock": "POST", "reports:urge": "POST",
    "reports:audit-cancel": "POST", "reports:audit-resume": "POST",
    "remedies:delete": "POST",
    "workcal:local-delete": "POST",
    "catalog:item-delete": "POST",
    "catalog:item-amend": "POST", "catalog:attachment-add": "POST",
    "reports:compute": "POST", "reports:import": "POST", "reports:text": "POST", "reports:government": "POST",
    "reports:audit-new": "POST",
    "catalog:import-detail": "after a catalogue upload (POST); the demo data holds no import",
    "catalog:import-resume": "POST of an interrupted import's result page",
    "remedies:result": "POST", "remedies:document-upload": "POST",
    "password_change_done": "after the password form (POST)",
    "cases:mine-detail": "an application made with an applicant account; the demo has none (same template as "
                         "cases:track-status)",
    "reports:audit-detail": "a batch audit; the demo has none", "reports:audit-progress": "htmx fragment of the "
    "batch audit", "reports:audit-item": "htmx fragment of the batch audit",
    # Not HTML: files, feeds, sitemaps, the JSON API (when linked they are found and skipped).
    "cases:attachment": "file", "cases:track-document": "file", "cases:track-file": "file",
    "catalog:attachment": "file", "portal:attachment": "file", "remedies:document": "file",
    "portal:sitemap": "XML", "portal:sitemap-section": "XML", "portal:feed-category-rss": "XML",
    "portal:api-agencies": "JSON", "portal:api-agency": "JSON", "portal:api-item": "JSON",
    "portal:api-items": "JSON", "portal:api-reports": "JSON",
}


def _routes(patterns=None, ns=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("admin"):
                continue
            yield from _routes(p.url_patterns, f"{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name:
            yield ns + p.name


@pytest.fixture
def demo_site(db):
    from gongkai.agencies.models import Agency
    from gongkai.portal.models import ErrorKind
    from gongkai.portal.services import submit_error_report

    call_command("demo", password="test-pass-123", stdout=io.StringIO())
    # A reader's 「我为政府网站找错」 report, so that the staff queue has a page to open.
    submit_error_report(Agency.objects.get(slug="mtg-kxj"), {
        "page_url": "/gk/mtg-kxj/", "kind": list(ErrorKind)[0].value, "description": "联系电话有误。"})


def test_every_page_has_no_axe_violation_at_1280_and_390(demo_site, live_server, browser):
    from gongkai.agencies.models import User

    visits = []  # (who, url, interaction or None)
    anonymous = crawl(Client(), ["/", "/apply/", "/track/", "/search/?q=科技", "/accounts/login/"])
    visits += [("公众", url, None) for url in anonymous.pages.values()]
    found_routes = set(anonymous.pages) | anonymous.other
    clients = {}
    for username in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
        staff = crawl(client, ["/staff/", "/track/mine/"])
        # Each route once (the first role that reaches it), but every role's own 工作台.
        visits += [(username, url, None) for name, url in staff.pages.items()
                   if name not in found_routes or name == "staff-home"]
        found_routes |= set(staff.pages) | staff.other

    missing = {r for r in _routes() if r not in {n.rstrip("?") for n in found_routes}} - set(NOT_CRAWLED)
    assert not missing, f"routes neither crawled nor listed in NOT_CRAWLED: {sorted(missing)}"

    # Page states reached by interaction: forms sent with errors, an htmx fragment loaded.
    visits += [
        ("公众", "/apply/", submit("提交申请")),
        ("公众", "/track/", submit("查询")),
        ("公众", "/zhaocuo/", submit("提交")),
        ("kxj_handler", "/staff/catalog/new/", submit("保存草稿")),
        ("kxj_handler", "/staff/remedies/new/", submit("保存")),
        ("kxj_handler", "/staff/cases/new/", submit("登记")),
        ("kxj_handler", _case_with_lazy_actions(clients["kxj_handler"]), open_action_panel),
    ]

    violations = {}
    contexts = {}
    try:
        for who, url, interaction in visits:
            if who not in contexts:
                contexts[who] = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
                if who != "公众":
                    contexts[who].add_cookies(cookie_for(clients[who], live_server.url))
                contexts[who].page = contexts[who].new_page()
            page = contexts[who].page
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(live_server.url + url)
            where = f"{who} {url}"
            if interaction:
                where += f" ({interaction(page)})"
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                if found := axe_violations(page):
                    violations[f"{where} @{width}"] = found
    finally:
        for ctx in contexts.values():
            ctx.close()
    print(f"axe: {len(visits)} page states × {len(WIDTHS)} widths, {len(violations)} with violations")
    assert len(visits) > 60
    assert not violations, f"{len(violations)} page states with violations:\n" + describe(violations)


def submit(button):
    def interaction(page):
        page.get_by_role("button", name=button, exact=True).first.click()
        page.wait_for_load_state()
        expect(page.locator(".errorlist, .errors, .message.error").first).to_be_visible()
        return f"「{button}」 with errors"
    return interaction


def open_action_panel(page):
    panel = page.locator("details.action[hx-get]").first
    panel.locator("summary").click()
    expect(panel.locator(".action-body form")).to_be_visible()
    return "action form loaded by htmx"


def _case_with_lazy_actions(client):
    """A demo case whose page has an action panel loaded on opening (htmx)."""
    from gongkai.cases.models import Application

    for case in Application.objects.filter(agency__slug="mtg-kxj").order_by("pk"):
        url = f"/staff/cases/{case.pk}/"
        if 'hx-trigger="toggle once"' in client.get(url).content.decode():
            return url
    raise AssertionError("no demo case with an action panel loaded by htmx")
