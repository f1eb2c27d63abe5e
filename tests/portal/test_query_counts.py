"""SQL queries per public page, with nothing cached, at two data sizes: the count is the same for one item
as for many (no query per listed row: an N+1 fails here), and within a budget (issue 16)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.catalog import services
from gongkai.catalog.models import Genre

pytestmark = pytest.mark.django_db
D = dt.date

#: path → most queries the page may take with an empty cache (anonymous visitor).
BUDGET = {
    "/": 3,
    "/gk/{slug}/": 7,
    "/gk/{slug}/catalog/": 6,
    "/catalog/": 6,
    "/search/?q=科技": 6,
    "/gk/{slug}/item/{pk}/": 6,
    "/feeds/{slug}/rss.xml": 3,
    "/feeds/{slug}/atom.xml": 3,
    "/api/items": 3,
    "/api/items/{pk}": 5,
    "/api/agencies": 1,
    "/sitemap-items.xml": 3,
    "/reports/": 1,
}


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 test")


def _queries(client, url) -> int:
    cache.clear()  # the uncached path: what the first visitor after a publication costs
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, url
    return len(ctx.captured_queries)


def _counts(client, cast, policy) -> dict[str, int]:
    return {path: _queries(client, path.format(slug=cast.dept_a.slug, pk=policy.pk)) for path in BUDGET}


def test_public_pages_take_the_same_queries_for_one_item_as_for_many(client, cast, make_item, publish):
    policy = make_item("科技创新若干措施", category="20-1", genre=Genre.NORMATIVE, subject="科技、教育")
    services.add_attachment(policy, _pdf("附件一.pdf"), acting_user=cast.handler_a)
    publish(policy, D(2026, 2, 2))
    one = _counts(client, cast, policy)

    for i in range(6):  # more items, attachments, interpretations: every list grows
        item = make_item(f"科技项目公示第{i}号", category="20-7", subject="科技、教育",
                         **({"genre": Genre.INTERPRETATION, "interprets": [policy.pk]} if i < 2 else {}))
        services.add_attachment(item, _pdf(f"附件{i}.pdf"), acting_user=cast.handler_a)
        publish(item, D(2026, 2, 3))
    many = _counts(client, cast, policy)

    assert many == one  # no query per row
    over = {path: n for path, n in one.items() if n > BUDGET[path]}
    assert not over, over
