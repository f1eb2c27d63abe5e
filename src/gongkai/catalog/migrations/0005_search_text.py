"""Search over folded text (issue 13): one column `search_text` replaces the three indexed columns.

`CatalogItem.search_text` holds title, meta_text and body_text folded by `text.fold_for_search`
(traditional → simplified with opencc, NFKC, ASCII lower case), one per line. The search folds the
query the same way, so 「政務公開」 finds 「政务公开」 and case no longer differs between SQLite and
PostgreSQL. Search terms never contain whitespace, so no trigram or bigram spans two fields.

The structures of 0002 (trigram) and 0004 (bigram) are rebuilt over the one column:
- SQLite: the FTS5 trigram table (external content) and the contentless FTS5 bigram table, with
  their triggers;
- PostgreSQL: one pg_trgm GIN index and one GIN index on catalog_bigrams(search_text).

search.py takes the names and SQL from here (one definition); bench/bench_search.py too.
"""

from django.db import migrations, models

FTS = "catalog_item_fts"
BIGRAMS = "catalog_item_bigrams"
BASE = "catalog_catalogitem"
COLUMN = "search_text"
OLD_COLUMNS = ("title", "meta_text", "body_text")


def sqlite_bigrams(col: str) -> str:
    """SQL for the space-separated hex bigram tokens of `col` (NULL when it has fewer than two characters)."""
    return (
        f"(WITH RECURSIVE n(i) AS (SELECT 1 WHERE length({col}) > 1 UNION ALL "
        f"SELECT i + 1 FROM n WHERE i < length({col}) - 1) "
        f"SELECT group_concat(hex(lower(substr({col}, i, 2))), ' ') FROM n)"
    )


SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({COLUMN}, content='{BASE}', content_rowid='id', "
    "tokenize='trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {BASE} BEGIN
        INSERT INTO {FTS}(rowid, {COLUMN}) VALUES (new.id, new.{COLUMN});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {BASE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {COLUMN}) VALUES ('delete', old.id, old.{COLUMN});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF {COLUMN} ON {BASE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {COLUMN}) VALUES ('delete', old.id, old.{COLUMN});
        INSERT INTO {FTS}(rowid, {COLUMN}) VALUES (new.id, new.{COLUMN});
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {BIGRAMS} USING fts5({COLUMN}, content='', detail=none, tokenize='ascii')",
    f"""CREATE TRIGGER IF NOT EXISTS {BIGRAMS}_ai AFTER INSERT ON {BASE} BEGIN
        INSERT INTO {BIGRAMS}(rowid, {COLUMN}) VALUES (new.id, {sqlite_bigrams('new.' + COLUMN)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {BIGRAMS}_ad AFTER DELETE ON {BASE} BEGIN
        INSERT INTO {BIGRAMS}({BIGRAMS}, rowid, {COLUMN}) VALUES ('delete', old.id, {sqlite_bigrams('old.' + COLUMN)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {BIGRAMS}_au AFTER UPDATE OF {COLUMN} ON {BASE} BEGIN
        INSERT INTO {BIGRAMS}({BIGRAMS}, rowid, {COLUMN}) VALUES ('delete', old.id, {sqlite_bigrams('old.' + COLUMN)});
        INSERT INTO {BIGRAMS}(rowid, {COLUMN}) VALUES (new.id, {sqlite_bigrams('new.' + COLUMN)});
    END""",
    f"DELETE FROM {BIGRAMS}",
    f"INSERT INTO {BIGRAMS}(rowid, {COLUMN}) SELECT id, {sqlite_bigrams(COLUMN)} FROM {BASE}",
]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {t}_{s}" for t in (FTS, BIGRAMS) for s in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {BIGRAMS}",
]

PG_FUNCTION = "catalog_bigrams"  # created by 0004: array of the distinct bigrams of a text
PG_EXPRESSION = f'{PG_FUNCTION}("{BASE}"."{COLUMN}")'
PG_TRGM_INDEX = f"catalog_item_{COLUMN}_trgm"
PG_FORWARD = [
    f"CREATE INDEX IF NOT EXISTS {PG_TRGM_INDEX} ON {BASE} USING gin ({COLUMN} gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS {BIGRAMS} ON {BASE} USING gin (({PG_EXPRESSION}))",
    f"ANALYZE {BASE}",  # element statistics of the new expression
]
PG_BACKWARD = [f"DROP INDEX IF EXISTS {BIGRAMS}", f"DROP INDEX IF EXISTS {PG_TRGM_INDEX}"]


def _old(name):
    import importlib

    return importlib.import_module(f"gongkai.catalog.migrations.{name}")


def _drop_old(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name in ("0004_bigram_index", "0002_search_index"):
        for sql in {"sqlite": _old(name).SQLITE_BACKWARD, "postgresql": _old(name).PG_BACKWARD}.get(vendor, ()):
            if "DROP FUNCTION" not in sql:  # the bigram function stays: the new index uses it
                schema_editor.execute(sql)


def _recreate_old(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name in ("0002_search_index", "0004_bigram_index"):
        for sql in {"sqlite": _old(name).SQLITE_FORWARD, "postgresql": _old(name).PG_FORWARD}.get(vendor, ()):
            schema_editor.execute(sql)


def _fill(apps, schema_editor):
    from gongkai.catalog.text import search_text_of

    Item = apps.get_model("catalog", "CatalogItem")
    batch = []
    for pk, title, meta, body in Item.objects.order_by("pk").values_list("pk", "title", "meta_text", "body_text").iterator(2000):
        batch.append(Item(pk=pk, search_text=search_text_of(title, meta, body)))
        if len(batch) == 2000:
            Item.objects.bulk_update(batch, ["search_text"])
            batch.clear()
    if batch:
        Item.objects.bulk_update(batch, ["search_text"])


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_bigram_index")]

    operations = [
        migrations.RunPython(_drop_old, _recreate_old),
        migrations.AddField(
            model_name="catalogitem", name="search_text", field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        ),
    ]
