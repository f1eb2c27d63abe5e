"""An import whose worker died does not sit until the task engine redelivers it: after
IMPORT_STALLED_AFTER without progress the result page says 「导入已中断」 and offers 「继续导入」, which
queues it again (audited) to go on after the last committed batch — no row imported twice, a second
click changes nothing, a live import is refused, another agency's import is not found."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import importer, tasks
from gongkai.catalog.models import IMPORT_STALLED_AFTER, CatalogImport, CatalogItem, ImportState
from permissions import assert_no_access

from .test_import import csv_bytes, good_rows  # noqa: F401  (fixture)

ROWS = [f",旧目录信息{i},,,2021-01-0{i},科技、教育,通知公告,20-11,,,正文{i}" for i in range(1, 6)]


class WorkerDied(BaseException):
    """The worker process ending mid-transaction (killed, machine lost): nothing after it runs."""


@pytest.fixture
def died(cast, monkeypatch, django_capture_on_commit_callbacks):
    """An import of 5 rows in batches of 2 whose worker died importing the 3rd row: 2 rows committed."""
    monkeypatch.setattr(importer, "IMPORT_BATCH", 2)
    with django_capture_on_commit_callbacks(execute=False):
        job = importer.start_import(cast.dept_a, acting_user=cast.handler_a, name="old.csv",
                                    content=csv_bytes(ROWS), mode="all")
    real, calls = importer.import_item, []

    def import_item(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise WorkerDied
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "import_item", import_item)
    with pytest.raises(WorkerDied):
        tasks.run_catalog_import.call(job.pk)
    monkeypatch.setattr(importer, "import_item", real)
    job.refresh_from_db()
    assert (job.state, job.imported, job.through_row) == (ImportState.RUNNING, 2, 3)
    assert CatalogItem.objects.count() == 2
    return job


def later():
    return time_machine.travel(timezone.now() + IMPORT_STALLED_AFTER + dt.timedelta(seconds=1), tick=False)


def test_a_stalled_import_resumes_once_from_where_it_stopped(client, cast, died, django_capture_on_commit_callbacks):
    client.force_login(cast.handler_a)
    url = f"/staff/catalog/import/{died.pk}/"
    with later():
        page = client.get(url).content.decode()
        assert "导入已中断（后台进程可能已停止）" in page and "已导入 2 行（至表格第 3 行）" in page
        assert f'action="{url}resume/"' in page and "继续导入</button>" in page
        assert 'hx-trigger="every 2s"' not in page  # no polling: the button keeps its focus
        with django_capture_on_commit_callbacks(execute=False) as queued:
            first = client.post(f"{url}resume/", follow=True).content.decode()
            second = client.post(f"{url}resume/", follow=True).content.decode()  # a double click
        assert "已重新排队，将从中断处继续导入，已导入的行不会重复导入。" in first and "排队中" in first
        assert "已经重新排队，不必再次提交。" in second
        assert CatalogImport.objects.get(pk=died.pk).state == ImportState.PENDING
        assert len(queued) == 1
        queued[0]()  # the worker runs the queued task
        assert tasks.run_catalog_import.call(died.pk) == "skipped"  # the engine's own redelivery, later
    died.refresh_from_db()
    assert (died.state, died.rows, died.good, died.imported, died.through_row, died.errors) == (
        ImportState.DONE, 5, 5, 5, 6, [])
    titles = sorted(CatalogItem.objects.values_list("title", flat=True))
    assert titles == [f"旧目录信息{i}" for i in range(1, 6)]  # each row once
    assert AuditEvent.objects.filter(action="catalog.item_imported").count() == 5
    resumed = AuditEvent.objects.get(action="catalog.import_resumed")
    assert resumed.actor == cast.handler_a and resumed.action_label == "继续中断的批量导入"
    assert resumed.details == {"file": "old.csv", "imported": 2, "through_row": 3}
    finished = AuditEvent.objects.get(action="catalog.import_finished")
    assert finished.details["imported"] == 5
    assert "已导入 5 行，均已进入保密审查" in client.get(url).content.decode()


def test_a_live_import_is_not_resumed(client, cast, died):
    client.force_login(cast.handler_a)
    url = f"/staff/catalog/import/{died.pk}/"
    page = client.get(url).content.decode()
    assert "正在处理" in page and "已导入 2 行" in page and "继续导入</button>" not in page
    response = client.post(f"{url}resume/")
    assert response.status_code == 409 and "导入仍在进行（最近一次进展在" in response.content.decode()
    died.refresh_from_db()
    assert died.state == ImportState.RUNNING and died.claim  # the live run keeps its claim
    assert not AuditEvent.objects.filter(action="catalog.import_resumed").exists()


def test_only_the_agencys_editors_may_resume(client, cast, died):
    urls = [f"/staff/catalog/import/{died.pk}/resume/"]
    with later():
        assert_no_access(client, cast.handler_b, urls, methods=("post",))  # another agency: 404
        assert_no_access(client, cast.reviewer_a, urls, methods=("post",))  # no 目录编辑 permission
        client.force_login(cast.handler_a)
        assert client.get(urls[0]).status_code == 405  # a button: POST only
        with pytest.raises(importer.CatalogError, match="没有编辑该机关目录的权限"):
            importer.resume_import(died, acting_user=cast.handler_b)
    assert CatalogImport.objects.get(pk=died.pk).state == ImportState.RUNNING


def test_a_finished_import_is_not_resumed(cast, good_rows, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        job = importer.start_import(cast.dept_a, acting_user=cast.handler_a, name="old.csv",
                                    content=csv_bytes(good_rows), mode="all")
    with later(), pytest.raises(importer.CatalogError, match="这次导入已经结束（已完成）"):
        importer.resume_import(job, acting_user=cast.handler_a)
