"""Acceptance (issue 14): a batch audit on real workers — the database engine and RQ on the real Redis,
two worker processes each — where one file hangs and one crashes the parser: the batch completes, every
file has exactly one result, the other files' results are there and those two are marked failed."""

import pytest

from .engines import engine

GOOD = 12

START = """
from pathlib import Path
from gongkai.agencies.models import User
from gongkai.reports import batch
user = User.objects.create_user("auditor", password="not-used-123")
folder = Path({folder!r})
sources = [(p.name, p) for p in sorted(folder.iterdir())]
result = batch.start_audit("两个worker", sources, acting_user=user).pk
"""

RESULTS = """
from gongkai.audit.models import AuditEvent
from gongkai.reports.models import ExternalAudit
audit = ExternalAudit.objects.get(pk={pk})
result = {{
    "state": audit.state,
    "items": {{i.filename: [i.state, i.outcome, i.attempts, i.parse_error] for i in audit.items.all()}},
    "finished_events": AuditEvent.objects.filter(action="report.external_audit_finished").count(),
}}
"""


def _write_reports(folder):
    from gongkai.core.report.render import render
    from gongkai.core.report.schema import Report

    folder.mkdir()
    for n in range(GOOD):
        agency = f"北京市门头沟区第{n + 1}局"
        report = Report.blank(year=2024, agency=agency, title=f"{agency}2024年政府信息公开工作年度报告")
        report.table3["R1"][0].value = report.table3["R1"][-1].value = n
        report.table3["R3g"][0].value = report.table3["R3g"][-1].value = n
        report.table3["R3a"][0].value = report.table3["R3a"][-1].value = n
        (folder / f"{n:02d}.html").write_text(render(report, "html"), encoding="utf-8")
    (folder / "hang.txt").write_text("会卡住的文件", encoding="utf-8")
    (folder / "crash.txt").write_text("会让解析程序崩溃的文件", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["database", "rq"])
def test_a_batch_on_two_workers_survives_a_hanging_and_a_crashing_file(kind):
    with engine(kind) as eng:
        _write_reports(eng.root / "in")
        pk = eng.run(START.format(folder=str(eng.root / "in")))
        workers = [eng.start_worker("--batch"), eng.start_worker("--batch")]
        for worker in workers:
            assert worker.wait(timeout=300) == 0, eng.worker_logs()
        result = eng.run(RESULTS.format(pk=pk))
    items = result["items"]
    assert len(items) == GOOD + 2 and result["state"] == "done" and result["finished_events"] == 1
    assert all(attempts == 1 for _state, _outcome, attempts, _error in items.values())  # exactly one result each
    good = {name: v for name, v in items.items() if name.endswith(".html")}
    assert {(state, outcome) for state, outcome, _a, _e in good.values()} == {("done", "consistent")}, good
    hang_state, _, _, hang_error = items["hang.txt"]
    crash_state, _, _, crash_error = items["crash.txt"]
    assert hang_state == "failed" and "已停止解析" in hang_error
    assert crash_state == "failed" and "异常退出" in crash_error and "SIGSEGV" in crash_error
