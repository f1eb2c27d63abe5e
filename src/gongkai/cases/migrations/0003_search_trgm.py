"""Inbox search on PostgreSQL: pg_trgm GIN indexes for LIKE '%…%' on the searched columns
(docs/stack.md §1.3: Debian's PostgreSQL has no Chinese word segmenter; trigrams handle CJK).
SQLite and other vendors: nothing (a LIKE scan of one agency's cases)."""

from django.db import migrations

COLUMNS = ("applicant_name", "info_title", "info_doc_number")
FORWARD = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS case_{c}_trgm ON cases_application USING gin ({c} gin_trgm_ops)" for c in COLUMNS
]
BACKWARD = [f"DROP INDEX IF EXISTS case_{c}_trgm" for c in COLUMNS]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_inbox_indexes")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
