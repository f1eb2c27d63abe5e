"""Query-planner statistics for SQLite (README「定期任务」).

SQLite chooses query plans from the statistics in `sqlite_stat1`, which only ANALYZE writes; Django
never runs it, so a database without them plans from guesses (a catalogue search on 1 million rows
once walked the wrong index for seconds, README「目录检索」). Following SQLite's recommended usage
(https://sqlite.org/lang_analyze.html#recommended_usage_pattern):

- `analyze()` after a schema change (`gongkai migrate`) and after `gongkai demo`: every table;
- `optimize()` once a day (`gongkai remind`): SQLite ≥ 3.46 `PRAGMA optimize=0x10002` checks every
  table and re-analyzes those whose size changed a lot, with its own analysis limit; older versions
  (Debian 12: 3.40) only look at tables the connection itself queried, so there a fresh connection
  runs ANALYZE under `PRAGMA analysis_limit`.

Approximate ANALYZE (`analysis_limit`, rows examined per index) keeps the run short on a large
database. PostgreSQL's autovacuum analyzes by itself: both functions do nothing there and return None.
"""

from __future__ import annotations

import sqlite3

from django.db import DEFAULT_DB_ALIAS, connections

#: Rows ANALYZE examines per index (SQLite: "values between 100 and 1000 work well").
ANALYSIS_LIMIT = 1000


def analyze(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """ANALYZE every table; the number of tables with statistics (None: not SQLite)."""
    return _run(using, ["ANALYZE"])


def optimize(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The daily pass: re-analyze what needs it; the number of tables with statistics (None: not SQLite)."""
    return _run(using, ["PRAGMA optimize=0x10002"] if sqlite3.sqlite_version_info >= (3, 46) else ["ANALYZE"])


def _run(using: str, statements: list[str]) -> int | None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        for sql in statements:
            cursor.execute(sql)
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:  # no table with an index holds a row yet
            return 0
        cursor.execute("SELECT count(DISTINCT tbl) FROM sqlite_stat1")
        return cursor.fetchone()[0]
