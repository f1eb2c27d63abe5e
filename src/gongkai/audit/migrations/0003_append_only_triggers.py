"""Database triggers: the audit table refuses UPDATE, DELETE and TRUNCATE from anyone (raw SQL, dbshell).

The one way around them is the maintenance switch that `gongkai flush` turns on in the test suite
(PostgreSQL: the session setting gongkai.audit_maintenance; SQLite: a row in audit_maintenance).
See gongkai.audit.triggers.
"""

from django.db import migrations

from gongkai.audit import triggers


def forwards(apps, schema_editor):
    triggers.install(schema_editor.connection)


def backwards(apps, schema_editor):
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_hash_chain"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
