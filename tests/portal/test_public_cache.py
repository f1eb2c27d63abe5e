"""What every visitor sees alike is cached, and a publication or a withdrawal shows at once: the home page's
lists, the 指南 and 目录 menus, the feed, the API; feeds, sitemaps and the API answer conditional GETs
with 304 until something public changes (issue 16, gongkai.publiccache)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai import publiccache
from gongkai.catalog import services

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def one(cast, make_item, publish):
    return publish(make_item("2025年区级科技项目立项清单", category="20-7", subject="科技、教育"), D(2026, 2, 2))


def _later(make_item, publish, title="2026年科技创新券申领指南"):
    return publish(make_item(title, category="20-7", subject="科技、教育"), D(2026, 2, 3))


def _get(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url, headers=headers)
    return resp, len(ctx.captured_queries)


def _main(resp) -> str:
    body = resp.content.decode()
    return body.split("<main", 1)[1].split("</main>", 1)[0] if "<main" in body else body


PAGES = ["/", "/gk/{slug}/", "/gk/{slug}/catalog/", "/catalog/", "/search/?q=科技", "/feeds/{slug}/rss.xml",
         "/feeds/{slug}/atom.xml", "/feeds/{slug}/20-7/atom.xml", "/api/items", "/api/items?agency={slug}",
         "/sitemap-items.xml"]


def test_a_publication_shows_at_once_on_every_cached_surface(client, cast, one, make_item, publish):
    urls = [u.format(slug=cast.dept_a.slug) for u in PAGES]
    for url in urls:
        first, _ = _get(client, url)
        assert first.status_code == 200, url
        again, queries = _get(client, url)
        assert _main(again) == _main(first), url  # the cached copy (outside <main>: the CSRF token varies)
        assert queries == 0 or url.startswith("/gk/"), (url, queries)  # the agency itself is still looked up
    new = _later(make_item, publish)
    for url in urls:
        body = client.get(url).content.decode()
        assert "2026年科技创新券申领指南" in body or f"/item/{new.pk}/" in body, url


def test_a_withdrawal_disappears_at_once(client, cast, one):
    urls = [u.format(slug=cast.dept_a.slug) for u in PAGES]
    for url in urls:
        assert "2025年区级科技项目立项清单" in client.get(url).content.decode() or f"/item/{one.pk}/" in \
            client.get(url).content.decode(), url
    services.withdraw_item(one, "内容有误", acting_user=cast.handler_a)
    for url in urls:
        body = client.get(url).content.decode()
        assert "2025年区级科技项目立项清单" not in body and f"/item/{one.pk}/" not in body, url
    assert client.get(f"/gk/{cast.dept_a.slug}/item/{one.pk}/").status_code == 404


def test_the_menu_counts_follow_a_publication(client, cast, one, make_item, publish):
    url = f"/gk/{cast.dept_a.slug}/catalog/"
    assert '?subject=%E7%A7%91%E6%8A%80%E3%80%81%E6%95%99%E8%82%B2"' in client.get(url).content.decode()
    assert '<span class="hint">1</span>' in client.get(url).content.decode()
    _later(make_item, publish)
    assert '<span class="hint">2</span>' in client.get(url).content.decode()
    assert "<span class=\"hint\">2 条</span>" in client.get("/catalog/").content.decode()


def test_an_agency_change_shows_at_once(client, cast, one):
    assert "区科信局办公室" not in client.get(f"/gk/{cast.dept_a.slug}/").content.decode()
    cast.dept_a.disclosure_office = "区科信局办公室"
    cast.dept_a.save()
    assert "区科信局办公室" in client.get(f"/gk/{cast.dept_a.slug}/").content.decode()


@pytest.mark.parametrize("path", ["/feeds/{slug}/rss.xml", "/feeds/{slug}/atom.xml", "/sitemap.xml",
                                  "/sitemap-items.xml", "/api/items", "/api/items?agency={slug}", "/api/agencies",
                                  "/api/items/{pk}", "/api/reports"])
def test_conditional_get_answers_304_until_something_public_changes(client, cast, one, make_item, publish, path):
    url = path.format(slug=cast.dept_a.slug, pk=one.pk)
    resp = client.get(url)
    assert resp.status_code == 200
    tag, modified = resp["ETag"], resp["Last-Modified"]
    assert tag.startswith('"') and modified.endswith("GMT")
    not_modified, queries = _get(client, url, if_none_match=tag)
    assert not_modified.status_code == 304 and not_modified.content == b"" and queries == 0
    assert not_modified["ETag"] == tag
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200
    _later(make_item, publish)
    changed = client.get(url, headers={"if-none-match": tag})
    assert changed.status_code == 200 and changed["ETag"] != tag


def test_the_etag_depends_on_the_url(client, cast, one):
    a = client.get("/api/items?page=1")["ETag"]
    b = client.get("/api/items?page=2")["ETag"]
    assert a != b


def test_an_error_is_not_kept(client, cast, one):
    assert client.get("/api/items?year=abc").status_code == 400
    assert "ETag" not in client.get("/api/items?year=abc")
    assert client.get("/feeds/no-such-agency/rss.xml").status_code == 404


def test_a_draft_saved_inside_a_transaction_bumps_the_version_and_again_on_commit(
        cast, make_item, django_capture_on_commit_callbacks):
    before = publiccache.version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_item("草稿")
        during = publiccache.version()
    assert during > before  # at once: this process never serves the old copy after the change
    assert callbacks and publiccache.version() > during  # and after COMMIT: no copy read mid-transaction survives


def test_the_guide_follows_its_staff_written_text_and_shows_the_edit_link_only_to_staff(client, cast, one):
    from gongkai.portal import services as portal_services

    url = f"/gk/{cast.dept_a.slug}/"
    assert "本机关的补充说明" not in client.get(url).content.decode()
    portal_services.update_guide(cast.dept_a, acting_user=cast.handler_a, changes={"foreword": "本机关的补充说明"})
    assert "本机关的补充说明" in client.get(url).content.decode()
    assert "编辑指南的补充内容" not in client.get(url).content.decode()
    client.force_login(cast.handler_a)
    assert "编辑指南的补充内容" in client.get(url).content.decode()  # the cached block is shared, the link is not
