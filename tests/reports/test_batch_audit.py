"""Batch audits as background tasks: stored files, one task per file, progress, cancel and resume
(immediate engine; the real workers are in tests/tasks/test_batch_audit_workers.py)."""

import io
import random
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from gongkai.audit.models import AuditEvent
from gongkai.reports import batch
from gongkai.reports.models import ExternalAudit
from gongkai.reports.services import ReportBlocked
from gongkai.reports.tasks import check_audit_file

SEED = Path(__file__).parent / "data" / "seed_2022.txt"


def _zip(members) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def _start(cast, files, capture, execute):
    with capture(execute=execute):
        return batch.start_audit("抽查", files, acting_user=cast.supervisor, government=cast.gov)


def test_files_are_stored_and_each_is_one_task(cast, django_capture_on_commit_callbacks):
    seed = SEED.read_bytes()
    audit = _start(cast, [("a.txt", seed), ("省.zip", _zip([("1.txt", seed), ("2.txt", seed), ("x.exe", b"no")]))],
                   django_capture_on_commit_callbacks, execute=False)
    items = list(audit.items.order_by("id"))
    assert [i.filename for i in items] == ["a.txt", "省.zip/1.txt", "省.zip/2.txt"]
    assert {i.state for i in items} == {"pending"} and audit.state == "running" and audit.total == 3
    for item in items:  # on disk, not in the database or in memory
        assert default_storage.exists(item.file.name) and item.size == len(seed)
        with item.file.open("rb") as f:
            assert f.read() == seed
    assert AuditEvent.objects.filter(action="report.external_audit").count() == 1


def test_a_task_delivered_twice_checks_its_file_once(cast, django_capture_on_commit_callbacks):
    audit = _start(cast, [("a.txt", SEED.read_bytes())], django_capture_on_commit_callbacks, execute=False)
    item = audit.items.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert check_audit_file.call(item.pk) == "done"
        assert check_audit_file.call(item.pk) == "skipped"
    item.refresh_from_db()
    assert item.attempts == 1 and item.outcome == "consistent" and item.agency_name
    audit.refresh_from_db()
    assert audit.state == "done" and audit.finished_at
    finished = AuditEvent.objects.get(action="report.external_audit_finished")
    assert finished.details["files"] == 1 and finished.details["consistent"] == 1


def test_the_page_polls_and_streams_rows_until_done(client, cast, django_capture_on_commit_callbacks):
    audit = _start(cast, [("a.txt", SEED.read_bytes()), ("b.pdf", b"%PDF-1.4 broken")],
                   django_capture_on_commit_callbacks, execute=False)
    first, second = audit.items.order_by("id")
    client.force_login(cast.supervisor)
    page = client.get(f"/staff/reports/audits/{audit.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "排队中" in page and "取消审查" in page
    with django_capture_on_commit_callbacks(execute=True):
        check_audit_file.call(first.pk)
    poll = client.get(f"/staff/reports/audits/{audit.pk}/progress/", {"since": "2000-01-01T00:00:00+00:00"},
                      headers={"HX-Request": "true"}).content.decode()
    assert 'value="1"' in poll and "every 1s" in poll
    assert f'id="audit-item-{first.pk}"' in poll and 'hx-swap-oob="true"' in poll
    assert f'id="audit-item-{second.pk}"' not in poll  # not started: nothing new to send
    with django_capture_on_commit_callbacks(execute=True):
        check_audit_file.call(second.pk)
    done = client.get(f"/staff/reports/audits/{audit.pk}/progress/", headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"  # drawn once more, complete
    page = client.get(f"/staff/reports/audits/{audit.pk}/").content.decode()
    assert "every 1s" not in page and "已完成" in page and "无法读取" in page


def test_a_batch_is_cancelled_and_resumed(client, cast, django_capture_on_commit_callbacks):
    seed = SEED.read_bytes()
    audit = _start(cast, [(f"{n}.txt", seed) for n in range(4)], django_capture_on_commit_callbacks, execute=False)
    first = audit.items.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=True):
        check_audit_file.call(first.pk)
    client.force_login(cast.supervisor)
    response = client.post(f"/staff/reports/audits/{audit.pk}/cancel/")
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.state == "cancelled"
    assert sorted(audit.items.values_list("state", flat=True)) == ["cancelled"] * 3 + ["done"]
    for item in audit.items.all():  # the queued tasks arrive after the cancellation: they do nothing
        assert check_audit_file.call(item.pk) == "skipped"
    page = client.get(f"/staff/reports/audits/{audit.pk}/").content.decode()
    assert "已取消" in page and "继续审查" in page and "every 1s" not in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/staff/reports/audits/{audit.pk}/resume/").status_code == 302
    audit.refresh_from_db()
    assert audit.state == "done" and set(audit.items.values_list("state", flat=True)) == {"done"}
    assert audit.items.get(pk=first.pk).attempts == 1  # the file already checked is not checked again
    actions = list(AuditEvent.objects.filter(object_id=str(audit.pk)).values_list("action", flat=True))
    assert {"report.external_audit_cancelled", "report.external_audit_resumed",
            "report.external_audit_finished"} <= set(actions)


def _report(agency, year, r1, r2, r4):
    from gongkai.core.report.render import render
    from gongkai.core.report.schema import Report

    report = Report.blank(year=year, agency=agency, title=f"{agency}{year}年政府信息公开工作年度报告")
    for key, value in (("R1", r1), ("R2", r2), ("R3g", r1 + r2 - r4), ("R3a", r1 + r2 - r4), ("R4", r4)):
        report.table3[key][0].value = value
        report.table3[key][-1].value = value
    return render(report, "html").encode()


def test_last_year_checked_after_this_year_is_compared_when_the_batch_finishes(cast, django_capture_on_commit_callbacks):
    agency = "北京市门头沟区教育委员会"
    files = [("2024.html", _report(agency, 2024, 5, 3, 0)), ("2023.html", _report(agency, 2023, 10, 0, 2))]
    audit = _start(cast, files, django_capture_on_commit_callbacks, execute=False)
    this_year, last_year = audit.items.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        check_audit_file.call(this_year.pk)
        this_year.refresh_from_db()
        assert this_year.previous_id is None  # last year's file is not checked yet
        check_audit_file.call(last_year.pk)
    this_year.refresh_from_db()
    assert this_year.previous_id == last_year.pk and "2023.html" in this_year.previous_label
    assert "Y1" in {f["rule"] for f in this_year.findings} and this_year.outcome == "inconsistent"
    assert AuditEvent.objects.get(action="report.external_audit_finished").details["relinked"] == 1


def test_a_batch_over_the_size_limit_is_refused_and_nothing_is_kept(cast, settings):
    settings.AUDIT_MAX_BYTES = 3 * 1024 * 1024
    noise = random.Random(14).randbytes  # incompressible: not a bomb, simply too much
    big = _zip([("a.txt", noise(2 * 1024 * 1024)), ("b.txt", noise(2 * 1024 * 1024))])
    before = set(_stored())
    with pytest.raises(ReportBlocked, match="请分批上传"):  # declared sizes: refused before unpacking
        batch.start_audit("大", [("big.zip", big)], acting_user=cast.supervisor)
    with pytest.raises(ReportBlocked, match="过大"):  # written sizes: refused while storing
        batch.start_audit("大", [("a.txt", noise(2 * 1024 * 1024)), ("b.txt", noise(2 * 1024 * 1024))],
                          acting_user=cast.supervisor)
    assert not ExternalAudit.objects.exists() and set(_stored()) == before


def _stored():
    root = Path(default_storage.location) / "audits"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
