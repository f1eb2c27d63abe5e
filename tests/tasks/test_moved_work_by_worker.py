"""The work moved to tasks (issue 14 §2) run by real `gongkai worker` processes: on the database
engine and on RQ with the real Redis. A catalogue import uploaded from a service is checked and
imported by the worker, and a second delivery of the same task imports nothing twice."""

import pytest

from .engines import engine

AGENCY = """
from conftest import make_uscc
from gongkai.agencies.models import Agency, AgencyKind, Role, RoleAssignment, User
gov = Agency.objects.create(name="北京市门头沟区人民政府", slug="gov", kind=AgencyKind.GOVERNMENT, uscc=make_uscc("gov"))
dept = Agency.objects.create(name="北京市门头沟区科学技术和信息化局", short_name="区科信局", slug="dept-a",
                             kind=AgencyKind.DEPARTMENT, parent=gov, uscc=make_uscc("dept_a"))
handler = User.objects.create_user(username="handler_a", password="test-pass-123", agency=dept, full_name="张经办")
RoleAssignment.objects.create(user=handler, role=Role.HANDLER)
"""
SETUP = AGENCY + """
from gongkai.catalog import importer
from gongkai.catalog.tasks import run_catalog_import
from gongkai.tasks import enqueue_now
rows = "标题,公开类别,发布日期,正文\\n关于开展科技创新券申领工作的通知,20-11,2022-03-08,正文\\n2021年部门决算,20-7,2022-08-30,决算说明\\n,20-7,2022-08-30,缺标题\\n"
job = importer.start_import(dept, acting_user=handler, name="old.csv", content=rows.encode("utf-8-sig"), mode="good_only")
enqueue_now(run_catalog_import, job.pk)  # the same task delivered a second time
result = job.pk
"""

RESULT = """
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogImport, CatalogItem
job = CatalogImport.objects.get(pk={pk})
result = {{"state": job.state, "file_error": job.file_error, "rows": job.rows, "good": job.good, "imported": job.imported, "errors": job.errors,
          "items": CatalogItem.objects.count(),
          "finished": AuditEvent.objects.filter(action="catalog.import_finished").count(),
          "imported_events": AuditEvent.objects.filter(action="catalog.item_imported").count()}}
"""


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["database", "rq"])
def test_a_catalogue_import_is_done_once_by_the_worker(kind):
    with engine(kind) as eng:
        pk = eng.run(SETUP)
        assert eng.run(RESULT.format(pk=pk))["state"] == "pending"  # queued, not run in the caller
        worker = eng.start_worker("--batch")
        assert worker.wait(timeout=240) == 0, eng.worker_logs()
        result = eng.run(RESULT.format(pk=pk))
        errors = result.pop("errors")
        assert result.pop("file_error") == "", eng.worker_logs()
        assert result == {"state": "done", "rows": 3, "good": 2, "imported": 2, "items": 2, "finished": 1,
                          "imported_events": 2}  # once, though the task was delivered twice
        assert [4, "标题", "不能为空。"] in errors and {e[0] for e in errors} == {4}
