"""A catalogue import whose process is killed mid-import (SIGKILL inside a batch's transaction) keeps
the batches it committed; 「继续导入」 (once stalled) queues it again and a real `gongkai worker` imports
the remaining rows, each row once, though the original task is delivered too."""

import signal
import subprocess
import sys

import pytest

from .engines import engine
from .test_moved_work_by_worker import AGENCY

ROWS = 50
START = AGENCY + f"""
from gongkai.catalog import importer
rows = "标题,公开类别,发布日期,正文\\n" + "".join(f"旧目录信息{{i}},20-11,2022-03-08,正文{{i}}\\n" for i in range({ROWS}))
result = importer.start_import(dept, acting_user=handler, name="old.csv", content=rows.encode(), mode="all").pk
"""
# The task's work in a process that dies by SIGKILL on the 25th row: batches of 10, two committed.
KILLED = """
import os, signal, django
django.setup()
from gongkai.catalog import importer
importer.IMPORT_BATCH = 10
real, calls = importer.import_item, []
def import_item(*args, **kwargs):
    calls.append(1)
    if len(calls) == 25:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
importer.import_item = import_item
importer.process_import({pk})
"""
STATE = """
from django.db.models import Count
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogImport, CatalogItem
job = CatalogImport.objects.get(pk={pk})
result = {{"state": job.state, "imported": job.imported, "through_row": job.through_row, "items": CatalogItem.objects.count(),
          "repeated": CatalogItem.objects.values("title").annotate(n=Count("id")).filter(n__gt=1).count(),
          "events": {{a: AuditEvent.objects.filter(action="catalog." + a).count()
                     for a in ("item_imported", "import_resumed", "import_finished")}}}}
"""
RESUME = """
from gongkai.agencies.models import User
from gongkai.catalog import importer
from gongkai.catalog.models import CatalogImport
job = CatalogImport.objects.get(pk={pk})
try:
    result = [importer.resume_import(job, acting_user=User.objects.get(username="handler_a"))]
except importer.CatalogError as exc:
    result = [str(exc)]
if {stalled}:
    result.append(importer.resume_import(job, acting_user=User.objects.get(username="handler_a")))  # a double click
"""
AGE = """
import datetime as dt
from django.utils import timezone
from gongkai.catalog.models import IMPORT_STALLED_AFTER, CatalogImport
CatalogImport.objects.filter(pk={pk}).update(progress_at=timezone.now() - IMPORT_STALLED_AFTER - dt.timedelta(seconds=1))
"""


@pytest.mark.slow
def test_a_killed_import_is_resumed_and_each_row_imported_once():
    with engine("database") as eng:
        pk = eng.run(START)
        killed = subprocess.run([sys.executable, "-c", KILLED.format(pk=pk)], env=eng.env, cwd=eng.root,
                                capture_output=True, text=True, timeout=300)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert eng.run(STATE.format(pk=pk)) == {"state": "running", "imported": 20, "through_row": 21, "items": 20,
                                                "repeated": 0, "events": {"item_imported": 20, "import_resumed": 0,
                                                                          "import_finished": 0}}
        refused = eng.run(RESUME.format(pk=pk, stalled=False))
        assert refused[0].startswith("导入仍在进行")  # its progress is minutes old at most
        eng.run(AGE.format(pk=pk))
        assert eng.run(RESUME.format(pk=pk, stalled=True)) == [True, False]
        worker = eng.start_worker("--batch")  # runs the resumed task and the original delivery
        assert worker.wait(timeout=240) == 0, eng.worker_logs()
        assert eng.run(STATE.format(pk=pk)) == {"state": "done", "imported": ROWS, "through_row": ROWS + 1,
                                                "items": ROWS, "repeated": 0,
                                                "events": {"item_imported": ROWS, "import_resumed": 1,
                                                           "import_finished": 1}}
