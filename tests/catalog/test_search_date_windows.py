"""Several terms on PostgreSQL are searched one window of 发布日期 at a time, newest first (search.py,
PostgresBackend._windowed); the windows only change how fast the newest matches are found, never which
ones: the results equal one query over all matches, also when the cap cuts them off mid-window."""

import datetime as dt
import random

import pytest
from django.db import connection

from gongkai.catalog import search as search_mod
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.search import search

WORDS = ["招聘", "事业单位", "预算", "通知", "2023", "公告", "政府采购意向"]


@pytest.fixture
def spread(make_item):
    """Published items over four months (often several on a day, a few without 发布日期), random word mixes."""
    rng = random.Random(11)
    start = dt.date(2023, 1, 1)
    for n in range(60):
        words = rng.sample(WORDS, rng.randint(1, 4))
        item = make_item("关于" + "".join(words[:2]) + "的文件", body=f"<p>{'，'.join(words[2:])}。</p>")
        day = None if n % 17 == 0 else start + dt.timedelta(days=rng.randrange(0, 120))
        CatalogItem.objects.filter(pk=item.pk).update(published_on=day, status="published")


def ranked(query):
    r = search(query, queryset=CatalogItem.objects.all(), per_page=100)
    return [i.pk for i in r.items], r.total, r.capped


QUERIES = ["招聘 事业单位", "预算 通知", "2023 政府采购意向", "公告 通知 招聘", "事业单位 政府采购意向"]


@pytest.mark.parametrize("cap", [3, 8, 1000])
def test_date_windows_give_the_same_results_as_one_query(spread, monkeypatch, cap):
    monkeypatch.setattr(search_mod, "COUNT_CAP", cap)
    monkeypatch.setattr(search_mod, "SCAN_COUNT_CAP", cap)
    monkeypatch.setattr(search_mod, "_pg_span_cache", {})
    monkeypatch.setattr(search_mod, "PG_COMMON_LONG", 2.0)  # whatever the statistics say:
    monkeypatch.setattr(search_mod, "PG_DENSE", 2.0)  # every query of several terms takes the windows
    monkeypatch.setattr(search_mod, "PG_MAX_WINDOWS", 1)  # one unbounded window: a single query
    single = {q: ranked(q) for q in QUERIES}
    # Windows of a few days (statistics of a small table count about one item a day).
    monkeypatch.setattr(search_mod, "PG_WINDOW_ROWS", 3)
    monkeypatch.setattr(search_mod, "PG_MAX_WINDOWS", 4)
    queries = []
    by_date = search_mod._by_date
    monkeypatch.setattr(search_mod, "_by_date", lambda qs, limit: queries.append(limit) or by_date(qs, limit))
    hits = 0
    for q in QUERIES:
        assert ranked(q) == single[q], q
        hits += single[q][1]
        expected = CatalogItem.objects.filter(search_mod._all_contain(q.split())).count()
        assert single[q][1] == min(expected, cap), q
    assert hits > 10  # not vacuous
    if connection.vendor == "postgresql":
        assert len(queries) > len(QUERIES)  # several windows were searched
