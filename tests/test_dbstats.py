"""Query-planner statistics (gongkai.dbstats): on SQLite, `gongkai migrate` and `gongkai demo` leave
sqlite_stat1 filled for the main tables and the daily `gongkai remind` refreshes it; PostgreSQL
(autovacuum analyzes) is left alone and nothing is printed there."""

import sqlite3
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai import dbstats
from test_setup import _env

MAIN_TABLES = {"agencies_agency", "agencies_user", "audit_auditevent", "cases_application", "cases_document",
               "catalog_catalogitem"}


def _gongkai(tmp_path, *args) -> str:
    done = subprocess.run([sys.executable, "-m", "gongkai", *args], env=_env(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _analyzed(path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {tbl for (tbl,) in db.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}


@pytest.mark.slow
def test_migrate_and_demo_analyze_and_the_daily_command_refreshes(tmp_path):
    path = tmp_path / "var" / "gongkai.sqlite3"  # the default database: a SQLite file under GONGKAI_VAR_DIR
    assert "已更新 SQLite 查询统计信息（ANALYZE，" in _gongkai(tmp_path, "migrate", "--no-input")
    assert "已更新 SQLite 查询统计信息（ANALYZE，" in _gongkai(tmp_path, "demo")
    assert _analyzed(path) >= MAIN_TABLES

    with sqlite3.connect(path) as db:  # statistics gone (or never gathered): the daily pass brings them back
        db.execute("DELETE FROM sqlite_stat1")
    assert _analyzed(path) == set()
    out = _gongkai(tmp_path, "remind")
    assert "已更新 SQLite 查询统计信息" in out
    assert _analyzed(path) >= MAIN_TABLES


def test_the_daily_command_refreshes_sqlite_and_leaves_postgresql_alone(db):
    out = StringIO()
    call_command("remind", stdout=out)
    if connection.vendor == "sqlite":
        assert "已更新 SQLite 查询统计信息" in out.getvalue()
        assert dbstats.optimize() >= 1 and dbstats.analyze() >= 1
    else:
        assert "统计信息" not in out.getvalue()
        assert dbstats.optimize() is None and dbstats.analyze() is None
