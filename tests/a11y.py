"""Accessibility checks shared by the browser tests: axe-core (WCAG 2.1 A/AA) and a same-site crawler.

axe-core is the copy shipped in the `axe-playwright-python` wheel (test extra); it is evaluated in the
page through the DevTools protocol, so the site's Content-Security-Policy (no inline script) stays on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)


def axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


_AXE = None


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; return the violations (rule id, impact, nodes)."""
    global _AXE
    if _AXE is None:
        _AXE = axe_source()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE)
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}); return r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '),"
        " summary: n.failureSummary, html: n.html.slice(0, 200)}))})); }",
        WCAG_TAGS,
    )
    return result


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: {v['id']} ({v['impact']}) {v['help']}")
            for n in v["nodes"]:
                lines.append(f"    {n['target']}  {n['html']}")
                lines.append("      " + (n["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


# -- crawling: every page a visitor or a signed-in user can reach by links -----------------------------

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/accounts/logout/")


@dataclass
class Crawl:
    """One example URL per route name (`portal:item` …) reached by following links from the start pages."""

    pages: dict[str, str] = field(default_factory=dict)  # route name → path?query
    other: set[str] = field(default_factory=set)  # route names answered with something else than HTML


def crawl(client, starts, *, limit=800, per_route=8) -> Crawl:
    from django.urls import Resolver404, resolve

    out = Crawl()
    seen_paths: set[str] = set()
    followed: dict[tuple[str, bool], int] = {}
    queue = list(starts)
    fetched = 0
    while queue and fetched < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc not in ("testserver",):
            continue
        path = parts.path
        if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
            continue
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        key = path + ("?" + parts.query if parts.query else "")
        # A few examples of each route are followed (objects in different states link to different
        # pages); the first is the one checked, plus one query-string variant (a filter, page 2).
        if key in seen_paths or followed.get((name, bool(parts.query)), 0) >= per_route:
            continue
        followed[(name, bool(parts.query))] = followed.get((name, bool(parts.query)), 0) + 1
        seen_paths.add(key)
        fetched += 1
        response = client.get(key)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            if response.status_code == 200:
                out.other.add(name)
            continue
        if name not in out.pages:
            out.pages[name] = key
        elif parts.query:
            out.pages[name + "?"] = key
        tree = HTMLParser(response.content.decode("utf-8", errors="replace"))
        for a in tree.css("a[href]"):
            href = a.attributes.get("href") or ""
            if href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            queue.append(urljoin(key, href.split("#")[0]))
    return out


def cookie_for(client, base_url: str) -> list[dict]:
    """The Django test client's session cookie, for a Playwright context of the live server."""
    from django.conf import settings

    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}]


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)
