"""Benchmark of the catalogue search and lists with 1 000 000 items, on SQLite and PostgreSQL (issue 6).

    .venv/bin/python bench/bench_search.py [--rows 1000000] [--backends sqlite,postgresql]
        [--pg-url postgres://postgres@127.0.0.1:5432/gongkai_bench] [--dir /tmp/gongkai-bench-search]
        [--runs 40] [--reuse]

For each backend (each in its own process, since settings pick the database from DATABASE_URL):
1. builds the database once (migrations, then 1M realistic items of 50 agencies over 2019–2025 via
   bulk SQL: SQLite executemany with the FTS triggers dropped and an FTS5 'rebuild' afterwards;
   PostgreSQL COPY with the pg_trgm indexes built afterwards) and prints how long that took;
   `--reuse` keeps an existing database of the right size;
2. requests public pages and API endpoints in process (Django test client: URL routing, the
   search, the ORM, template rendering) `--runs` times each, rotating the query terms, and prints
   median and p95 in milliseconds per scenario, plus the overall p95 of searches and of lists.

Target: p95 ≤ 100 ms.

Measured 2026-11-27 on the shared development machine (2 cores, other jobs running; 40 runs each):
- generation of 1 000 000 items: SQLite 121 s (insert 75 s, FTS5 rebuild + indexes 43 s, 2.3 GB);
  PostgreSQL 134 s (COPY 61 s, pg_trgm + btree indexes 68 s, VACUUM ANALYZE 3 s, 1.8 GB);
- lists (目录 pages, API): every scenario p95 ≤ 70 ms on both databases;
- searches: terms of ≥ 3 characters, 文号, 索引号, common 1–2-character terms and short terms
  with filters: p95 9–90 ms on both;
- before the bigram index (migration 0004): a *rare* 1–2-character term (碳汇, 0.02 % of items) was
  a full scan: SQLite median 5.2 s / p95 14.6 s (machine loaded), PostgreSQL 0.75 s / 0.86 s.

After migration 0004 (bigram index; built on the 1M databases by `migrate` in about 6 min each on
the loaded machine; +150 MB SQLite, +236 MB PostgreSQL), 2026-11-27, 40 runs:
- 碳汇: SQLite median 12.9 ms, p95 13.8 ms; PostgreSQL 26.2 / 29.3 ms;
- SQLite: every search and list scenario p95 ≤ 52 ms;
- PostgreSQL misses: "短词 + 长词" (「招聘 事业单位」, 「2023 政府采购意向」) median ≈ 110 ms, p95 ≈ 130 ms, as
  before (the trigram bitmap fetches ~16 000 rows to rank by 发布日期); "两个2字词" p95 ≈ 130 ms from
  「预算 通知」 (two common bigrams: the 发布日期 walk with LIKE reads ~30 000 rows). A single
  character (「碳」) is still a full scan on both (no unigram index).

After the PostgreSQL 发布日期 windows for several terms (search.py, PostgresBackend._windowed), 2026-11-27,
40 runs, PostgreSQL: "两个词（短+长）" median 112 → 46 ms, p95 124 → 89 ms (「2023 政府采购意向」 keeps
the single bitmap intersection, ~80 ms: a year's trigram bitmap costs ~50 ms a window); "两个2字词" median
32 → 28 ms, p95 189 → 33 ms; every PostgreSQL search scenario p95 ≤ 100 ms.

2026-12-03 (issue 13 §5; machine shared with other sessions, load average 13–21 on 2 cores): phrase
searches of ≥ 3 characters took seconds on SQLite. Cause: the FTS5 window's rowids were filtered by
`status = 'published' AND id IN (…)`, and SQLite without ANALYZE statistics (Django never runs ANALYZE,
so a production database has none) walks the status index over every published item, checking the id
list row by row. Fixed by `search._rows_by_id`: `json_each(ids) CROSS JOIN` the table, one rowid lookup
per id. Same database (1M items, no statistics), same queries, CPU time of this process (stable under
load) and wall time, median of 7 (/tmp/h4/cpucmp.py in the h4 report):
- 「政府信息公开」「科技创新券申领」「公共租赁住房配租」…: CPU 148–163 ms → 9–11 ms; wall 3.3–4.1 s → 0.10–0.11 s;
- 「量子通信」 (53 items): CPU 121 → 3.7 ms, wall 2.5 s → 36 ms;
- 「部门决算2024」「2023政府采购意向」 (two terms): CPU 176–181 → 19–20 ms, wall 3.5–4.1 s → 0.16–0.17 s;
the same results (the exactness tests against `__contains` in tests/catalog/test_search.py still hold).
Whole benchmark at 1M after the fix (same loaded machine): SQLite (5 runs, no ANALYZE) phrases of ≥ 3
characters median 2–39 ms, CPU median 1.9–2.9 ms; PostgreSQL (20 runs) every search median 1.5–22.5 ms;
p95 under that load up to ~0.2 s (PostgreSQL) and ~1.1 s (SQLite 「招聘 事业单位」, the bigram path, CPU
p95 114 ms: still to improve). Generating 1M items took 44 min for PostgreSQL on that machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

AGENCIES = 50
YEARS = range(2019, 2026)
SEED = 20261127

# -- realistic text -------------------------------------------------------------------------------------

DEPTS = ["科信局", "教委", "财政局", "生态环境局", "卫生健康委", "人力社保局", "住房城乡建设委", "交通局", "水务局",
         "农业农村局", "商务局", "文化旅游局", "应急管理局", "市场监管局", "民政局", "司法局", "统计局", "医保局",
         "城管委", "规划自然资源分局", "发展改革委", "审计局", "体育局", "退役军人事务局", "国资委"]
DISTRICTS = ["门头沟区", "房山区"]
TOPICS = ["科技创新券申领", "高新技术企业认定", "安全生产检查", "政府信息公开", "部门预算", "部门决算", "“三公”经费",
          "义务教育招生", "大气污染防治", "河长制工作", "老旧小区综合整治", "生活垃圾分类", "医疗保障待遇", "就业创业补贴",
          "事业单位公开招聘", "政府采购意向", "行政执法检查", "“双随机、一公开”抽查", "疫情防控", "防汛工作", "森林防火",
          "乡村振兴", "优化营商环境", "数字经济发展", "5G基站建设", "高层次人才引进", "养老服务补贴", "残疾人就业保障",
          "食品安全监督抽检", "建设工程招标投标", "农村人居环境整治", "中小学课后服务", "公共文化服务", "全民健身",
          "退役军人优待", "社会救助", "最低生活保障", "住房租赁补贴", "公共租赁住房配租", "城市道路养护", "公交线网优化",
          "水资源税改革", "耕地保护", "不动产登记", "行政审批制度改革", "“接诉即办”", "12345热线办理", "重点项目建设",
          "固定资产投资", "规模以上工业", "社会消费品零售", "旅游市场秩序", "文物保护", "非物质文化遗产", "学前教育资源",
          "职业技能培训", "工伤保险", "失业保险", "价格监测", "特种设备安全"]
DOCTYPES = ["通知", "公告", "公示", "通报", "实施方案", "工作要点", "管理办法", "实施细则", "情况说明", "工作报告",
            "政策解读", "统计公报", "结果公示", "工作总结", "工作计划", "意见"]
SENTENCES = ["为深入贯彻落实党中央、国务院决策部署，进一步做好{t}工作，现将有关事项通知如下。",
             "各有关单位要高度重视{t}，明确责任分工，确保各项任务落到实处。",
             "本年度{t}共涉及项目{n}个，资金{m}万元，已全部按规定程序完成审核。",
             "请于{d}前将有关材料报送至区{dept}办公室，逾期不予受理。",
             "联系人：{name}，联系电话：010-6980{p}。",
             "根据《中华人民共和国政府信息公开条例》规定，现将{t}情况予以公开。",
             "经研究，决定对{t}有关政策作如下调整，自发布之日起施行。",
             "对工作中发现的问题，要及时整改，并建立长效机制。",
             "公示期间，如有异议，请以书面形式实名反映。",
             "全区共检查企业{n}家，发现并督促整改隐患{m}处。",
             "下一步，将继续加大{t}工作力度，不断提升群众满意度。",
             "附件：{t}项目汇总表"]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴丽"]
RARE_3 = "量子通信"  # in about 1 of 20 000 bodies
RARE_2 = "碳汇"  # in about 1 of 5 000 bodies


def make_text(rng: random.Random, topic: str, dept: str) -> str:
    parts = []
    for template in rng.sample(SENTENCES, rng.randint(3, 5)):
        parts.append(template.format(t=topic, n=rng.randint(2, 300), m=rng.randint(5, 9000), dept=dept,
                                     d=f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", name=rng.choice(NAMES),
                                     p=f"{rng.randint(0, 9999):04d}"))
    r = rng.random()
    if r < 1 / 20000:
        parts.append(f"积极探索{RARE_3}等前沿技术应用。")
    elif r < 1 / 20000 + 1 / 5000:
        parts.append(f"推进林业{RARE_2}项目开发。")
    return "".join(parts)


# -- django ---------------------------------------------------------------------------------------------


def setup_django(database_url: str, var_dir: Path) -> None:
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("SECRET_KEY", "bench-not-secret")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["AXES_DISABLED"] = "1"
    import django

    django.setup()


def ensure_pg_database(url: str, recreate: bool) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _fts_sql():
    """The search structures' SQL: the trigram and bigram indexes over search_text (migration 0005)."""
    import importlib

    return [importlib.import_module("gongkai.catalog.migrations.0005_search_text")]


def fill(rows: int) -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency, AgencyKind, User
    from gongkai.catalog.models import SUBJECTS as subjects
    from gongkai.catalog.models import CatalogItem, Genre
    from gongkai.catalog.text import search_text_of
    from gongkai.core import codes
    from gongkai.core.vocabulary import DisclosureCategory

    timings = {}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate"] = time.perf_counter() - t0

    rng = random.Random(SEED)
    gov = Agency.objects.create(name="北京市基准测试区人民政府", slug="bench-gov", kind=AgencyKind.GOVERNMENT,
                                org_code="10000000" + codes.org_code_check_char("10000000"))
    agencies = []
    for i in range(AGENCIES):
        body = f"{20000000 + i:08d}"
        district = DISTRICTS[i % 2]
        dept = DEPTS[i % len(DEPTS)]
        agencies.append(Agency.objects.create(
            name=f"北京市{district}{dept}（{i + 1}）", short_name=f"{district}{dept}", slug=f"bench-{i + 1}",
            kind=AgencyKind.DEPARTMENT, parent=gov, org_code=body + codes.org_code_check_char(body),
        ))
    user = User.objects.create_user("bench", password=None)

    fields = [f for f in CatalogItem._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    categories = [c.value for c in DisclosureCategory]
    genres = [g.value for g in Genre]
    seq: dict[tuple[int, int], int] = {}
    now = datetime(2026, 1, 1, tzinfo=UTC)

    def rows_iter():
        for n in range(rows):
            agency = agencies[rng.randrange(AGENCIES)]
            year = rng.choice(YEARS)
            published = date(year, 1, 1) + timedelta(days=rng.randrange(365))
            topic = rng.choice(TOPICS)
            dept = agency.short_name[3:]
            title = f"{agency.short_name}关于{year}年{topic}的{rng.choice(DOCTYPES)}"
            if rng.random() < 0.2:
                title += f"（第{rng.randint(1, 12)}批）"
            text = make_text(rng, topic, dept)
            status = "published" if rng.random() < 0.95 else rng.choice(["draft", "in_review", "withdrawn"])
            index_no = None
            if status in ("published", "withdrawn"):
                key = (agency.pk, year)
                seq[key] = seq.get(key, 0) + 1
                index_no = f"{agency.code}/{year}-{seq[key]:05d}"
            doc_no = f"{agency.short_name[3:5]}发〔{year}〕{rng.randint(1, 200)}号" if rng.random() < 0.3 else ""
            keywords = topic.strip("“”") if rng.random() < 0.5 else ""
            category = rng.choice(categories)
            genre = rng.choice(genres) if category != "20-1" else rng.choice(["regulation", "normative"])
            validity = "valid" if rng.random() < 0.9 else rng.choice(["expired", "repealed", "amended"])
            values = {
                "agency": agency.pk, "index_no": index_no, "title": title, "summary": "", "doc_no": doc_no,
                "publisher": agency.name, "written_on": published - timedelta(days=rng.randint(1, 15)),
                "published_on": published if index_no else None, "effective_on": None, "subject": rng.choice(subjects),
                "genre": genre, "category": category, "disclosure_mode": "主动公开", "validity": validity,
                "validity_changed_on": published + timedelta(days=400) if validity != "valid" else None,
                "validity_note": "", "body": f"<p>{text}</p>", "keywords": keywords, "body_text": text,
                "meta_text": (meta := " ".join(p for p in (doc_no, index_no or "", keywords) if p)),
                "search_text": search_text_of(title, meta, text),
                "formed_on": published - timedelta(days=3), "publish_due": published + timedelta(days=25),
                "publish_due_note": "", "status": status, "revision": 1, "amends": None, "created_by": user.pk,
                "created_at": now, "updated_at": now, "submitted_by": None, "reviewed_by": None, "reviewed_at": None,
                "published_by": None, "withdrawn_at": None, "withdrawal_reason": "",
            }
            yield [values[f.name] for f in fields]
            if n and n % 200000 == 0:
                print(f"  … {n} rows", flush=True)

    t0 = time.perf_counter()
    vendor = connection.vendor
    fts = _fts_sql()
    if vendor == "sqlite":
        with connection.cursor() as cur:  # a scratch database: no fsync, a big page cache
            cur.execute("PRAGMA synchronous = OFF")
            cur.execute("PRAGMA cache_size = -1000000")
    with transaction.atomic(), connection.cursor() as cur:
        if vendor == "sqlite":
            for sql in (s for m in fts for s in m.SQLITE_BACKWARD):
                cur.execute(sql)
            # Load into a bare table: secondary indexes are rebuilt afterwards (sorted, not split).
            cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'catalog_catalogitem' "
                        "AND sql IS NOT NULL")
            secondary = cur.fetchall()
            for name, _ in secondary:
                cur.execute(f'DROP INDEX "{name}"')
            insert = f"INSERT INTO catalog_catalogitem ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
            batch = []
            for row in rows_iter():
                batch.append(row)
                if len(batch) == 20000:
                    cur.executemany(insert, batch)
                    batch.clear()
            if batch:
                cur.executemany(insert, batch)
            for _, sql in secondary:
                cur.execute(sql)
        else:
            for sql in (s for m in fts for s in m.PG_BACKWARD):
                cur.execute(sql)
            raw = cur.cursor  # psycopg cursor
            with raw.copy(f"COPY catalog_catalogitem ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows_iter():
                    copy.write_row(row)
    timings["insert"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        for sql in (s for m in fts for s in (m.SQLITE_FORWARD if vendor == "sqlite" else m.PG_FORWARD)):
            cur.execute(sql)
    timings["index"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        # PostgreSQL: VACUUM sets the visibility map (index-only scans), as autovacuum would soon
        # after a bulk load; SQLite: statistics for the planner.
        cur.execute("ANALYZE" if vendor == "sqlite" else "VACUUM ANALYZE")
    timings["analyze"] = time.perf_counter() - t0
    return timings


# -- measuring ------------------------------------------------------------------------------------------


def scenarios(rng: random.Random) -> list[tuple[str, str, list[str]]]:
    """(kind, name, urls to rotate through)."""
    from gongkai.agencies.models import Agency

    slugs = list(Agency.objects.filter(slug__startswith="bench-").exclude(slug="bench-gov").values_list("slug", flat=True))
    sample = _sample_numbers()
    pick = lambda k: rng.sample(slugs, k)  # noqa: E731
    return [
        ("list", "全部目录 /catalog/", ["/catalog/"]),
        ("list", "机关目录第1页 /gk/<机关>/catalog/", [f"/gk/{s}/catalog/" for s in pick(10)]),
        ("list", "机关目录第20页", [f"/gk/{s}/catalog/?page=20" for s in pick(10)]),
        ("list", "机关目录按类别", [f"/gk/{s}/catalog/?category=20-{k}" for s, k in zip(pick(10), range(1, 11), strict=True)]),
        ("list", "机关目录按主题+年度", [f"/gk/{s}/catalog/?subject=科技、教育&year={2019 + i % 7}" for i, s in enumerate(pick(10))]),
        ("list", "API 列表 /api/items", ["/api/items?per_page=20", "/api/items?page=3", "/api/items?category=20-7"]),
        ("list", "API 机关+年度", [f"/api/items?agency={s}&year={2019 + i % 7}" for i, s in enumerate(pick(10))]),
        ("search", "2字常见词（预算/通知/公开）", ["/search/?q=预算", "/search/?q=通知", "/search/?q=公开", "/search/?q=补贴"]),
        ("search", "2字较少见词（碳汇，约0.02%）", [f"/search/?q={RARE_2}"]),
        ("search", "两个2字词", ["/search/?q=预算 通知", f"/search/?q={RARE_2} 林业", "/search/?q=招聘 公告"]),
        ("search", "2字词+机关+年度", [f"/search/?q=通知&agency={s}&year=2024" for s in pick(5)]),
        ("search", "≥3字常见短语（政府信息公开）", ["/search/?q=政府信息公开", "/search/?q=部门预算", "/search/?q=安全生产检查"]),
        ("search", "≥3字少见短语（量子通信）", [f"/search/?q={RARE_3}"]),
        ("search", "≥3字中等短语（科技创新券申领）", ["/search/?q=科技创新券申领", "/search/?q=公共租赁住房配租", "/search/?q=特种设备安全"]),
        ("search", "繁体输入、汉字与数字混排", ["/search/?q=政務公開", "/search/?q=部门决算2024", "/search/?q=科技創新券申領",
                                         "/search/?q=2023政府采购意向"]),
        ("search", "两个词（短+长）", ["/search/?q=预算 三公经费", "/search/?q=招聘 事业单位", "/search/?q=2023 政府采购意向"]),
        ("search", "文号", [f"/search/?q={d}" for d, _ in sample[:10]]),
        ("search", "索引号", [f"/search/?q={i}" for _, i in sample[10:20]]),
        ("search", "API 检索", ["/api/items?q=预算", "/api/items?q=科技创新券", f"/api/items?q={RARE_3}&per_page=5"]),
    ]


def _sample_numbers():
    from django.db import connection

    with connection.cursor() as cur:
        # A cheap sample spread over the table: every n-th id with a 文号.
        cur.execute("SELECT max(id) FROM catalog_catalogitem")
        top = cur.fetchone()[0] or 1
        ids = [int(top * k / 41) for k in range(1, 41)]
        cur.execute(
            "SELECT doc_no, index_no FROM catalog_catalogitem WHERE id IN ({}) AND index_no IS NOT NULL".format(",".join(str(i) for i in ids))
        )
        rows = [(d or "门科发〔2023〕1号", i) for d, i in cur.fetchall()]
    return (rows * 3)[:40]


def measure(runs: int) -> list[dict]:
    from django.test import Client

    client = Client()
    rng = random.Random(SEED + 1)
    results = []
    for kind, name, urls in scenarios(rng):
        client.get(urls[0])  # warm
        times, cpu = [], []
        for k in range(runs):
            url = urls[k % len(urls)]
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        times.sort()
        cpu.sort()
        results.append({
            "kind": kind, "name": name, "median": statistics.median(times),
            "p95": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], "max": times[-1],
            # this process's CPU time (on SQLite it includes the database's work; on PostgreSQL only
            # Django's): stable under the shared machine's load, unlike wall time
            "cpu_median": statistics.median(cpu), "cpu_p95": cpu[min(len(cpu) - 1, int(round(0.95 * (len(cpu) - 1))))],
        })
    return results


def child(args) -> None:
    backend = args.child
    var = Path(args.dir) / backend
    if backend == "sqlite":
        url = f"sqlite:///{var / 'bench.sqlite3'}"
        if not args.reuse and (var / "bench.sqlite3").exists():
            for suffix in ("", "-wal", "-shm"):
                p = var / f"bench.sqlite3{suffix}"
                if p.exists():
                    p.unlink()
    else:
        url = args.pg_url
        ensure_pg_database(url, recreate=not args.reuse)
    setup_django(url, var)
    from django.db import connection

    from gongkai.catalog.models import CatalogItem

    have = 0
    try:
        have = CatalogItem.objects.count()
    except Exception:
        have = 0
    timings = {}
    if have != args.rows:
        if have:
            raise SystemExit(f"{backend}: database has {have} rows, not {args.rows}; run without --reuse")
        t0 = time.perf_counter()
        timings = fill(args.rows)
        timings["total"] = time.perf_counter() - t0
    else:  # a reused database gets the migrations added since it was built (new indexes on 1M rows)
        from django.core.management import call_command

        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        timings["upgrade"] = time.perf_counter() - t0
    size = ""
    if connection.vendor == "sqlite":
        size = f"{(var / 'bench.sqlite3').stat().st_size / 2**20:.0f} MB"
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cur.fetchone()[0]
    results = measure(args.runs)
    print(json.dumps({"backend": backend, "rows": args.rows, "timings": timings, "size": size, "results": results},
                     ensure_ascii=False))


def report(data: dict) -> None:
    print(f"\n== {data['backend']} — {data['rows']:,} 条目录信息（数据库 {data['size']}）")
    if "upgrade" in data["timings"]:
        print(f"   生成：复用已有数据库（补做迁移 {data['timings']['upgrade']:.1f} s）")
    elif data["timings"]:
        t = data["timings"]
        print("   生成：迁移 {migrate:.1f} s，写入 {insert:.1f} s，建索引 {index:.1f} s，(VACUUM) ANALYZE {analyze:.1f} s，合计 {total:.1f} s"
              .format(**t))
    else:
        print("   生成：复用已有数据库")
    print(f"   {'场景':<34}{'中位数 ms':>10}{'p95 ms':>10}{'最大 ms':>10}{'CPU中位数':>10}{'CPU p95':>10}")
    for r in data["results"]:
        flag = "" if r["p95"] <= 100 else "  > 100"
        print(f"   [{r['kind']:<6}] {r['name']:<28}{r['median']:>10.1f}{r['p95']:>10.1f}{r['max']:>10.1f}"
              f"{r.get('cpu_median', 0):>10.1f}{r.get('cpu_p95', 0):>10.1f}{flag}")
    for kind in ("search", "list"):
        worst = max(r["p95"] for r in data["results"] if r["kind"] == kind)
        meets = sum(r["p95"] <= 100 for r in data["results"] if r["kind"] == kind)
        total = sum(r["kind"] == kind for r in data["results"])
        print(f"   {kind}: {meets}/{total} 个场景 p95 ≤ 100 ms；最差场景 p95 {worst:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench"))
    parser.add_argument("--dir", default="/tmp/gongkai-bench-search")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep an existing database of the right size")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    for backend in args.backends.split(","):
        cmd = [sys.executable, __file__, "--child", backend, "--rows", str(args.rows), "--pg-url", args.pg_url,
               "--dir", args.dir, "--runs", str(args.runs)] + (["--reuse"] if args.reuse else [])
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode:
            print(out.stdout[-3000:], out.stderr[-3000:])
            raise SystemExit(f"{backend} failed")
        progress = [line for line in out.stdout.splitlines() if line.startswith("  …")]
        data = json.loads(out.stdout.splitlines()[-1])
        report(data)
        print(f"   （本后端总耗时 {time.perf_counter() - t0:.0f} s{'，' + str(len(progress)) + ' 个进度点' if progress else ''}）")


if __name__ == "__main__":
    main()
