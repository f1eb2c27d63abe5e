"""Append-only at the database level: triggers on the audit table, per vendor.

    install(connection) / remove(connection)      # used by migration 0003
    with maintenance(connection): ...             # lets a test-suite flush empty the table

PostgreSQL: a trigger function raising on BEFORE UPDATE OR DELETE (per row) and BEFORE TRUNCATE,
unless the session setting `gongkai.audit_maintenance` is 'on'. SQLite: BEFORE UPDATE / BEFORE DELETE
triggers that RAISE(ABORT) unless the table `audit_maintenance` holds a row (SQLite triggers cannot read
session state). Anyone who can drop triggers can also bypass this: the hash chain (`gongkai audit
verify`) is what detects that.
"""

from __future__ import annotations

from contextlib import contextmanager

TABLE = "audit_auditevent"
MESSAGE_UPDATE = "审计日志只能追加，不能修改。"
MESSAGE_DELETE = "审计日志只能追加，不能删除。"

_PG_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION gongkai_audit_append_only() RETURNS trigger AS $$
    BEGIN
        IF current_setting('gongkai.audit_maintenance', true) = 'on' THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION '{MESSAGE_UPDATE}' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION '{MESSAGE_DELETE}' USING ERRCODE = 'insufficient_privilege';
    END
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS gongkai_audit_append_only ON {TABLE}",
    f"""CREATE TRIGGER gongkai_audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION gongkai_audit_append_only()""",
    f"DROP TRIGGER IF EXISTS gongkai_audit_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER gongkai_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION gongkai_audit_append_only()""",
]
_PG_REMOVE = [
    f"DROP TRIGGER IF EXISTS gongkai_audit_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS gongkai_audit_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS gongkai_audit_append_only()",
]
_SQLITE_INSTALL = [
    "CREATE TABLE IF NOT EXISTS audit_maintenance (reason TEXT NOT NULL)",
    "DROP TRIGGER IF EXISTS gongkai_audit_no_update",
    f"""CREATE TRIGGER gongkai_audit_no_update BEFORE UPDATE ON {TABLE}
        WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
        BEGIN SELECT RAISE(ABORT, '{MESSAGE_UPDATE}'); END""",
    "DROP TRIGGER IF EXISTS gongkai_audit_no_delete",
    f"""CREATE TRIGGER gongkai_audit_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
        BEGIN SELECT RAISE(ABORT, '{MESSAGE_DELETE}'); END""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS gongkai_audit_no_update",
    "DROP TRIGGER IF EXISTS gongkai_audit_no_delete",
    "DROP TABLE IF EXISTS audit_maintenance",
]


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_INSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_INSTALL)


def remove(connection) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_REMOVE)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_REMOVE)


@contextmanager
def maintenance(connection, reason: str = "flush"):
    """Let UPDATE/DELETE/TRUNCATE through for the duration (test-suite flushes only)."""
    if connection.vendor == "postgresql":
        _run(connection, ["SELECT set_config('gongkai.audit_maintenance', 'on', false)"])
        try:
            yield
        finally:
            _run(connection, ["SELECT set_config('gongkai.audit_maintenance', 'off', false)"])
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS audit_maintenance (reason TEXT NOT NULL)")
            cursor.execute("INSERT INTO audit_maintenance (reason) VALUES (%s)", [reason])
        try:
            yield
        finally:
            _run(connection, ["DELETE FROM audit_maintenance"])
    else:
        yield
