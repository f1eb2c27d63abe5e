"""Chinese full-text search over the catalogue: ONE API, a backend per database (docs/stack.md §1.3).

    search(query, filters) -> SearchResults

Terms are matched as exact substrings of `search_text`: title, meta_text (文号, 索引号, 关键词) and
body_text folded by `text.fold_for_search` (traditional → simplified with opencc, NFKC, ASCII lower
case; migration 0005), as `__contains` on that column would match them; the query is folded the same
way, and a term mixing Han with letters or digits is split (「部门决算2024」 → 「部门决算」 「2024」), so
「政務公開」 finds 「政务公开」 and word order does not matter. The indexes below only find those rows faster.

- SQLite: an FTS5 table with the trigram tokenizer (migration 0005, kept in sync by triggers)
  answers terms of three or more characters; a contentless FTS5 table of character bigrams
  (hex tokens, triggers) answers two-character terms. Trigram cannot match shorter
  terms, and on SQLite 3.40 `LIKE` against a trigram table silently returns nothing for them, so
  LIKE never touches an FTS table: one-character terms, and the other terms of a query once an
  index has narrowed it, go through `__contains` on the base table.
- PostgreSQL: a pg_trgm GIN index on the same column, queried with `__contains` (`LIKE`), not
  `__icontains` (`UPPER(...) LIKE` cannot use a plain gin_trgm_ops index; the text is lower case
  already); a GIN index on the array of bigrams for two-character terms, queried with `@>`.
- One-character terms have no index: they are found by scanning in 发布日期 order, which stops
  early for the common ones (a rare single character is a full scan; use a longer term).

The backend is chosen from `connection.vendor`. Terms are ANDed. Ranking, the same on both:
  1. an exact 索引号 or 文号 equal to the whole query;
  2. items whose title contains every term;
  3. the other matches (metadata, body);
newest first within each tier (发布日期, then id).

Cost control (a million items): the database returns at most `COUNT_CAP` + 1 candidate matches,
and they are ranked in Python. PostgreSQL and the short-term path take the newest matches by
发布日期 (an index walk that stops early for common terms; the planner takes the bigram index for
rare ones); several terms that are neither rare nor dense together are searched one 发布日期 window at a
time, newest first, each window intersecting the term bitmaps with the date range (PostgresBackend._windowed). On SQLite a two-character term with at most `BIGRAM_PROBE` matches is answered from its
bigram matches, newest by 发布日期 (see BIGRAM_LOOKUP); otherwise the FTS5 trigram path takes matches in
rowid order, newest rows first, in windows (FTS5 streams rowids in that order without evaluating
every match of a common phrase), and common short terms alone are scanned in 发布日期 order. When
more than `COUNT_CAP` items match, the results are therefore the ranked most recent `COUNT_CAP`
matches, and the count reads 「200 条以上」.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from .models import CatalogItem
from .text import fold_for_search, normalise_doc_no, normalise_query, parse_index_no, split_han_latin

# The search structures built by migration 0005 (which keeps its own frozen copy of these literals;
# tests/test_architecture.py checks they agree — runtime code imports no migration).
FTS_TABLE = "catalog_item_fts"
MIN_FTS_CHARS = 3  # the trigram tokenizer needs three characters
BIGRAM_CHARS = 2  # terms of exactly two characters use the bigram index (migration 0005)
BIGRAM_TABLE = "catalog_item_bigrams"
#: The PostgreSQL GIN-indexed expression: catalog_bigrams() of the folded search text.
BIGRAM_PG_EXPRESSION = f'catalog_bigrams("{CatalogItem._meta.db_table}"."search_text")'
# SQLite, two-character terms, by how many items the bigram index says match (counted up to
# BIGRAM_PROBE + 1, inside SQLite):
#   ≤ BIGRAM_LOOKUP: fetch each match by rowid and take the newest (a few ms per thousand);
#   ≤ BIGRAM_PROBE: walk the 发布日期 index, keeping rows in the bigram set, until enough are found
#     (about COUNT_CAP × items / matches index entries, cheap ones: the index covers the walk);
#   more: the term is common, so the 发布日期 scan with LIKE stops after a few thousand rows.
BIGRAM_LOOKUP = 1_500
BIGRAM_PROBE = 100_000
COUNT_CAP = 200  # results beyond this are not counted or paged ("200 条以上"): ten pages; refine instead
# Queries that no index can narrow (only one- or two-character terms) are answered by scanning in
# 发布日期 order; they could count (and page) less far than indexed ones. Same cap for now.
SCAN_COUNT_CAP = COUNT_CAP
MAX_TERMS = 8
MAX_TERM_CHARS = 60
ORDER = ("-published_on", "-id")


@dataclass
class SearchFilters:
    agency: int | None = None  # Agency pk
    category: str | None = None
    year: int | None = None
    validity: str | None = None
    genre: str | None = None
    subject: str | None = None

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.agency:
            qs = qs.filter(agency_id=self.agency)
        if self.category:
            qs = qs.filter(category=self.category)
        if self.year:
            qs = qs.filter(published_on__year=self.year)
        if self.validity:
            qs = qs.filter(validity=self.validity)
        if self.genre:
            qs = qs.filter(genre=self.genre)
        if self.subject:
            qs = qs.filter(subject=self.subject)
        return qs


@dataclass
class SearchResults:
    items: list[CatalogItem]
    total: int
    capped: bool
    page: int
    per_page: int
    terms: list[str] = field(default_factory=list)
    backend: str = ""
    cap: int = COUNT_CAP

    @property
    def pages(self) -> int:
        return max(1, math.ceil(min(self.total, self.cap) / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def total_label(self) -> str:
        return f"{self.total} 条以上" if self.capped else f"{self.total} 条"


def parse_terms(query: str) -> list[str]:
    """Whitespace-separated terms, folded as the index is (`fold_for_search`); 文号 years unified to
    〔YYYY〕; Han next to letters or digits split apart (`split_han_latin`)."""
    terms: list[str] = []
    for raw in normalise_query(query).split(" "):
        for piece in split_han_latin(fold_for_search(normalise_doc_no(raw))):
            term = piece[:MAX_TERM_CHARS]
            if term and term not in terms:
                terms.append(term)
    return terms[:MAX_TERMS]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _contains(term: str) -> Q:
    return Q(search_text__contains=term)


def _all_contain(terms: list[str]) -> Q:
    return Q(*[_contains(t) for t in terms])


def bigram_token(term: str) -> str:
    """The SQLite bigram table's token for a two-character term: hex(lower(term)) as SQLite computes
    it (lower() folds ASCII only, like LIKE; hex() of the UTF-8 bytes)."""
    folded = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in term)
    return folded.encode("utf-8").hex().upper()


class _Backend:
    name = ""
    min_indexed = MIN_FTS_CHARS

    def indexed(self, terms: list[str]) -> bool:
        """Whether an index narrows the matches (else they are found by scanning)."""
        return any(len(t) >= self.min_indexed for t in terms)

    def candidates(self, base: QuerySet, terms: list[str], limit: int) -> tuple[list, bool]:
        """Up to `limit` matches (pk, 发布日期, title, 文号, 索引号), and whether more may exist."""
        found = _by_date(base.filter(self.matches(terms)), limit)
        return found, len(found) >= limit

    def matches(self, terms: list[str]) -> Q:  # every term somewhere
        raise NotImplementedError


class SQLiteBackend(_Backend):
    """FTS5 trigram for terms ≥ 3 characters, FTS5 bigrams for two, `__contains` on the base table
    for one character (and for the remaining terms once an index has narrowed the rows)."""

    name = "sqlite-fts5-trigram"
    min_indexed = BIGRAM_CHARS

    @staticmethod
    def _fts(table: str, expr: str) -> Q:
        return Q(id__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expr]))

    @staticmethod
    def _bigram_expr(two: list[str]) -> str:
        return " AND ".join(f'"{bigram_token(t)}"' for t in two)

    def matches(self, terms):
        long = [t for t in terms if len(t) >= MIN_FTS_CHARS]
        two = [t for t in terms if len(t) == BIGRAM_CHARS]
        q = Q()
        if long:
            q &= self._fts(FTS_TABLE, " AND ".join(_fts_phrase(t) for t in long))
        if two:
            q &= self._fts(BIGRAM_TABLE, self._bigram_expr(two))
        return q & _all_contain([t for t in terms if len(t) < BIGRAM_CHARS])

    def candidates(self, base, terms, limit):
        long = [t for t in terms if len(t) >= MIN_FTS_CHARS]
        two = [t for t in terms if len(t) == BIGRAM_CHARS]
        if two:
            expr = self._bigram_expr(two)
            sub = f"SELECT rowid FROM {BIGRAM_TABLE} WHERE {BIGRAM_TABLE} MATCH %s"
            with connection.cursor() as cur:
                cur.execute(f"SELECT count(*) FROM ({sub} LIMIT %s)", [expr, BIGRAM_PROBE + 1])
                n = cur.fetchone()[0]
                if n <= BIGRAM_LOOKUP:
                    cur.execute(sub, [expr])
                    in_bigrams = Q(pk__in=[row[0] for row in cur.fetchall()])
            # With a longer term too, only a rare bigram beats the trigram windows (whose terms the
            # walk below could only check by LIKE, row by row).
            if n <= BIGRAM_LOOKUP or (n <= BIGRAM_PROBE and not long):
                if n > BIGRAM_LOOKUP:
                    # Unary + keeps SQLite from looking the set up by rowid: it walks the 发布日期 index.
                    in_bigrams = Q(RawSQL(f'+"{CatalogItem._meta.db_table}"."id" IN ({sub})', [expr],
                                          output_field=BooleanField()))
                rest = _all_contain([t for t in terms if len(t) != BIGRAM_CHARS])
                found = _by_date(base.filter(in_bigrams, rest), limit)
                return found, len(found) >= limit
        if long:
            return _fts_candidates(base, long, _all_contain([t for t in terms if len(t) < MIN_FTS_CHARS]), limit)
        # common short terms only: a scan of the base table in 发布日期 order, stopping early
        found = _by_date(base.filter(_all_contain(terms)), limit)
        return found, len(found) >= limit


class PostgresBackend(_Backend):
    """pg_trgm GIN index (migration 0005) serves `LIKE '%term%'` for terms of any length ≥ 3;
    the bigram GIN index (migration 0005) serves two-character terms; one-character terms are
    still correct, only without index help."""

    name = "postgresql-pg_trgm"
    min_indexed = BIGRAM_CHARS

    @staticmethod
    def _bigram_ids(two: list[str], cap: int | None = None) -> list[int]:
        """Ids of the items containing every bigram, from the index alone (a bitmap scan of an exact
        index: the expression is never recomputed per row, which costs ~0.1 ms a row)."""
        sql = f"SELECT id FROM {CatalogItem._meta.db_table} WHERE ({BIGRAM_PG_EXPRESSION}) @> %s::text[]"
        with connection.cursor() as cur:
            cur.execute(sql + (f" LIMIT {int(cap)}" if cap else ""), [two])
            return [row[0] for row in cur.fetchall()]

    def matches(self, terms):
        q = _all_contain(terms)
        two = [t for t in terms if len(t) == BIGRAM_CHARS]
        if two:
            q &= Q(pk__in=RawSQL(f"SELECT id FROM {CatalogItem._meta.db_table} WHERE ({BIGRAM_PG_EXPRESSION}) "
                                 "@> %s::text[]", [two]))
        return q

    def candidates(self, base, terms, limit):
        two = [t for t in terms if len(t) == BIGRAM_CHARS]
        if two and _pg_bigram_frequency(two) <= PG_BIGRAM_RARE:
            ids = self._bigram_ids(two, PG_BIGRAM_PROBE + 1)
            if len(ids) <= PG_BIGRAM_PROBE:  # (not listed ≠ rare, and statistics go stale: else LIKE)
                rest = _all_contain([t for t in terms if len(t) != BIGRAM_CHARS])
                found = _by_date(base.filter(rest, pk__in=ids), limit)
                return found, len(found) >= limit
        # PostgreSQL cannot estimate LIKE selectivity, so it walks the 发布日期 index and filters:
        # ideal for common terms (matches every few rows), slow for a conjunction of ~1 % of items
        # (the walk reads tens of thousands of rows; the bitmap of all matches fetches every one of
        # them to sort by date). Such a conjunction is searched by 发布日期 windows (_windowed),
        # when an index can narrow it (a longer term, or a bigram not in most items) and ANALYZE's
        # bigram statistics do not say the terms are dense together (independence assumed).
        # A longer term in a large share of items (a year: 「2023」) costs ~50 ms per bitmap and its
        # matches gather in some years, so newest-first windows would pay that again and again:
        # then one bitmap intersection of all matches, sorted (as for other multi-term queries
        # with a longer term).
        like = base.filter(_all_contain(terms))
        if len(terms) > 1:
            freq = {t: _pg_bigram_frequency(_bigrams(t)) if len(t) > 1 else 1.0 for t in terms}
            long = [t for t in terms if len(t) >= MIN_FTS_CHARS]
            anchors = long or [t for t in two if freq[t] < PG_COMMON_LONG]
            if anchors and math.prod(freq.values()) < PG_DENSE and all(freq[t] < PG_COMMON_LONG for t in long):
                return self._windowed(base, terms, [t for t in two if freq[t] < PG_COMMON_LONG], limit)
        if len(terms) > 1 and any(len(t) >= MIN_FTS_CHARS for t in terms):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL enable_indexscan = off")
                found = _by_date(like, limit)
        else:  # (common bigrams: LIKE only; an `@>` filter would recompute every passed row's array)
            found = _by_date(like, limit)
        return found, len(found) >= limit

    @staticmethod
    def _windowed(base, terms, indexed_bigrams, limit):
        """The newest `limit` matches, window by window of 发布日期 (newest first; NULL dates sort first
        in PostgreSQL's DESC, so they belong to the first window). Each window's query intersects the
        term bitmaps with the 发布日期 range (BitmapAnd), so only the matches in it are read from the
        table; the windows grow by the match density seen so far, so the matches that are dense and
        spread over time (the slow case) stop after one or two windows."""
        newest, oldest, per_day = _pg_date_span()
        if newest is None:
            found = _by_date(base.filter(_all_contain(terms)), limit)
            return found, len(found) >= limit
        q = _all_contain(terms)
        if indexed_bigrams and not any(len(t) >= MIN_FTS_CHARS for t in terms):
            # LIKE of two characters has no index; the bigram array's containment is implied by it.
            # Only bigrams in a minority of items: a common one's bitmap costs more than it saves.
            q &= Q(RawSQL(f"({BIGRAM_PG_EXPRESSION}) @> %s::text[]", [indexed_bigrams],
                          output_field=BooleanField()))
        qs = base.filter(q)
        days = max(1, int(PG_WINDOW_ROWS / per_day))
        found: list[_Candidate] = []
        hi = None
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL enable_indexscan = off")  # no walk of the 发布日期 index
            for n in range(PG_MAX_WINDOWS):
                lo = newest - timedelta(days=days - 1)
                last = n == PG_MAX_WINDOWS - 1 or lo <= oldest
                window = Q() if last else Q(published_on__gte=lo)
                if hi is None:
                    window = window if last else window | Q(published_on__isnull=True)
                else:
                    window &= Q(published_on__lt=hi)
                found += _by_date(qs.filter(window), limit - len(found))
                if len(found) >= limit or last:
                    return found, len(found) >= limit
                covered = (newest - lo).days + 1
                # grow to about 1.5× the rows the density so far needs, at least doubling
                need = (limit - len(found)) * covered / len(found) * 1.5 if found else covered * 3
                days = covered + max(covered, int(need))
                hi = lo
        return found, len(found) >= limit


# A term of three or more characters whose rarest bigram is in at least this share of items (by
# ANALYZE) is "common": an upper bound of its own share, and its trigram bitmap is expensive.
PG_COMMON_LONG = 0.2
# Terms whose estimated joint share is at least this match every few rows: the 发布日期 walk is best.
PG_DENSE = 0.05


def _bigrams(term: str) -> list[str]:
    return [term[i : i + 2] for i in range(len(term) - 1)]


PG_WINDOW_ROWS = 20_000  # the first 发布日期 window holds about this many items
PG_MAX_WINDOWS = 4  # the last window is unbounded


def _pg_date_span():
    """(newest, oldest 发布日期 of published items, items per day), cached like the statistics."""
    now = time.monotonic()
    if now - _pg_span_cache.get("at", -PG_STATS_TTL) >= PG_STATS_TTL:  # type: ignore[operator]
        table = CatalogItem._meta.db_table
        with connection.cursor() as cur:
            cur.execute(f"SELECT max(published_on), min(published_on) FROM {table} WHERE status = 'published'")
            newest, oldest = cur.fetchone()
            cur.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            row = cur.fetchone()
        rows = max(float(row[0]) if row else 0.0, 1.0)
        per_day = rows / max(1, (newest - oldest).days + 1) if newest else 1.0
        _pg_span_cache.update(at=now, span=(newest, oldest, max(per_day, 1.0)))
    return _pg_span_cache["span"]


_pg_span_cache: dict[str, object] = {}


# PostgreSQL: a bigram whose share of items (by ANALYZE's element statistics) is at most this is
# looked up in the bigram index; a commoner one is found faster by the 发布日期 walk with LIKE.
PG_BIGRAM_RARE = 0.01
# ANALYZE lists only the ~1000 commonest bigrams (down to ~1.6 % of items with a million of them), so
# an unlisted one is tried in the index, up to this many matches (fetched by id, newest first).
PG_BIGRAM_PROBE = 5_000
_pg_stats_cache: dict[str, object] = {}
PG_STATS_TTL = 600  # seconds; statistics change only with (auto)ANALYZE


def _pg_bigram_frequency(two: list[str]) -> float:
    """Estimated share of items containing all of `two`: the rarest one's element frequency; 0 when
    ANALYZE has not listed it among the most common (or has not run at all)."""
    now = time.monotonic()
    if now - _pg_stats_cache.get("at", -PG_STATS_TTL) >= PG_STATS_TTL:  # type: ignore[operator]
        with connection.cursor() as cur:
            cur.execute("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                        "WHERE schemaname = current_schema() AND tablename = %s", [BIGRAM_TABLE])
            row = cur.fetchone()
        elems, freqs = row if row and row[0] else ([], [])
        _pg_stats_cache.update(at=now, freq=dict(zip(elems, freqs, strict=False)))
    freq = _pg_stats_cache["freq"]
    return min(freq.get(t, 0.0) for t in two)  # type: ignore[attr-defined]


class FallbackBackend(PostgresBackend):
    name = "contains"
    min_indexed = MIN_FTS_CHARS
    candidates = _Backend.candidates

    def matches(self, terms):
        return _all_contain(terms)


def get_backend() -> _Backend:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    return FallbackBackend()


def _capped_count(qs: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    n = qs.order_by().values("pk")[: cap + 1].count()
    return min(n, cap), n > cap


@dataclass(frozen=True)
class _Candidate:
    pk: int
    published_on: object
    title: str
    doc_no: str
    index_no: str | None


_CANDIDATE_FIELDS = ("pk", "published_on", "title", "doc_no", "index_no")
FTS_WINDOW = 1000  # rowids per FTS5 round trip; filters (agency, year…) apply to each window
FTS_MAX_WINDOWS = 5  # a selective filter on a very common phrase stops after this many windows


def _by_date(qs: QuerySet, limit: int) -> list[_Candidate]:
    return [_Candidate(*row) for row in qs.order_by(*ORDER).values_list(*_CANDIDATE_FIELDS)[:limit]]


def _fts_candidates(base: QuerySet, long_terms: list[str], short_q: Q, limit: int) -> tuple[list[_Candidate], bool]:
    """The newest `limit` matches of the FTS5 terms, by rowid (newest rows first), in windows of rowids
    filtered on the base table. Each window's rowids go to the base query as ONE JSON parameter
    (`json_each`), not a thousand bound ones, and only the matches still needed are fetched (ranked
    and folded in Python afterwards): a common phrase costs about half the CPU of fetching every
    match of its window."""
    expr = " AND ".join(_fts_phrase(t) for t in long_terms)
    found: list[_Candidate] = []
    below = None
    with connection.cursor() as cur:
        for _ in range(FTS_MAX_WINDOWS):
            sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
            args: list = [expr]
            if below is not None:
                sql += " AND rowid < %s"
                args.append(below)
            cur.execute(sql + " ORDER BY rowid DESC LIMIT %s", [*args, FTS_WINDOW])
            ids = [row[0] for row in cur.fetchall()]
            if not ids:
                return found, False
            found += _rows_by_id(base.filter(short_q), ids, limit - len(found))
            if len(found) >= limit:
                return found[:limit], True
            if len(ids) < FTS_WINDOW:
                return found, False
            below = ids[-1]
    return found, True  # window budget spent: there may be more


def _rows_by_id(qs: QuerySet, ids: list[int], limit: int) -> list[_Candidate]:
    """The newest (by id) `limit` rows of `qs` among `ids`, each looked up by its rowid.

    SQLite's planner, without ANALYZE statistics (Django never runs ANALYZE, so a production database
    usually has none), prefers the index on `status = 'published'` and checks `id IN (…)` row by row:
    a scan of every published item, ~0.1 s of CPU and seconds of I/O at a million items, even for a
    phrase in 53 items. `json_each(ids) CROSS JOIN` the table fixes the order: the id list drives,
    one rowid lookup each, and the queryset's own conditions filter those rows."""

    table = qs.model._meta.db_table
    if len(qs.query.alias_map) > 1:  # joins (not the search's querysets): let Django plan it
        window = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
        rows = qs.filter(pk__in=window).order_by("-pk").values_list(*_CANDIDATE_FIELDS)[:limit]
        return [_Candidate(*row) for row in rows]
    compiler = qs.query.get_compiler(using=qs.db)
    where, params = compiler.compile(qs.query.where) if qs.query.where else ("", [])
    columns = ", ".join(f'"{table}"."{c}"' for c in ("id", "published_on", "title", "doc_no", "index_no"))
    sql = (f'SELECT {columns} FROM json_each(%s) AS j CROSS JOIN "{table}" ON "{table}"."id" = j.value '
           f'WHERE {where or "1"} ORDER BY "{table}"."id" DESC LIMIT %s')
    with connection.cursor() as cur:
        cur.execute(sql, [json.dumps(ids), *params, limit])
        rows = cur.fetchall()
    return [_Candidate(pk, dt.date.fromisoformat(day) if isinstance(day, str) else day, title, doc_no, index_no)
            for pk, day, title, doc_no, index_no in rows]


def _exact_key(query: str) -> str:
    return normalise_doc_no(normalise_query(query).replace(" ", ""))


def search(
    query: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 1,
    per_page: int = 20,
    queryset: QuerySet | None = None,
) -> SearchResults:
    """Search published items (or `queryset`) for `query` with `filters`; one page of results."""
    base = queryset if queryset is not None else CatalogItem.objects.public()
    base = (filters or SearchFilters()).apply(base)
    per_page = max(1, min(int(per_page), 100))
    terms = parse_terms(query)
    backend = get_backend()
    cap = COUNT_CAP if not terms or backend.indexed(terms) else SCAN_COUNT_CAP
    page = max(1, min(int(page), math.ceil(cap / per_page)))
    offset = (page - 1) * per_page

    if not terms:
        total, capped = _capped_count(base, cap)
        items = list(base.select_related("agency").order_by(*ORDER)[offset : offset + per_page])
        return SearchResults(items, total, capped, page, per_page, [], backend.name, cap)

    key = _exact_key(query)
    if parse_index_no(key, tolerant=True):
        # A whole 索引号 names one item (unique); no text search needed.
        candidates, more = _by_date(base.filter(index_no=key.upper()), 2), False
    else:
        candidates, more = backend.candidates(base, terms, cap + 1)
    def rank(c: _Candidate):
        title = fold_for_search(c.title)
        tier = 0 if key and (c.doc_no == key or c.index_no == key.upper()) else 1 if all(t in title for t in terms) else 2
        return (tier, -(c.published_on.toordinal() if c.published_on else 0), -c.pk)

    candidates.sort(key=rank)
    total = min(len(candidates), cap)
    capped = more or len(candidates) > cap
    ids = [c.pk for c in candidates[:cap][offset : offset + per_page]]
    rows = base.model.objects.select_related("agency").in_bulk(ids)
    items = [rows[i] for i in ids if i in rows]
    return SearchResults(items, total, capped, page, per_page, terms, backend.name, cap)


def search_queryset(query: str, filters: SearchFilters | None = None, queryset: QuerySet | None = None) -> QuerySet:
    """Every match, unpaged and newest first (exports; no ranking tiers)."""
    base = (queryset if queryset is not None else CatalogItem.objects.public())
    base = (filters or SearchFilters()).apply(base)
    terms = parse_terms(query)
    if terms:
        base = base.filter(get_backend().matches(terms))
    return base.order_by(*ORDER)


# -- presentation helpers ---------------------------------------------------------------------------


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    # Folding keeps the length unless NFKC expands a character (①, ㈠…); then only exact case-folded hits.
    folded = fold_for_search(text)
    low = folded if len(folded) == len(text) else text.lower()
    for t in terms:
        t = t.lower()
        start = low.find(t)
        while t and start != -1:
            spans.append((start, start + len(t)))
            start = low.find(t, start + len(t))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with each term wrapped in <mark>."""
    out, pos = [], 0
    for a, b in _spans(text, terms):
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(text: str, terms: list[str], width: int = 120) -> SafeString:
    """A window of `text` around the first hit (or its start), highlighted."""
    text = " ".join(text.split())
    spans = _spans(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    piece = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)  # noqa: S308
