"""Full-text search structures, by database vendor (docs/stack.md §1.3; wagtail's 0006 pattern).

SQLite: an FTS5 table with the trigram tokenizer over (title, meta_text, body_text), as an
external-content table of catalog_catalogitem (the text is not stored twice), kept in sync by
INSERT/UPDATE/DELETE triggers. Queries must never use LIKE on it (SQLite 3.40 bug; see search.py).

PostgreSQL: the pg_trgm extension and GIN gin_trgm_ops indexes on the same three columns, which
`__contains` (LIKE '%…%') uses.

Other vendors: nothing; search falls back to plain `__contains`.
"""

from django.db import migrations

FTS = "catalog_item_fts"
BASE = "catalog_catalogitem"
COLUMNS = ("title", "meta_text", "body_text")

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"{', '.join(COLUMNS)}, content='{BASE}', content_rowid='id', tokenize='trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {BASE} BEGIN
        INSERT INTO {FTS}(rowid, {', '.join(COLUMNS)}) VALUES (new.id, {', '.join('new.' + c for c in COLUMNS)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {BASE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {', '.join(COLUMNS)}) VALUES ('delete', old.id, {', '.join('old.' + c for c in COLUMNS)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF {', '.join(COLUMNS)} ON {BASE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {', '.join(COLUMNS)}) VALUES ('delete', old.id, {', '.join('old.' + c for c in COLUMNS)});
        INSERT INTO {FTS}(rowid, {', '.join(COLUMNS)}) VALUES (new.id, {', '.join('new.' + c for c in COLUMNS)});
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
PG_FORWARD = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS catalog_item_{c}_trgm ON {BASE} USING gin ({c} gin_trgm_ops)" for c in COLUMNS
]
PG_BACKWARD = [f"DROP INDEX IF EXISTS catalog_item_{c}_trgm" for c in COLUMNS]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        ),
    ]
