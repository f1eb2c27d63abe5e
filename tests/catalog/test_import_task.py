"""The staff catalogue import as a background task: the upload is stored and one task checks (and
imports) it after the commit; the result page shows 排队中 / 正在处理 (polling) and then every bad row
in Chinese; running the task twice imports once; both steps are in the audit log."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import importer, tasks
from gongkai.catalog.models import CatalogImport, CatalogItem, ImportState

from .test_import import csv_bytes, good_rows  # noqa: F401  (fixture)


def _upload(client, rows, mode):
    return client.post("/staff/catalog/import/", {"file": SimpleUploadedFile("old.csv", csv_bytes(rows)), "mode": mode})


def test_an_upload_is_queued_then_imported_by_the_task_with_each_bad_row_named(
        client, cast, good_rows, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(cast.handler_a)
    rows = good_rows + [",,缺标题,,2021-01-02,科技、教育,通知公告,20-11,,,x"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(client, rows, "good_only")
    job = CatalogImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/catalog/import/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    # committed and queued, not run: the page says so and polls
    assert "排队中" in page and f'hx-get="/staff/catalog/import/{job.pk}/"' in page
    assert not CatalogItem.objects.exists()

    for callback in callbacks:  # the commit enqueues the task; the immediate engine runs it
        callback()
    job.refresh_from_db()
    assert (job.state, job.rows, job.good, job.imported) == (ImportState.DONE, 3, 2, 2)
    assert CatalogItem.objects.count() == 2
    partial = client.get(f"/staff/catalog/import/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in partial  # done: no more polling
    assert "共 3 行，无误 2 行，有误 1 行" in partial and "已导入 2 行，均已进入保密审查" in partial
    assert "<td>4</td><td>标题</td><td>不能为空。</td>" in partial
    assert "old.csv" in client.get("/staff/catalog/import/").content.decode()  # listed under 最近的导入

    started = AuditEvent.objects.for_object(job).get(action="catalog.import_started")
    finished = AuditEvent.objects.for_object(job).get(action="catalog.import_finished")
    assert started.actor == cast.handler_a and finished.details["cause"]["event"] == started.pk
    assert finished.details["imported"] == 2 and finished.actor_label.startswith("系统（因")
    assert finished.action_label == "完成批量导入目录"


def test_running_the_task_twice_imports_once(cast, good_rows, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(cast.dept_a, acting_user=cast.handler_a, name="old.csv",
                                    content=csv_bytes(good_rows), mode="all")
    assert tasks.run_catalog_import.call(job.pk) == "skipped"
    assert CatalogItem.objects.count() == 2
    assert AuditEvent.objects.filter(action="catalog.import_finished").count() == 1
    assert AuditEvent.objects.filter(action="catalog.item_imported").count() == 2


def test_a_run_that_lost_its_worker_is_taken_over_and_imports_once(cast, good_rows, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=False):
        job = importer.start_import(cast.dept_a, acting_user=cast.handler_a, name="old.csv",
                                    content=csv_bytes(good_rows), mode="all")
    # a worker claimed it just now: another delivery of the task leaves it alone
    CatalogImport.objects.filter(pk=job.pk).update(state=ImportState.RUNNING, claim="other", started_at=timezone.now())
    assert tasks.run_catalog_import.call(job.pk) == "skipped"
    # that worker died long ago (its transaction never committed): the next run does the work
    CatalogImport.objects.filter(pk=job.pk).update(progress_at=timezone.now() - dt.timedelta(hours=1))
    assert tasks.run_catalog_import.call(job.pk) == ImportState.DONE
    assert CatalogItem.objects.count() == 2


def test_a_bad_file_fails_with_its_reason_and_other_agencies_cannot_see_it(
        client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(cast.dept_a, acting_user=cast.handler_a, name="x.csv",
                                    content="标题\n甲\n".encode(), mode="all")
    job.refresh_from_db()
    assert job.state == ImportState.FAILED and "缺少必需的列" in job.file_error
    client.force_login(cast.handler_a)
    assert "缺少必需的列" in client.get(f"/staff/catalog/import/{job.pk}/").content.decode()
    client.force_login(cast.handler_b)
    assert client.get(f"/staff/catalog/import/{job.pk}/").status_code == 404
