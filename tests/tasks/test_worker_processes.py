"""`gongkai worker` runs what was enqueued, on the database engine and on RQ (real Redis), in both queues."""

import pytest

from .engines import engine

ENQUEUE = """
from tasks.sample_tasks import remember, remember_bulk
result = [remember.enqueue("受理回执").id, remember_bulk.enqueue("批量").id]
"""

RESULTS = """
from gongkai.tasks import default_task_backend
results = [default_task_backend.get_result(i) for i in {ids!r}]
result = [[r.status, r.is_finished and r.return_value, len(r.worker_ids)] for r in results]
"""


@pytest.mark.parametrize("kind", ["database", "rq"])
def test_a_worker_process_runs_the_tasks_of_both_queues(kind):
    with engine(kind) as eng:
        ids = eng.run(ENQUEUE)
        assert eng.run(RESULTS.format(ids=ids)) == [["READY", False, 0], ["READY", False, 0]]
        worker = eng.start_worker("--batch")
        assert worker.wait(timeout=180) == 0, eng.worker_logs()
        assert eng.run(RESULTS.format(ids=ids)) == [["SUCCESSFUL", "受理回执", 1], ["SUCCESSFUL", "批量", 1]]


PRIORITIES = """
from gongkai.tasks import enqueue_now
from tasks.sample_tasks import remember, remember_bulk
from django_tasks_db.models import DBTaskResult
ids = [enqueue_now(remember_bulk, f"批量{n}").id for n in range(3)] + [enqueue_now(remember, "受理回执").id]
result = [r.args_kwargs["args"][0] for r in DBTaskResult.objects.ready()]
"""


def test_on_the_database_engine_a_notice_overtakes_a_queued_batch():
    with engine("database") as eng:
        assert eng.run(PRIORITIES) == ["受理回执", "批量0", "批量1", "批量2"]  # the order workers take them in
