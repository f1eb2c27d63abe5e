"""The base layout: Chinese, landmarks, skip link, labelled fields, colour contrast, htmx."""

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import gongkai

CSS = (Path(gongkai.__file__).parent / "static" / "gongkai" / "site.css").read_text()


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return HTMLParser(response.content.decode())


@pytest.mark.parametrize("who,url", [(None, "/"), (None, "/accounts/login/"), ("handler_a", "/staff/"),
                                     ("admin", "/staff/audit/"), ("admin", "/staff/agencies/dept-a/edit/")])
def test_pages_have_language_landmarks_and_a_skip_link(client, cast, who, url):
    if who:
        client.force_login(getattr(cast, who))
    tree = _page(client, url)
    assert tree.css_first("html").attributes["lang"] == "zh-CN"
    assert tree.css_first("title").text().strip()
    skip = tree.css_first("body > a.skip-link")
    assert skip.attributes["href"] == "#main" and skip.text() == "跳到正文"
    assert tree.css_first("main#main") is not None
    assert tree.css_first("header") is not None and tree.css_first("footer") is not None
    assert all(nav.attributes.get("aria-label") for nav in tree.css("nav"))
    assert len(tree.css("h1")) == 1
    assert tree.css_first('script[src$="htmx.min.js"]') is not None


@pytest.mark.parametrize("who,url", [(None, "/accounts/login/"), ("admin", "/staff/agencies/dept-a/edit/"),
                                     ("admin", "/staff/audit/"), ("handler_a", "/accounts/password/")])
def test_every_form_field_has_a_label(client, cast, who, url):
    if who:
        client.force_login(getattr(cast, who))
    tree = _page(client, url)
    fields = [n for n in tree.css("main input, main select, main textarea")
              if n.attributes.get("type") not in ("hidden", "submit")]
    assert fields
    labels = {n.attributes.get("for") for n in tree.css("main label")}
    unlabelled = [n.attributes.get("name") for n in fields if n.attributes.get("id") not in labels]
    assert not unlabelled


def test_the_staff_navigation_shows_only_what_the_role_may_use(client, cast):
    client.force_login(cast.handler_a)
    nav = _page(client, "/staff/").css_first('nav[aria-label="工作人员导航"]').text()
    assert "机关信息" in nav and "审计日志" not in nav
    client.force_login(cast.head_a)
    assert "审计日志" in _page(client, "/staff/").css_first('nav[aria-label="工作人员导航"]').text()


def test_htmx_posts_carry_the_csrf_token(client, cast):
    client.force_login(cast.handler_a)
    body = _page(client, "/staff/").css_first("body")
    assert '"X-CSRFToken"' in body.attributes["hx-headers"]


def test_the_public_home_page_and_the_staff_home_page(client, cast):
    assert "北京市门头沟区科学技术和信息化局" in _page(client, "/").text()
    client.force_login(cast.supervisor)
    staff = _page(client, "/staff/").text()
    assert "主管范围内的机关" in staff and "北京市门头沟区教育委员会" in staff
    client.force_login(cast.public)
    assert client.get("/staff/").status_code == 403


def test_the_static_files_are_found_for_runserver_and_collectstatic():
    from django.contrib.staticfiles import finders

    for name in ("gongkai/site.css", "gongkai/htmx.min.js", "gongkai/htmx.LICENSE.txt"):
        assert finders.find(name), name


# -- colour contrast (WCAG 2.x: at least 4.5:1 for normal text) -------------------------------------


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_colours_have_enough_contrast():
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", CSS))
    pairs = [  # (text, background) as used in site.css
        ("fg", "bg"), ("muted", "bg"), ("accent-dark", "bg"), ("bad", "bg"), ("ok", "bg"), ("warn", "bg"),
        ("muted", "soft"), ("fg", "soft"), ("accent-dark", "soft"),
    ]
    for text, background in pairs:
        assert _contrast(colours[text], colours[background]) >= 4.5, (text, background)
    # White text on the header bars and buttons.
    for background in ("accent", "accent-dark"):
        assert _contrast("#ffffff", colours[background]) >= 4.5, background
    assert _contrast("#767676", "#ffffff") >= 4.5  # input borders double as the field outline


def test_the_navigation_does_not_query_per_menu_entry(client, cast, django_assert_max_num_queries):
    from gongkai.agencies import queues

    # session, user, roles, agency, its government and the supervised list: not one query per entry;
    # the 工作台's 待办 counts a few queries per queue, and the navigation badge reuses them.
    client.force_login(cast.supervisor)
    per_queue = 3 * len(queues.queues_for(cast.supervisor))
    with django_assert_max_num_queries(8 + per_queue):
        assert client.get("/staff/").status_code == 200
    with django_assert_max_num_queries(8):  # another page: the badge comes from the cache
        assert client.get("/staff/agencies/").status_code == 200
