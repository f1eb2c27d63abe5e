"""The one task API (gongkai.tasks): enqueue after commit, nothing for a rollback, both queues."""

import pytest
from django.db import transaction

from gongkai.tasks import TaskResultStatus, enqueue_now, enqueue_on_commit

from .sample_tasks import CALLS, remember, remember_bulk


@pytest.fixture(autouse=True)
def _clear():
    CALLS.clear()
    yield
    CALLS.clear()


@pytest.mark.django_db
def test_it_runs_the_task_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_on_commit(remember, "回执")
        assert CALLS == []  # not yet: the rows the task needs are not committed
    assert len(callbacks) == 1
    assert CALLS == ["回执"]


@pytest.mark.django_db(transaction=True)
def test_it_runs_nothing_for_a_rolled_back_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(remember, "不该发送")
        raise RuntimeError("rollback")
    assert CALLS == []
    with transaction.atomic():
        enqueue_on_commit(remember, "已提交")
    assert CALLS == ["已提交"]


def test_it_enqueues_at_once_outside_a_transaction_and_returns_the_result():
    result = enqueue_now(remember, "abc")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "ABC"
    assert enqueue_now(remember_bulk, "x").status == TaskResultStatus.SUCCESSFUL
    assert CALLS == ["abc", ("bulk", "x")]


def test_a_delay_on_the_immediate_backend_runs_the_task_now():
    from datetime import timedelta

    assert enqueue_now(remember, "retry", run_after=timedelta(minutes=5)).return_value == "RETRY"
