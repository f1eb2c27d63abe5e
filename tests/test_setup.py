"""Set-up and settings: production safety, development defaults, SQLite concurrency, the scripts, README."""

import json
import os
import re
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSTHROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")


def _env(tmp_path, **extra) -> dict:
    """A clean environment: none of the test run's settings leak into the child."""
    env = {k: v for k, v in os.environ.items() if k in PASSTHROUGH}
    env["GONGKAI_VAR_DIR"] = str(tmp_path / "var")
    env.update(extra)
    return env


def _settings(tmp_path, code: str = "", **env) -> subprocess.CompletedProcess:
    script = textwrap.dedent("""
        import json
        from gongkai import settings as s
        print(json.dumps({
            "hashers": s.PASSWORD_HASHERS, "debug": s.DEBUG, "secret": s.SECRET_KEY,
            "hosts": s.ALLOWED_HOSTS, "session_secure": s.SESSION_COOKIE_SECURE,
            "csrf_secure": s.CSRF_COOKIE_SECURE, "language": s.LANGUAGE_CODE, "tz": s.TIME_ZONE,
            "use_tz": s.USE_TZ, "email": s.EMAIL_BACKEND, "db": s.DATABASES["default"]["ENGINE"],
            "db_name": str(s.DATABASES["default"]["NAME"]), "upload": s.DATA_UPLOAD_MAX_MEMORY_SIZE,
            "upload_file": s.UPLOAD_MAX_BYTES, "law": s.GONGKAI_LAW,
            "conn_max_age": s.DATABASES["default"]["CONN_MAX_AGE"],
            "conn_health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
        }))
    """) + code
    return subprocess.run(
        [sys.executable, "-c", script], env=_env(tmp_path, **env), capture_output=True, text=True,
        cwd=tmp_path, timeout=60,
    )


def _ok(result) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_requires_a_secret_key(tmp_path):
    result = _settings(tmp_path, GONGKAI_ENV="production", ALLOWED_HOSTS="gk.example.gov.cn")
    assert result.returncode != 0
    assert "生产环境（GONGKAI_ENV=production）必须设置 SECRET_KEY 环境变量。" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_requires_allowed_hosts(tmp_path):
    result = _settings(tmp_path, GONGKAI_ENV="production", SECRET_KEY="x" * 50)
    assert result.returncode != 0 and "必须设置 ALLOWED_HOSTS" in result.stderr


def test_production_settings_are_secure(tmp_path):
    s = _ok(_settings(tmp_path, GONGKAI_ENV="production", SECRET_KEY="k" * 50, ALLOWED_HOSTS="gk.example.gov.cn"))
    assert s["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "MD5" not in " ".join(s["hashers"])
    assert s["debug"] is False and s["session_secure"] and s["csrf_secure"]
    assert s["hosts"] == ["gk.example.gov.cn"]


def test_a_misspelt_environment_is_refused(tmp_path):
    result = _settings(tmp_path, GONGKAI_ENV="prod")
    assert result.returncode != 0 and "GONGKAI_ENV 只能是 development 或 production" in result.stderr
    result = _settings(tmp_path, UPLOAD_MAX_MB="twenty")
    assert result.returncode != 0 and "环境变量 UPLOAD_MAX_MB 应为整数" in result.stderr


def test_a_yes_no_variable_accepts_only_yes_or_no(tmp_path):
    for value, expected in [("1", True), ("True", True), (" yes ", True), ("on", True),
                            ("0", False), ("false", False), ("No", False), ("off", False), ("", False)]:
        assert _ok(_settings(tmp_path, DEBUG=value))["debug"] is expected, value
    for value in ("ture", "2", "enabled", "y"):  # a typo must not silently mean False
        result = _settings(tmp_path, DEBUG=value)
        assert result.returncode != 0, value
        assert f"环境变量 DEBUG 应为 true/false（或 1/0、yes/no、on/off），当前为「{value}」" in result.stderr
        assert "DEBUG must be true or false" in result.stderr


def test_development_defaults(tmp_path):
    s = _ok(_settings(tmp_path))
    assert s["debug"] is False  # off unless asked for
    assert (s["language"], s["tz"], s["use_tz"]) == ("zh-hans", "Asia/Shanghai", True)
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"
    assert s["db"] == "django.db.backends.sqlite3"
    assert s["db_name"] == str(tmp_path / "var" / "gongkai.sqlite3")
    assert s["upload"] == 5 * 1024 * 1024 and s["upload_file"] == 20 * 1024 * 1024
    assert "FEE_NOTICE_PAUSES_REPLY_CLOCK" not in s["law"]  # one rule, not a setting (README 法律参数)
    assert _ok(_settings(tmp_path, DEBUG="1"))["debug"] is True


def test_development_generates_the_secret_key_once_into_var(tmp_path):
    first = _ok(_settings(tmp_path))["secret"]
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text().strip() == first and len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _ok(_settings(tmp_path))["secret"] == first  # stable across restarts


def test_the_database_comes_from_database_url(tmp_path):
    s = _ok(_settings(tmp_path, DATABASE_URL="postgres://gk@db.internal:5432/gongkai"))
    assert (s["db"], s["db_name"]) == ("django.db.backends.postgresql", "gongkai")


def test_database_connections_persist_and_are_checked_before_reuse(tmp_path):
    """Issue 16: a connection per request cost 1.6–1.8× on the light pages; kept 60 s by default, on
    SQLite and PostgreSQL alike, and pinged before a request reuses it."""
    for url in ("", "postgres://gk@db.internal:5432/gongkai"):
        s = _ok(_settings(tmp_path, **({"DATABASE_URL": url} if url else {})))
        assert (s["conn_max_age"], s["conn_health_checks"]) == (60, True)
    s = _ok(_settings(tmp_path, DB_CONN_MAX_AGE="0", DB_CONN_HEALTH_CHECKS="false"))
    assert (s["conn_max_age"], s["conn_health_checks"]) == (0, False)


def test_argon2_hashing_works():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    class QuickArgon2(Argon2PasswordHasher):  # production costs take seconds on a busy test machine
        memory_cost, time_cost, parallelism = 1024, 1, 1

    hasher = QuickArgon2()  # the test settings use MD5 for speed; production uses Argon2
    encoded = hasher.encode("一个足够长的口令-2025", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("一个足够长的口令-2025", encoded) and not hasher.verify("别的口令", encoded)


SQLITE_SCRIPT = textwrap.dedent("""
    import os, sqlite3, threading, time
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django
    django.setup()
    from django.db import connection, connections, transaction

    with connection.cursor() as c:
        print("journal_mode", c.execute("PRAGMA journal_mode").fetchone()[0])
        print("busy_timeout", c.execute("PRAGMA busy_timeout").fetchone()[0])
        c.execute("CREATE TABLE t (who TEXT)")

    holding, release = threading.Event(), threading.Event()

    def first_writer():
        with transaction.atomic():  # BEGIN IMMEDIATE: takes the write lock at once
            with connection.cursor() as c:
                c.execute("INSERT INTO t VALUES ('first')")
            holding.set()
            release.wait(30)  # holds the lock until the second writer has begun,
            time.sleep(0.3)  # and a moment longer, so that it surely meets the lock (passing never depends on this)
        connections.close_all()

    thread = threading.Thread(target=first_writer)
    thread.start()
    holding.wait(30)
    with connection.cursor() as c:  # a reader goes on while the write lock is held (WAL)
        print("reader_saw", c.execute("SELECT count(*) FROM t").fetchone()[0])
    bare = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
    try:  # without a busy timeout a second writer fails at once: the lock really is held
        bare.execute("BEGIN IMMEDIATE")
        print("bare_writer", "ok")
    except sqlite3.OperationalError as exc:
        print("bare_writer", exc)
    bare.close()
    # The app's connection: the first writer lets go only once this BEGIN IMMEDIATE has started,
    # so the second writer meets the held lock, waits for it and then succeeds.
    connection.connection.set_trace_callback(lambda sql: release.set() if sql.startswith("BEGIN") else None)
    with transaction.atomic():
        with connection.cursor() as c:
            c.execute("INSERT INTO t VALUES ('second')")
    print("second_writer", "ok")
    thread.join()
    with connection.cursor() as c:
        print("rows", ",".join(r[0] for r in c.execute("SELECT who FROM t ORDER BY rowid")))
""")


def test_sqlite_uses_wal_and_waits_for_the_write_lock(tmp_path):
    """Behaviour, not timing: readers are not blocked, a second writer waits instead of failing."""
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT], env=_env(tmp_path), capture_output=True, text=True,
        cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert out["journal_mode"] == "wal"
    assert out["busy_timeout"] == "20000"
    assert out["reader_saw"] == "0"  # read during the first writer's transaction, not after it
    assert out["bare_writer"] == "database is locked"
    assert out["second_writer"] == "ok"
    assert out["rows"] == "first,second"


# -- the scripts ---------------------------------------------------------------------------------


def test_the_scripts_are_executable_bash_with_strict_mode():
    for name in ("dev", ".ci/run"):
        path = ROOT / name
        assert os.access(path, os.X_OK), f"{name} is not executable"
        assert "set -euo pipefail" in path.read_text()
        subprocess.run(["bash", "-n", str(path)], check=True)


def test_dev_prints_its_usage_in_chinese():
    result = subprocess.run([str(ROOT / "dev")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert "./dev serve" in result.stdout and "./dev test" in result.stdout


def _fake_python(tmp_path, version: str, has_venv: bool = True) -> Path:
    """A stand-in interpreter that reports `version` and whether venv/ensurepip import."""
    major, minor = (int(x) for x in version.split(".")[:2])
    fake = tmp_path / f"python{version}"
    fake.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        case "$2" in
          *ensurepip*) exit {0 if has_venv else 1} ;;
          *"version_info < (3, 11)"*) [ {major * 100 + minor} -lt 311 ] && exit 1; exit 0 ;;
          *python_version*) echo {version}; exit 0 ;;
          *version_info*) echo {major}.{minor}; exit 0 ;;
        esac
        exit 1
    """))
    fake.chmod(0o755)
    return fake


def _dev_in_copy(tmp_path, python: Path) -> subprocess.CompletedProcess:
    work = tmp_path / "clone"
    work.mkdir()
    (work / "dev").write_bytes((ROOT / "dev").read_bytes())
    (work / "dev").chmod(0o755)
    (work / "pyproject.toml").write_text("")
    return subprocess.run(
        [str(work / "dev"), "serve"], env={**_env(tmp_path), "PYTHON": str(python)},
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
    )


def test_dev_refuses_an_old_python_with_a_clear_message(tmp_path):
    result = _dev_in_copy(tmp_path, _fake_python(tmp_path, "3.9.2"))
    assert result.returncode == 1
    assert "gongkai 需要 Python 3.11 或更高版本" in result.stderr and "3.9.2" in result.stderr
    assert not (tmp_path / "clone" / ".venv").exists()


def test_dev_asks_for_python3_venv_when_ensurepip_is_missing(tmp_path):
    result = _dev_in_copy(tmp_path, _fake_python(tmp_path, "3.11.2", has_venv=False))
    assert result.returncode == 1
    assert "sudo apt-get install python3-venv" in result.stderr and "python3.11-venv" in result.stderr


# -- README --------------------------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Only code counts (blocks and `spans`): prose may say "gongkai is …" without naming a command.
README_CODE = "\n".join(re.findall(r"```[^\n]*\n(.*?)```", README, re.S) + re.findall(r"`([^`\n]+)`", README))
SETTINGS_SRC = (ROOT / "src" / "gongkai" / "settings.py").read_text(encoding="utf-8")
SCRIPTS_SRC = "".join(
    (ROOT / p).read_text(encoding="utf-8") for p in ("dev", ".ci/run", "tests/conftest.py")
) + "".join(p.read_text(encoding="utf-8") for p in [*(ROOT / "bench").glob("*.py"), *(ROOT / "tests").rglob("test_*.py")])


def test_every_gongkai_command_in_the_readme_exists():
    from django.core.management import get_commands

    known = set(get_commands()) | {"serve", "worker", "report", "help"}
    used = set(re.findall(r"(?:^|bin/)gongkai ([a-z_]+)", README_CODE, re.M))
    assert {"serve", "demo", "migrate", "collectstatic", "remind"} <= used
    assert not used - known, f"README names commands that do not exist: {sorted(used - known)}"


def test_every_variable_in_the_readme_is_read_by_the_settings_or_the_scripts():
    variables = set(re.findall(r"\b([A-Z][A-Z0-9_]{3,})\b(?!-)", README_CODE))  # not CONTROL-C
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "GONGKAI_ENV", "EMAIL_HOST"} <= variables
    unknown = {
        v for v in variables
        if f'"{v}"' not in SETTINGS_SRC and not re.search(rf"^{v} =", SETTINGS_SRC, re.M) and v not in SCRIPTS_SRC
    }
    assert not unknown, f"README documents variables nothing reads: {sorted(unknown)}"


def test_every_law_setting_is_documented_in_the_readme():
    block = SETTINGS_SRC[SETTINGS_SRC.index("GONGKAI_LAW = {"):]
    block = block[: block.index("\n}\n")]
    names = re.findall(r'env\w+\("([A-Z_]+)"', block)
    assert names, "GONGKAI_LAW reads no environment variable"
    missing = [n for n in names if f"`{n}`" not in README]
    assert not missing, f"README「法律参数」 lacks {missing}"


def test_the_readme_shows_the_two_commands_and_the_bench_scripts_exist():
    assert "./dev serve" in README_CODE and "./dev test" in README_CODE
    for script in re.findall(r"bench/[\w-]+\.py", README):
        assert (ROOT / script).exists(), f"README names {script}, which does not exist"



CACHE_SCRIPT = textwrap.dedent("""
    import os
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django
    django.setup()
    from gongkai import publiccache
    if os.environ.get("BUMP"):
        publiccache.bump()
    print(publiccache.version())
""")


def test_the_default_cache_is_shared_by_every_process_on_the_machine(tmp_path):
    """A withdrawal must vanish from every worker at once: without CACHE_URL the cache is files under
    var/cache, so the public version bumped in one process (the web worker that withdrew, or the task
    worker) is the version every other process reads."""
    def run(**env) -> int:
        done = _settings(tmp_path, CACHE_SCRIPT, **env)
        assert done.returncode == 0, done.stderr
        return int(done.stdout.strip().splitlines()[-1])

    before = run()
    bumped = run(BUMP="1")
    assert bumped > before
    assert run() == bumped  # another process reads the version the first one wrote
    assert (tmp_path / "var" / "cache").is_dir()
