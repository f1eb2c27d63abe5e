"""A bigram index for two-character search terms, by database vendor (issue 6; docs/stack.md §1.3).

Neither FTS5 trigram nor pg_trgm can narrow a two-character term (「碳汇」), so without this a rare
one is a full scan. Both structures below index the overlapping two-character substrings of
title, meta_text (文号, 索引号, 关键词) and body_text, per column (no bigram spans two columns), so a
two-character term matches an item exactly when one of those columns contains it: the same rows
as `__contains` on the base table, no more, no fewer.

SQLite: a contentless FTS5 table (`detail=none`: only rowids per token) whose tokens are the
bigrams written as hex(lower(bigram)). Hex keeps every bigram one ASCII token whatever characters
it holds (punctuation, spaces, digits); lower() folds ASCII only, as SQLite's LIKE does. Kept in
sync by triggers; a contentless table deletes by being given the old tokens again.

PostgreSQL: an IMMUTABLE function catalog_bigrams(text) → text[] and a GIN index (array_ops) on
catalog_bigrams(title) || catalog_bigrams(meta_text) || catalog_bigrams(body_text), queried with
`@>` (case-sensitive, as `__contains` / LIKE is there). ANALYZE gathers element statistics on the
indexed expression, so the planner knows a rare bigram from a common one. pg_bigm would do this
but is not packaged for Debian 12.

Other vendors: nothing; search falls back to plain `__contains`.
"""

from django.db import migrations

BIGRAMS = "catalog_item_bigrams"
BASE = "catalog_catalogitem"
COLUMNS = ("title", "meta_text", "body_text")


def sqlite_bigrams(col: str) -> str:
    """SQL for the space-separated hex bigram tokens of `col` (NULL when it has fewer than two characters)."""
    return (
        f"(WITH RECURSIVE n(i) AS (SELECT 1 WHERE length({col}) > 1 UNION ALL "
        f"SELECT i + 1 FROM n WHERE i < length({col}) - 1) "
        f"SELECT group_concat(hex(lower(substr({col}, i, 2))), ' ') FROM n)"
    )


def _values(prefix: str) -> str:
    return ", ".join(sqlite_bigrams(f"{prefix}{c}") for c in COLUMNS)


_COLS = ", ".join(COLUMNS)

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {BIGRAMS} USING fts5({_COLS}, content='', detail=none, tokenize='ascii')",
    f"""CREATE TRIGGER IF NOT EXISTS {BIGRAMS}_ai AFTER INSERT ON {BASE} BEGIN
        INSERT INTO {BIGRAMS}(rowid, {_COLS}) VALUES (new.id, {_values('new.')});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {BIGRAMS}_ad AFTER DELETE ON {BASE} BEGIN
        INSERT INTO {BIGRAMS}({BIGRAMS}, rowid, {_COLS}) VALUES ('delete', old.id, {_values('old.')});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {BIGRAMS}_au AFTER UPDATE OF {_COLS} ON {BASE} BEGIN
        INSERT INTO {BIGRAMS}({BIGRAMS}, rowid, {_COLS}) VALUES ('delete', old.id, {_values('old.')});
        INSERT INTO {BIGRAMS}(rowid, {_COLS}) VALUES (new.id, {_values('new.')});
    END""",
    # Fill from existing rows (a contentless table has no 'rebuild').
    f"DELETE FROM {BIGRAMS}",
    f"INSERT INTO {BIGRAMS}(rowid, {_COLS}) SELECT id, {_values('')} FROM {BASE}",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {BIGRAMS}_ai",
    f"DROP TRIGGER IF EXISTS {BIGRAMS}_ad",
    f"DROP TRIGGER IF EXISTS {BIGRAMS}_au",
    f"DROP TABLE IF EXISTS {BIGRAMS}",
]

PG_FUNCTION = "catalog_bigrams"
PG_EXPRESSION = " || ".join(f'{PG_FUNCTION}("{BASE}"."{c}")' for c in COLUMNS)
PG_FORWARD = [
    # STRICT: NULL for NULL; array_agg over no rows (fewer than two characters) is NULL too, and
    # NULL || array is the array.
    f"""CREATE OR REPLACE FUNCTION {PG_FUNCTION}(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT array_agg(DISTINCT substr(t, i, 2)) FROM generate_series(1, length(t) - 1) AS i $$""",
    f"CREATE INDEX IF NOT EXISTS {BIGRAMS} ON {BASE} USING gin (({PG_EXPRESSION}))",
    f"ANALYZE {BASE}",  # element statistics of the new expression
]
PG_BACKWARD = [
    f"DROP INDEX IF EXISTS {BIGRAMS}",
    f"DROP FUNCTION IF EXISTS {PG_FUNCTION}(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_menu_count_indexes")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        ),
    ]
