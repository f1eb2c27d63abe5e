"""Benchmark of the annual report (issue 7): one busy agency's report, and a 500-agency aggregation.

    .venv/bin/python bench/bench_annual.py [--cases N] [--agencies M] [--database-url URL]

1. creates a scratch database (SQLite in a temporary directory, or the PostgreSQL URL given),
   one agency with N cases (default 10 000) over two years across every outcome and applicant
   kind, with fee notices, 复议/诉讼 records and catalogue documents;
2. times computing its report for the busy year: tables 二–四 and the fee facts from the data
   (`figures.build_report`), then the whole service (`services.compute_report`: figures, narrative
   draft, validation with last year's report, save) — target ≤ 1 s;
3. times aggregating M (default 500) agencies' reports into a government report: the pure engine
   (`core.report.aggregate.aggregate`) and the service over M approved reports stored in the
   database (`services.compute_government_report`) — target ≤ 2 s.

Prints seconds for each step (best of 3 runs).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

YEAR = 2025


def setup_django(database_url: str | None) -> str:
    var = tempfile.mkdtemp(prefix="gongkai-bench-annual-")
    os.environ["GONGKAI_VAR_DIR"] = var
    os.environ.setdefault("SECRET_KEY", "bench-not-secret")
    os.environ["LOG_LEVEL"] = "WARNING"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return var


CPU: dict[str, float] = {}


def best(fn, runs: int = 3) -> tuple[float, object]:
    """Best wall-clock time of `runs` runs (the CPU time of that run is kept in CPU["last"])."""
    times, result = [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, CPU["last"] = min(times)
    return wall, result


def make_agencies(m: int):
    from gongkai.agencies.models import Agency, AgencyKind, Role, RoleAssignment, User
    from gongkai.core import codes

    def uscc(n: int) -> str:
        body = f"{n:08d}"
        org = body + codes.org_code_check_char(body)
        first17 = "11110109" + org
        return first17 + codes.uscc_check_char(first17)

    gov = Agency.objects.create(name="基准测试区人民政府", slug="bench-gov", kind=AgencyKind.GOVERNMENT, uscc=uscc(1))
    office = Agency.objects.create(name="基准测试区人民政府办公室", slug="bench-office", kind=AgencyKind.OFFICE,
                                   parent=gov, uscc=uscc(2))
    busy = Agency.objects.create(name="基准测试区科学技术和信息化局", slug="bench-busy", kind=AgencyKind.DEPARTMENT,
                                 parent=gov, uscc=uscc(3))
    depts = [Agency(name=f"基准测试区第{i}部门", slug=f"bench-d{i}", kind=AgencyKind.DEPARTMENT, parent=gov,
                    uscc=uscc(100 + i)) for i in range(m)]
    for d in depts:  # save() materialises the path
        d.save()
    staff = User.objects.create_user(username="bench_head", password="x" * 12, agency=busy)
    RoleAssignment.objects.create(user=staff, role=Role.HEAD)
    supervisor = User.objects.create_user(username="bench_sup", password="x" * 12, agency=office)
    RoleAssignment.objects.create(user=supervisor, role=Role.SUPERVISOR)
    return gov, busy, depts, staff, supervisor


def make_activity(agency, staff, n: int, rng: random.Random) -> None:
    from django.utils import timezone

    from gongkai.cases.models import Application, FeeNotice, Status
    from gongkai.catalog.models import CatalogItem, Genre
    from gongkai.catalog.models import Status as ItemStatus
    from gongkai.core.vocabulary import ApplicantKind, Outcome, RemedyKind, RemedyResult
    from gongkai.remedies.models import Remedy

    kinds, outcomes = [k.value for k in ApplicantKind], [o.value for o in Outcome]
    cases = []
    for i in range(n):
        received = date(YEAR - 1, 1, 1) + timedelta(days=rng.randrange(0, 720))
        decided = None if rng.random() < 0.06 else received + timedelta(days=rng.randrange(0, 50))
        cases.append(Application(
            agency=agency, year=received.year, seq=i + 1, tracking_hash=secrets.token_hex(16),
            tracking_factor_hash=secrets.token_hex(16), applicant_kind=rng.choice(kinds),
            applicant_name=f"申请人{i}", id_type="other", id_number=f"X{i:08d}", applicant_key=f"k{i}",
            info_title=f"信息{i}", provide_form="paper", delivery="post", channel="in_person",
            submitted_at=timezone.make_aware(datetime.combine(received, dtime(9))), received_on=received,
            status=Status.REPLIED if decided else Status.OPEN, outcome=rng.choice(outcomes) if decided else "",
            decided_on=decided, due_date=received + timedelta(days=28), clock_state="stopped" if decided else "running",
            sort_due=received + timedelta(days=28), in_progress=not decided,
        ))
    Application.objects.bulk_create(cases, batch_size=2000)
    sample = rng.sample(cases, 200)
    FeeNotice.objects.bulk_create([
        FeeNotice(case=c, method="by_piece", amount_yuan=Decimal(100 * rng.randint(1, 5)), reason="数量明显超过合理范围",
                  status="paid", proposed_by=staff, sent_on=c.received_on + timedelta(days=5),
                  paid_on=c.received_on + timedelta(days=12), paid_amount_yuan=Decimal(100))
        for c in sample
    ])
    Remedy.objects.bulk_create([
        Remedy(agency=agency, kind=rng.choice(list(RemedyKind)).value, applicant_name="某人",
               filed_on=date(YEAR - 1, 1, 1) + timedelta(days=rng.randrange(0, 700)), body="基准测试区人民政府",
               result=RemedyResult.PENDING)
        for _ in range(60)
    ])
    CatalogItem.objects.bulk_create([
        CatalogItem(agency=agency, title=f"文件{i}", publisher=agency.name, genre=Genre.NORMATIVE if i % 10 == 0 else Genre.NOTICE,
                    category="20-1" if i % 10 == 0 else "20-11", status=ItemStatus.PUBLISHED,
                    written_on=date(YEAR, 1 + i % 12, 1), published_on=date(YEAR, 1 + i % 12, 2),
                    formed_on=date(YEAR, 1 + i % 12, 1), created_by=staff, index_no=f"BENCH-{i}")
        for i in range(400)
    ])


def department_report(name: str, rng: random.Random):
    """A consistent department report (H1–H4 hold) with random figures."""
    from gongkai.core.report.schema import Report
    from gongkai.core.vocabulary import TABLE3_RESULT_ROWS

    report = Report.blank(year=YEAR, agency=name)
    for col in range(6):
        results = {k: rng.randint(0, 2) for k in TABLE3_RESULT_ROWS}
        done, r4 = sum(results.values()), rng.randint(0, 3)
        r2 = min(rng.randint(0, 3), done + r4)
        for k, v in {"R1": done + r4 - r2, "R2": r2, "R3g": done, "R4": r4, **results}.items():
            report.table3[k][col].value = v
    for cells in report.table3.values():
        cells[-1].value = sum(c.value for c in cells[:-1])
    for cells in report.table4.values():
        for c in cells[:-1]:
            c.value = rng.randint(0, 1)
        cells[-1].value = sum(c.value for c in cells[:-1])
    report.table2["行政规范性文件"]["本年制发件数"].value = rng.randint(0, 5)
    report.table2["行政规范性文件"]["现行有效件数"].value = report.table2["行政规范性文件"]["本年制发件数"].value + 3
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--database-url", default=None, help="e.g. postgres://postgres@127.0.0.1:5432/gongkai_bench")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    var = setup_django(args.database_url)
    from django.db import connection

    from gongkai.core.report.aggregate import aggregate
    from gongkai.reports import figures, services
    from gongkai.reports.models import AnnualReport, ReportStatus

    gov, busy, depts, staff, supervisor = make_agencies(args.agencies)
    make_activity(busy, staff, args.cases, rng)
    services.compute_report(busy, YEAR - 1, acting_user=staff)  # last year's report, for the cross-year checks
    print(f"setup ({connection.vendor}, {args.cases} cases, {args.agencies} agencies): {time.perf_counter() - t0:.1f} s")

    seconds, report = best(lambda: figures.build_report(busy, YEAR))
    print(f"report figures for 1 agency with {args.cases} cases (tables 二–四, fees): {seconds:.3f} s")
    seconds, obj = best(lambda: services.compute_report(busy, YEAR, acting_user=staff))
    status = "OK" if seconds <= 1.0 else "SLOW"
    print(f"compute_report (figures + draft + validation + save): {seconds:.3f} s (cpu {CPU['last']:.3f} s)  "
          f"[target ≤ 1 s: {status}]")
    print(f"  R1 total {report.t3('R1', 'total').value}, R4 total {report.t3('R4', 'total').value}, "
          f"errors {obj.error_count}, warnings {obj.warning_count}")

    reports = [department_report(d.name, rng) for d in depts]
    seconds, result = best(lambda: aggregate(reports, agency=gov.name, year=YEAR))
    status = "OK" if seconds <= 2.0 else "SLOW"
    print(f"aggregate {args.agencies} reports (engine, each input validated): {seconds:.3f} s (cpu {CPU['last']:.3f} s)  "
          f"[target ≤ 2 s: {status}]")

    AnnualReport.objects.bulk_create([
        AnnualReport(agency=d, year=YEAR, status=ReportStatus.APPROVED, data=r.to_json(provenance=False))
        for d, r in zip(depts, reports, strict=True)
    ])
    seconds, gov_obj = best(lambda: services.compute_government_report(gov, YEAR, acting_user=supervisor))
    status = "OK" if seconds <= 2.0 else "SLOW"
    print(f"compute_government_report over {len(gov_obj.contributions) - 1} stored reports: {seconds:.3f} s "
          f"(cpu {CPU['last']:.3f} s)  [target ≤ 2 s: {status}]")
    print(f"  summed R1 total {result.report.t3('R1', 'total').value}, errors {gov_obj.error_count}")
    connection.close()
    shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
