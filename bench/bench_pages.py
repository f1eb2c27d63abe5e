"""Benchmark: CPU per request of the main pages, as a multiple of a bare Django view (issue 16).

    .venv/bin/python bench/bench_pages.py                      # demo data, 7 rounds of 30 requests each
    .venv/bin/python bench/bench_pages.py --rounds 5 --requests 20 --only / /api/items
    .venv/bin/python bench/bench_pages.py --profile case       # cProfile of one page (top 30 by own time)

One process: a scratch SQLite database in a temporary directory, `migrate` and `gongkai demo`, then
Django's test client (the project's own middleware, session, permissions, queries, templates). The
reference is a bare view (`HttpResponse("hello")`) served through the same middleware by the same
process. Each round measures the bare view and the page back to back (CPU time of the process,
`time.process_time`, per request); the table shows the median over rounds of the page's CPU per request,
the bare view's, and their ratio. After every request the script calls `close_old_connections()` as a
WSGI server does (so `DB_CONN_MAX_AGE` counts as it does in production).

CPU time rather than wall time: the figures hold on a machine shared with other work. The targets are
those of issue 16 (public pages ≤ 15×, /api/items ≤ 10×, the feed ≤ 5× once cached, the staff inbox ≤ 20×,
the case page ≤ 40×); the last column says whether each is met. Also printed: SQL queries per request.
`--cold` empties the cache before every request: the cost of a page nobody has asked for since the last
publication (gongkai.publiccache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bare(request):
    from django.http import HttpResponse

    return HttpResponse("hello")


def _install_urlconf() -> str:
    """The project's URLs plus /__bare__/ (the reference view), as a module of its own."""
    from django.urls import include, path

    mod = types.ModuleType("bench_pages_urls")
    mod.urlpatterns = [path("__bare__/", _bare), path("", include("gongkai.urls"))]
    mod.handler404 = "gongkai.agencies.views.not_found"
    mod.handler403 = "gongkai.agencies.views.forbidden"
    sys.modules[mod.__name__] = mod
    return mod.__name__


def pages():
    """(key, label, path, client kind, target ×) for each page of issue 16's table."""
    from gongkai.cases.models import Application
    from gongkai.catalog.models import CatalogItem

    item = CatalogItem.objects.public().filter(agency__slug="mtg-kxj").order_by("-published_on", "-id").first()
    case = Application.objects.get(agency__slug="mtg-kxj", info_title="区科信局公务用车购置审批文件")
    return [
        ("home", "/", "/", "public", 15),
        ("guide", "指南 /gk/mtg-kxj/", "/gk/mtg-kxj/", "public", 15),
        ("catalog", "目录 /gk/mtg-kxj/catalog/", "/gk/mtg-kxj/catalog/", "public", 15),
        ("search2", "检索（2 字）", "/search/?q=科技", "public", 15),
        ("search4", "检索（4 字）", "/search/?q=科技项目", "public", 15),
        ("item", "信息页", f"/gk/mtg-kxj/item/{item.pk}/", "public", 15),
        ("feed", "RSS /feeds/mtg-kxj/rss.xml", "/feeds/mtg-kxj/rss.xml", "public", 5),
        ("api", "/api/items", "/api/items", "public", 10),
        ("inbox", "收件箱 /staff/cases/", "/staff/cases/", "staff", 20),
        ("case", "案件页", f"/staff/cases/{case.pk}/", "staff", 40),
    ]


def _pad(text: str, width: int) -> str:
    """Left-align `text` in `width` terminal columns (a Han character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


COLD = False  # --cold: empty the cache before every request (the first visitor's cost)


def measure(client, path: str, n: int) -> float:
    """CPU milliseconds per request, over n requests."""
    from django.core.cache import cache
    from django.db import close_old_connections

    start = time.process_time()
    for _ in range(n):
        if COLD:
            cache.clear()
        resp = client.get(path)
        if resp.status_code != 200:
            raise SystemExit(f"{path} → {resp.status_code}")
        close_old_connections()
    return (time.process_time() - start) * 1000 / n


def count_queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return len(ctx.captured_queries)


def setup(var_dir: str) -> None:
    os.environ["GONGKAI_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("SECRET_KEY", "bench-pages-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("GONGKAI_TASKS", "immediate")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ROOT_URLCONF = _install_urlconf()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("demo", stdout=devnull)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--requests", type=int, default=30, help="requests per page per round")
    ap.add_argument("--only", nargs="*", help="page keys or paths to measure")
    ap.add_argument("--profile", metavar="KEY", help="cProfile one page instead (key from the table)")
    ap.add_argument("--sql", metavar="KEY", help="print the SQL of one request of a page instead")
    ap.add_argument("--cold", action="store_true", help="empty the cache before every request (nothing cached)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    global COLD
    COLD = args.cold

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gk-bench-pages-") as var_dir:
        setup(var_dir)
        from django.conf import settings
        from django.test import Client

        from gongkai.agencies.models import User

        clients = {"public": Client(), "staff": Client()}
        clients["staff"].force_login(User.objects.get(username="kxj_handler"))
        todo = pages()
        if args.only:
            todo = [p for p in todo if p[0] in args.only or p[2] in args.only]
        db = settings.DATABASES["default"]
        print(f"准备数据 {time.perf_counter() - t0:.1f} 秒；SQLite，CONN_MAX_AGE={db.get('CONN_MAX_AGE')}，"
              f"CONN_HEALTH_CHECKS={db.get('CONN_HEALTH_CHECKS')}；{args.rounds} 轮 × 每页 {args.requests} 次请求"
              + ("；每次请求前清空缓存" if COLD else ""))
        print("（CPU 时间，本进程；本机同时有其他工作在运行，绝对值仅供参考，倍数在同一进程内测得）\n")

        if args.profile:
            return profile(clients, todo, args.profile, args.requests)
        if args.sql:
            return show_sql(clients, todo, args.sql)

        bare = clients["public"]
        for _ in range(20):  # warm up the bare view, the URL resolver, the template loaders
            bare.get("/__bare__/")
        rows = []
        for _key, label, path, kind, target in todo:
            client = clients[kind]
            for _ in range(3):
                client.get(path)  # warm up caches
            if COLD:
                from django.core.cache import cache

                cache.clear()
            queries = count_queries(client, path)
            page_ms, bare_ms, ratios = [], [], []
            for _ in range(args.rounds):
                b = measure(bare, "/__bare__/", args.requests)
                p = measure(client, path, args.requests)
                bare_ms.append(b)
                page_ms.append(p)
                ratios.append(p / b)
            rows.append((label, statistics.median(page_ms), statistics.median(bare_ms), statistics.median(ratios),
                         target, queries))
        print(f"{_pad('页面', 30)}{'CPU/请求':>10}{'裸视图':>9}{'倍数':>8}{'目标':>7}{'SQL':>5}")
        for label, p, b, r, target, q in rows:
            mark = "✓" if r <= target else "✗"
            print(f"{_pad(label, 30)}{p:>8.2f}ms{b:>7.3f}ms{r:>7.1f}×{'≤' + str(target) + '×':>6} {mark}{q:>4}")
    return 0


def _page(todo, key):
    match = [p for p in todo if p[0] == key]
    if not match:
        raise SystemExit(f"未知页面：{key}（可选：{', '.join(p[0] for p in todo)}）")
    return match[0]


def show_sql(clients, todo, key) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, label, path, kind, _ = _page(todo, key)
    clients[kind].get(path)
    with CaptureQueriesContext(connection) as ctx:
        clients[kind].get(path)
    print(f"{label} {path}：{len(ctx.captured_queries)} 条 SQL")
    for q in ctx.captured_queries:
        print(f"  {q['sql'][:300]}")
    return 0


def profile(clients, todo, key, n) -> int:
    import cProfile
    import pstats

    _, label, path, kind, _ = _page(todo, key)
    client = clients[kind]
    for _ in range(3):
        client.get(path)
    prof = cProfile.Profile()
    prof.enable()
    measure(client, path, n)
    prof.disable()
    print(f"{label} {path}：{n} 次请求")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
