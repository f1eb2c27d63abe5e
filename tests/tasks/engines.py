"""Real engines for the task tests: an isolated gongkai (own var dir and database) driven through
subprocesses — `gongkai migrate`, Python snippets run under Django, and real `gongkai worker` processes.

The test process's own database is pytest-django's (in memory on SQLite), which no other process can
see; so these tests give the worker a database of its own: a SQLite file, or — when the suite runs on
PostgreSQL (DATABASE_URL) — a fresh PostgreSQL database, dropped afterwards. RQ uses Redis db 14
(h14's), emptied first, under a file lock so that two test processes never share it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from cases.conftest import CLOCK_START

REPO = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
# The engines' clock starts at the `clock` fixture's "now", whatever day the suite runs on; it then ticks.
PINNED_NOW = CLOCK_START


class Engine:
    def __init__(self, kind: str, root: Path, database_url: str, settings_module: str = "tasks.engine_settings",
                 now: dt.datetime | None = PINNED_NOW):
        self.kind, self.root, self.database_url = kind, root, database_url
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "GONGKAI_ENV": "development",
            "GONGKAI_VAR_DIR": str(root),
            "SECRET_KEY": "engine-test",
            "DATABASE_URL": database_url,
            "GONGKAI_TASKS": kind,
            "REDIS_URL": REDIS_TEST_URL,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(root / "outbox"),
            "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests"), os.environ.get("PYTHONPATH", "")]),
            "LOG_LEVEL": "WARNING",
        }
        if now is not None:  # read by engine_settings in every process of this engine
            self.env["GONGKAI_ENGINE_CLOCK_SHIFT"] = repr(now.timestamp() - time.time())
        self.workers: list[subprocess.Popen] = []

    def gongkai(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "gongkai", *args], env=self.env, cwd=self.root, capture_output=True,
            text=True, timeout=timeout,
        )
        assert done.returncode == 0, f"gongkai {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def run(self, code: str, timeout: float = 300):
        """Run `code` under Django in a fresh process; it sets `result`, returned here (JSON)."""
        script = (
            "import django, json, sys\ndjango.setup()\nresult = None\n" + code
            + "\nsys.stdout.write('\\n@@RESULT@@' + json.dumps(result, ensure_ascii=False, default=str))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], env=self.env, cwd=self.root, capture_output=True, text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"snippet failed:\n{code}\n{done.stdout}\n{done.stderr}"
        return json.loads(done.stdout.rsplit("@@RESULT@@", 1)[1])

    def start_worker(self, *args: str) -> subprocess.Popen:
        log = open(self.root / f"worker-{len(self.workers)}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "worker", *args], env=self.env, cwd=self.root,
            stdout=log, stderr=subprocess.STDOUT,
        )
        self.workers.append(proc)
        return proc

    def worker_logs(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.root.glob("worker-*.log")))

    def stop_workers(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.workers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _redis():
    import redis

    return redis.Redis.from_url(REDIS_TEST_URL)


@contextlib.contextmanager
def engine(kind: str, settings_module: str = "tasks.engine_settings", now: dt.datetime | None = PINNED_NOW):
    """An isolated, migrated gongkai using the `kind` engine ("database" or "rq"), its clock starting at
    `now` (None: the real clock)."""
    root = Path(tempfile.mkdtemp(prefix=f"gongkai-engine-{kind}-"))
    lock = None
    if kind == "rq":
        # one lock per Redis database (GONGKAI_TEST_REDIS_URL picks another one: a helper's own number)
        name = REDIS_TEST_URL.rstrip("/").rsplit("/", 1)[-1] if REDIS_TEST_URL.count("/") > 2 else "0"
        lock = open(Path(tempfile.gettempdir()) / f"gongkai-test-redis-db{name}.lock", "w")  # noqa: SIM115
        fcntl.flock(lock, fcntl.LOCK_EX)
        _redis().flushdb()
    pg_name = None
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        pg_name = f"gongkai_engine_{uuid.uuid4().hex[:10]}"
        server = base.rsplit("/", 1)[0]
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        database_url = f"{server}/{pg_name}"
    else:
        database_url = f"sqlite:///{root / 'gongkai.sqlite3'}"
    eng = Engine(kind, root, database_url, settings_module, now)
    try:
        eng.gongkai("migrate", "--no-input", "-v", "0")
        yield eng
    finally:
        eng.stop_workers()
        if pg_name:
            import psycopg

            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        if lock is not None:
            _redis().flushdb()
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
