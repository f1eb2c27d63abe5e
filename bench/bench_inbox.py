"""Benchmark: the staff inbox (/staff/cases/) with 100 000 cases, on SQLite and on PostgreSQL.

    .venv/bin/python bench/bench_inbox.py                 # both backends (PostgreSQL from DATABASE_URL,
                                                          #   default postgres://postgres@127.0.0.1:5432/gongkai)
    .venv/bin/python bench/bench_inbox.py --backend sqlite --cases 20000 --requests 50

Each backend runs in its own process on a scratch database (SQLite in a temporary directory; for
PostgreSQL a database named `<name>_bench_inbox`, dropped and recreated). One agency holds all the
cases (the worst case for its inbox); about 8 % are open. The script logs a handler in and requests
the page through Django's test client (the full stack: middleware, session, permissions, query,
template), then prints the median and 95th percentile per variant. Target: p95 ≤ 150 ms for the
default inbox page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/gongkai"
VARIANTS = [
    ("收件箱默认页（办理中，按期限排序）", ""),
    ("全部案件第 1 页", "?scope=all"),
    ("全部案件第 200 页", "?scope=all&page=200"),
    ("已逾期", "?state=overdue"),
    ("即将到期", "?state=due_soon"),
    ("按经办人", "?handler={handler}"),
    ("按申请人类型和年度", "?scope=all&kind=commercial&year=2025"),
    ("搜索申请编号", "?scope=all&q=2025-04321"),
    ("搜索申请人姓名", "?scope=all&q=王五"),
]
TARGET_MS = 150


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="measured requests per variant")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return run(args)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    status = 0
    for backend in backends:
        env = dict(os.environ)
        env["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gk-bench-inbox-")
        env["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
        env.setdefault("SECRET_KEY", "bench-not-secret")
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{env['GONGKAI_VAR_DIR']}/bench.sqlite3"
        else:
            env["DATABASE_URL"] = bench_pg_url(os.environ.get("DATABASE_URL") or DEFAULT_PG)
        cmd = [sys.executable, __file__, "--child", "--cases", str(args.cases), "--requests", str(args.requests)]
        status |= subprocess.call(cmd, env=env, cwd=ROOT)
    return status


def bench_pg_url(url: str) -> str:
    if not url.startswith("postgres"):
        raise SystemExit(f"DATABASE_URL 不是 PostgreSQL：{url}")
    base, _, name = url.rpartition("/")
    name = name.split("?")[0] or "gongkai"
    return f"{base}/{name}_bench_inbox"


def recreate_pg(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run(args) -> int:
    url = os.environ["DATABASE_URL"]
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    if backend == "PostgreSQL":
        recreate_pg(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    agency, handler, handlers = seed(args.cases)
    with connection.cursor() as cur:
        # Fresh statistics (and on PostgreSQL a vacuumed visibility map), as autovacuum keeps them.
        cur.execute("VACUUM ANALYZE" if backend == "PostgreSQL" else "ANALYZE")
    print(f"\n== {backend}：{args.cases} 件申请（准备数据 {time.perf_counter() - t0:.1f} 秒）==")

    from django.test import Client

    client = Client()
    client.force_login(handler)
    worst = 0.0
    print(f"{'页面':<24}{'中位数':>10}{'p95':>10}{'件数':>10}")
    for label, query in VARIANTS:
        path = "/staff/cases/" + query.format(handler=handlers[1].pk)
        for _ in range(3):  # warm up caches and the calendar
            resp = client.get(path)
            assert resp.status_code == 200, (path, resp.status_code)
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            resp = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert resp.status_code == 200
        found = re.search(r"共 (\d+) 件", resp.content.decode())
        count = int(found.group(1)) if found else -1
        med = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        if not query:
            worst = p95
        print(f"{label:<24}{med:>8.1f}ms{p95:>8.1f}ms{count:>10}")
    ok = worst <= TARGET_MS
    print(f"目标：收件箱默认页 p95 ≤ {TARGET_MS} ms —— {'达到' if ok else '未达到'}（{worst:.1f} ms）")
    return 0 if ok else 1


def seed(n: int):
    """One agency with `n` cases spread over 2024–2026; a few handlers; ~8 % still open."""
    from django.utils import timezone

    from gongkai.agencies.models import Agency, AgencyKind, Role, RoleAssignment, User
    from gongkai.cases.models import FAR_FUTURE, OPEN_STATUSES, Application
    from gongkai.core import codes
    from gongkai.core.vocabulary import ApplicantKind, Outcome

    def uscc(seed: str) -> str:
        body = f"{abs(hash(seed)) % 10**8:08d}"
        first17 = "11110109" + body + codes.org_code_check_char(body)
        return first17 + codes.uscc_check_char(first17)

    gov = Agency.objects.create(name="基准测试区人民政府", slug="bench-gov", kind=AgencyKind.GOVERNMENT, uscc=uscc("g"))
    agency = Agency.objects.create(name="基准测试区科信局", slug="bench-kxj", kind=AgencyKind.DEPARTMENT, parent=gov,
                                   uscc=uscc("a"), doc_prefix="基科信公开")
    handlers = []
    for i in range(4):
        u = User.objects.create_user(f"bench_handler{i}", password="x" * 12, agency=agency, full_name=f"经办人{i}")
        RoleAssignment.objects.create(user=u, role=Role.HANDLER)
        handlers.append(u)
    rng = random.Random(42)
    today = timezone.localdate()
    surnames = "王李张刘陈杨赵黄周吴"
    kinds = [k.value for k in ApplicantKind]
    outcomes = [o.value for o in Outcome]
    rows = []
    seqs: dict[int, int] = {}
    for i in range(n):
        received = today - dt.timedelta(days=rng.randint(0, 1000))
        year = received.year
        seqs[year] = seqs.get(year, 0) + 1
        open_ = rng.random() < 0.08
        status = rng.choice(OPEN_STATUSES[1:]) if open_ else rng.choice(["replied", "closed", "archived"])
        due = received + dt.timedelta(days=28 + rng.randint(-3, 30))
        decided = None if open_ else min(received + dt.timedelta(days=rng.randint(1, 40)), today)
        name = rng.choice(surnames) + rng.choice("五六七八九十一二三四") + ("" if rng.random() < 0.5 else rng.choice("明华强"))
        rows.append(Application(
            agency=agency, year=year, seq=seqs[year], tracking_hash=f"{i:064x}", tracking_factor_hash="-",
            applicant_kind=rng.choice(kinds), applicant_name=name, id_type="id_card", id_number=f"1101051990{i:08d}",
            applicant_key=f"id_card:{i % 30000}", phone="13800000000", info_title=f"关于第{i}号事项的政府信息",
            provide_form="paper", delivery="post", channel="in_person",
            submitted_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))), received_on=received,
            status=status, outcome="" if open_ else rng.choice(outcomes), decided_on=decided,
            handler=rng.choice(handlers + [None]), due_date=due, sort_due=due or FAR_FUTURE,
            clock_state=rng.choice(["running"] * 8 + ["paused", "waiting"]) if open_ else "stopped",
            in_progress=open_,
        ))
        if len(rows) == 5000:
            Application.objects.bulk_create(rows)
            rows = []
    Application.objects.bulk_create(rows)
    return agency, handlers[0], handlers


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
