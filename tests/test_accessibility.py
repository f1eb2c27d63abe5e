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

from a11y import WIDTHS, axe_violations, cookie_for, crawl, describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ("kxj_handler", "kxj_reviewer", "kxj_head", "jw_handler", "supervisor", "admin")

# Routes that answer HTML but are not reached by a plain link (a POST target, a page of a state the demo
# data does not hold); the interaction tests below cover those that show a page.
NOT_CRAWLED = {
    "logout": "POST only",
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
    call_command("demo", password="test-pass-123", stdout=io.StringIO())


def test_every_page_has_no_axe_violation_at_1280_and_390(demo_site, live_server, browser):
    from gongkai.agencies.models import User

    visits = []  # (who, route, url)
    anonymous = crawl(Client(), ["/", "/apply/", "/track/", "/search/?q=科技", "/accounts/login/"])
    visits += [("公众", name, url) for name, url in anonymous.pages.items()]
    found_routes = set(anonymous.pages) | anonymous.other
    clients = {}
    for username in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
        staff = crawl(client, ["/staff/", "/track/mine/"])
        new = {n: u for n, u in staff.pages.items() if n not in anonymous.pages}
        visits += [(username, name, url) for name, url in new.items()]
        found_routes |= set(staff.pages) | staff.other

    missing = {r for r in _routes() if r not in {n.rstrip("?") for n in found_routes}} - set(NOT_CRAWLED)
    # Feeds, sitemaps, API and file downloads are not HTML: found as `other` when linked; the rest listed.
    assert not missing, f"routes neither crawled nor listed in NOT_CRAWLED: {sorted(missing)}"

    violations = {}
    contexts = {}
    try:
        for who, name, url in visits:
            if who not in contexts:
                contexts[who] = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
                if who != "公众":
                    contexts[who].add_cookies(cookie_for(clients[who], live_server.url))
                contexts[who].page = contexts[who].new_page()
            page = contexts[who].page
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(live_server.url + url)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                if found := axe_violations(page):
                    violations[f"{who} {url} @{width}"] = found
    finally:
        for ctx in contexts.values():
            ctx.close()
    print(f"axe: {len(visits)} pages × {len(WIDTHS)} widths")
    assert not violations, f"{len(violations)} page states with violations:\n" + describe(violations)
