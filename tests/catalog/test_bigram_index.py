"""Two-character terms go through the bigram index and match exactly the items whose title, body,
文号/索引号/关键词 contain them once folded (traditional → simplified, NFKC, ASCII lower case): the same
rows as `__contains` on the folded fields, computed here in Python from the stored fields."""

import random

import pytest
from django.db import connection, transaction
from django.db.models import Q

from gongkai.catalog import search as search_mod
from gongkai.catalog import services
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.search import parse_terms, search, search_queryset
from gongkai.catalog.text import fold_for_search

# CJK, ASCII in both cases, digits, full-width and ASCII punctuation, LIKE wildcards, quotes,
# a four-byte character, an accented letter, 文号 brackets.
# Traditional forms (政務資訊), full-width digits (１２).
ALPHABET = list("政府信息公开碳汇预算Aab B12〔〕%_\"'😀é（）、務資訊１２")


# (BIGRAM_LOOKUP, BIGRAM_PROBE, PG_BIGRAM_RARE) sending every term on SQLite through the rowid
# lookups, then the 发布日期 walk over the bigram set, then (mostly) the LIKE scan; on PostgreSQL
# through the bigram index, then through LIKE.
PATHS = [(10**6, 10**6, 1.0), (0, 10**6, 1.0), (0, 1, -1.0)]


def contains(term):
    """`term` (as typed) folded, as a substring of an item's folded title, body text or metadata."""
    (folded,) = parse_terms(term) or [""]
    rows = CatalogItem.objects.values_list("pk", "title", "body_text", "meta_text")
    return {pk for pk, *fields in rows if folded and any(folded in fold_for_search(f) for f in fields)}


def test_contains_agrees_with_the_stored_column():
    # The Python reference and `__contains` on search_text are the same thing.
    assert search_mod._contains("碳汇") == Q(search_text__contains="碳汇")


def found(query, **kwargs):
    r = search(query, queryset=CatalogItem.objects.all(), per_page=100, **kwargs)
    assert not r.capped
    return {i.pk for i in r.items}


def exported(query):
    return set(search_queryset(query, queryset=CatalogItem.objects.all()).values_list("pk", flat=True))


@pytest.fixture
def varied(make_item):
    rng = random.Random(6)

    def text(n):
        return "".join(rng.choice(ALPHABET) for _ in range(n))

    items = []
    for _ in range(36):
        # Short and empty fields too: a field of one character has no bigram.
        title = text(rng.choice([1, 2, 3, 8])).strip() or "甲"
        items.append(make_item(title, body=f"<p>{text(rng.choice([0, 1, 2, 5, 20]))}</p>",
                               doc_no=text(rng.choice([0, 2, 4])), keywords=text(rng.choice([0, 1, 3]))))
        assert items[-1].pk
    return items


def two_character_terms():
    stored = CatalogItem.objects.values_list("title", "body_text", "meta_text")
    present = {f[i : i + 2] for row in stored for f in row for i in range(len(f) - 1)}
    terms = {q for q in present if len(parse_terms(q)) == 1 and len(parse_terms(q)[0]) == 2}
    # And some that may be absent, with ASCII case variants and traditional forms typed as such.
    terms |= {a + b for a in "碳Aa%務" for b in "汇Bb_資"}
    return sorted(terms)


def test_two_character_terms_match_exactly_what_contains_matches(varied, monkeypatch):
    terms = two_character_terms()
    assert len(terms) > 100
    hits = 0
    for lookup, probe, rare in PATHS:
        monkeypatch.setattr(search_mod, "BIGRAM_LOOKUP", lookup)
        monkeypatch.setattr(search_mod, "BIGRAM_PROBE", probe)
        monkeypatch.setattr(search_mod, "PG_BIGRAM_RARE", rare)
        monkeypatch.setattr(search_mod, "PG_BIGRAM_PROBE", probe)
        for term in terms:
            expected = contains(term)
            hits += bool(expected)
            assert found(term) == expected, term
            assert exported(term) == expected, term
    assert hits > 50  # the comparison is not vacuous


def test_two_character_terms_combine_with_other_terms(varied, monkeypatch):
    rng = random.Random(2)
    terms = two_character_terms()
    others = ["碳", "a", "政府信", "〔", "B1"]  # one character, three characters, mixed
    for lookup, probe, rare in PATHS:
        monkeypatch.setattr(search_mod, "BIGRAM_LOOKUP", lookup)
        monkeypatch.setattr(search_mod, "BIGRAM_PROBE", probe)
        monkeypatch.setattr(search_mod, "PG_BIGRAM_RARE", rare)
        monkeypatch.setattr(search_mod, "PG_BIGRAM_PROBE", probe)
        for term in rng.sample(terms, 30):
            for other in rng.sample(others, 2):
                expected = contains(term) & contains(other)
                assert found(f"{term} {other}") == expected, (term, other)
                assert exported(f"{term} {other}") == expected, (term, other)
            second = rng.choice(terms)
            assert found(f"{term} {second}") == contains(term) & contains(second), (term, second)


def test_the_bigram_index_follows_edits_and_deletes(cast, make_item):
    item = make_item("关于林业碳汇项目的通知", body="<p>正文</p>")
    other = make_item("无关的通知", body="<p>内容</p>")
    assert found("碳汇") == {item.pk}
    services.update_draft(item, {"title": "关于林业项目的通知", "body": "<p>增加碳汇</p>"}, acting_user=cast.handler_a)
    assert found("碳汇") == {item.pk}
    services.update_draft(item, {"body": "<p>正文</p>"}, acting_user=cast.handler_a)
    assert found("碳汇") == set()
    assert found("林业") == {item.pk}
    services.update_draft(other, {"keywords": "碳汇"}, acting_user=cast.handler_a)
    assert found("碳汇") == {other.pk}
    # Deleting a row (a data repair; the app itself never deletes items) leaves no stale entry.
    CatalogItem.objects.filter(pk=other.pk).delete()
    assert found("碳汇") == set() == bigram_index_ids("碳汇")


def bigram_index_ids(term):
    """The rows the bigram structure itself returns for `term` (not the LIKE fallback)."""
    (term,) = parse_terms(term)
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            table = search_mod.BIGRAM_TABLE
            cur.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [f'"{search_mod.bigram_token(term)}"'])
        else:
            cur.execute(f"SELECT id FROM catalog_catalogitem WHERE ({search_mod.BIGRAM_PG_EXPRESSION}) @> %s::text[]",
                        [[term]])
        return {row[0] for row in cur.fetchall()}


def test_the_bigram_structure_itself_is_exact(varied):
    for term in two_character_terms():
        assert bigram_index_ids(term) == contains(term), term


def test_postgresql_answers_a_rare_two_character_term_from_the_bigram_index(varied):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL plan")
    # The query's expression must be the indexed one, character for character (casts included).
    qs = CatalogItem.objects.filter(search_mod.get_backend().matches(["碳汇"])).values("pk")
    sql, params = qs.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cur:
        # Only the plan's *possibility* is asked: with sequential and plain index scans off, the one way
        # left to answer the filter is a bitmap scan of an index whose expression matches it. (With only
        # seqscan off the planner may walk the primary key with a filter instead: a chance, not an answer.)
        cur.execute("ANALYZE catalog_catalogitem")
        for knob in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cur.execute(f"SET LOCAL {knob} = off")
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "catalog_item_bigrams" in plan


def test_single_characters_and_case(cast, make_item):
    upper = make_item("AB 类项目", body="<p>x</p>")
    lower = make_item("ab 类项目", body="<p>x</p>")
    # ASCII case is folded into the stored text and the query alike: the same on both databases.
    assert found("AB") == {upper.pk, lower.pk} == found("ab") == contains("AB")
    assert found("类") == found("類") == {upper.pk, lower.pk}
