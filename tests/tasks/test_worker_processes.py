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
