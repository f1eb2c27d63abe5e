"""`gongkai migrate`: Django's migrate, then fresh query-planner statistics on SQLite (gongkai.dbstats):
SQLite recommends analyzing after a schema change; PostgreSQL's autovacuum does it by itself."""

from __future__ import annotations

from django.core.management.commands.migrate import Command as MigrateCommand

from gongkai import dbstats


class Command(MigrateCommand):
    help = MigrateCommand.help + " On SQLite, then runs ANALYZE (gongkai.dbstats)."

    def handle(self, *args, **options):
        super().handle(*args, **options)
        if options["plan"] or options["check_unapplied"]:
            return
        tables = dbstats.analyze(options["database"])
        if tables is not None and options["verbosity"] >= 1:
            self.stdout.write(f"已更新 SQLite 查询统计信息（ANALYZE，{tables} 张表）。")
