"""`gongkai backup` / `gongkai restore`: the database and every file store, with a manifest of checksums.

    backup(target_dir) -> Path                 # a new folder gongkai-backup-YYYYMMDD-HHMMSS/ inside target_dir
    verify(folder) -> Manifest                 # checks every checksum; raises BackupError (Chinese)
    restore(folder) -> RestoreReport           # verify, then database + files, then verify the result

A backup folder holds `database.sqlite3` (SQLite online backup API: consistent while the system runs)
or `database.dump` (`pg_dump --format=custom`), `files/<store>/…` for every file store — MEDIA_ROOT and
the storage of every FileField, so the applicants' attachments under `var/private/cases` too — and
`manifest.json` (written last: a folder without it is incomplete) with the size and SHA-256 of every
file, the row count of every table and the latest migration of every app.

Restore first verifies the whole backup and refuses on any mismatch; then it replaces the database
(SQLite backup API in reverse, or `pg_restore --clean`) and each file store (the current folder is kept
beside it as `<store>.before-restore-<time>`), and finally checks the restored files' checksums and the
row counts against the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot proceed; the message is Chinese."""


@dataclass
class RestoreReport:
    folder: Path
    files: int = 0
    rows: int = 0
    kept: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_stores() -> dict[str, Path]:
    """Every folder files are stored in, by a stable key: MEDIA_ROOT and each FileField's storage."""
    var = Path(settings.VAR_DIR).resolve()
    roots: list[Path] = [Path(settings.MEDIA_ROOT).resolve()]
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if isinstance(f, models.FileField):
                location = getattr(f.storage, "location", None)
                if location:
                    roots.append(Path(location).resolve())
    stores: dict[str, Path] = {}
    for root in roots:
        if root in stores.values() or any(root.is_relative_to(other) for other in roots if other != root):
            continue  # a folder inside another store is copied with it
        key = root.relative_to(var).as_posix() if root.is_relative_to(var) else f"external-{root.name}"
        stores[key] = root
    return dict(sorted(stores.items()))


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._base_manager.using("default").count()
    return counts


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _pg_env() -> dict[str, str]:
    s = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("NAME", "PGDATABASE")):
        if s.get(key):
            env[var] = str(s[key])
    return env


def _run(cmd: list[str], what: str) -> None:
    try:
        result = subprocess.run(cmd, env=_pg_env(), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"找不到 {cmd[0]}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）。") from None
    if result.returncode != 0:
        raise BackupError(f"{what}失败（{cmd[0]} 退出码 {result.returncode}）：{result.stderr.strip()[:500]}")


def _dump_database(folder: Path) -> Path:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)  # the online backup API: consistent while others write
        finally:
            dest.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], "数据库备份")
        return target
    raise BackupError(f"不支持备份 {connection.vendor} 数据库。")


def backup(target_dir: str | os.PathLike, *, now: dt.datetime | None = None) -> Path:
    """Back up the database and every file store into a new folder inside target_dir."""
    now = now or dt.datetime.now()
    base = Path(target_dir).expanduser().resolve()
    base.mkdir(parents=True, exist_ok=True)
    folder = base / f"gongkai-backup-{now:%Y%m%d-%H%M%S}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = base / f"gongkai-backup-{now:%Y%m%d-%H%M%S}-{suffix}"
    folder.mkdir()
    database = _dump_database(folder)
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(timespec="seconds"),
        "database": {
            "vendor": connection.vendor, "file": database.name, "size": database.stat().st_size,
            "sha256": _sha256(database), "rows": _row_counts(), "migrations": _migrations(),
        },
        "stores": {},
    }
    for key, root in file_stores().items():
        files = {}
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                rel = path.relative_to(root).as_posix()
                copy = folder / "files" / key / rel
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)
                files[rel] = {"size": copy.stat().st_size, "sha256": _sha256(copy)}
        manifest["stores"][key] = {"path": str(root), "files": files}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(folder / MANIFEST)  # last: a folder with a manifest is complete
    return folder


def verify(folder: str | os.PathLike) -> dict:
    """The manifest, after checking every file of the backup against it; raises BackupError."""
    folder = Path(folder).expanduser().resolve()
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} 不是完整的备份：缺少 {MANIFEST}（备份可能没有完成）。")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{path} 已损坏，无法读取。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不受支持（本版本为 {FORMAT}）。")
    problems = []
    db = manifest["database"]
    dbfile = folder / db["file"]
    if not dbfile.is_file():
        problems.append(f"缺少数据库文件 {db['file']}")
    elif _sha256(dbfile) != db["sha256"]:
        problems.append(f"数据库文件 {db['file']} 的校验和不符")
    for key, store in manifest["stores"].items():
        for rel, meta in store["files"].items():
            copy = folder / "files" / key / rel
            if not copy.is_file():
                problems.append(f"缺少文件 {key}/{rel}")
            elif copy.stat().st_size != meta["size"] or _sha256(copy) != meta["sha256"]:
                problems.append(f"文件 {key}/{rel} 的校验和不符")
    if problems:
        more = f"等{len(problems)}处" if len(problems) > 5 else ""
        raise BackupError(f"备份校验未通过，未做任何恢复：{'；'.join(problems[:5])}{more}。")
    return manifest


def _restore_database(folder: Path, db: dict) -> None:
    if db["vendor"] != connection.vendor:
        raise BackupError(f"备份来自 {db['vendor']} 数据库，当前系统使用 {connection.vendor}，不能直接恢复。")
    source = folder / db["file"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        return
    connection.close()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(source)], "数据库恢复")


def _restore_files(folder: Path, manifest: dict, report: RestoreReport, stamp: str) -> None:
    current = file_stores()
    for key, store in manifest["stores"].items():
        root = current.get(key) or Path(store["path"])
        staging = root.with_name(f"{root.name}.restoring-{stamp}")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        source = folder / "files" / key
        for rel in store["files"]:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, target)
        if root.exists():
            kept = root.with_name(f"{root.name}.before-restore-{stamp}")
            root.rename(kept)
            report.kept.append(kept)
        staging.rename(root)
        report.files += len(store["files"])


def _check_restored(manifest: dict, report: RestoreReport) -> None:
    current = file_stores()
    problems = []
    for key, store in manifest["stores"].items():
        root = current.get(key) or Path(store["path"])
        for rel, meta in store["files"].items():
            path = root / rel
            if not path.is_file() or _sha256(path) != meta["sha256"]:
                problems.append(f"{key}/{rel}")
    counts = _row_counts()
    for label, expected in manifest["database"]["rows"].items():
        if label in counts and counts[label] != expected:
            problems.append(f"{label} 行数 {counts[label]}（备份中 {expected}）")
        report.rows += expected
    if problems:
        raise BackupError(f"恢复后校验未通过：{'；'.join(problems[:5])}。")
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        report.warnings.append("备份早于当前版本的数据库结构：请运行 gongkai migrate。")


def restore(folder: str | os.PathLike, *, now: dt.datetime | None = None) -> RestoreReport:
    """Verify the backup, then restore the database and every file store, then verify the result."""
    folder = Path(folder).expanduser().resolve()
    manifest = verify(folder)
    report = RestoreReport(folder)
    stamp = f"{(now or dt.datetime.now()):%Y%m%d-%H%M%S}"
    _restore_database(folder, manifest["database"])
    _restore_files(folder, manifest, report, stamp)
    _check_restored(manifest, report)
    return report
