"""Optimistic concurrency for catalogue drafts (issue 15 item 7, gongkai.versioning).

On SQLite, adding a NOT NULL column remakes the table, which drops the triggers that keep the search
structures of 0005 in step; they are created again (the statements of 0005, all idempotent) and the
structures rebuilt from the copied rows."""

import importlib

from django.db import migrations, models


def _restore_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in importlib.import_module("gongkai.catalog.migrations.0005_search_text").SQLITE_FORWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_catalog_import'),
    ]

    operations = [
        migrations.AddField(
            model_name='catalogitem',
            name='version',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='版本'),
        ),
        migrations.RunPython(_restore_search_triggers, migrations.RunPython.noop),
    ]
