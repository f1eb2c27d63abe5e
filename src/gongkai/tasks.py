"""Background tasks: one API over the engines (README「后台任务」, docs/ARCHITECTURE.md「后台任务」).

Django's task framework (Django 6.0's `django.tasks`, here through the `django-tasks` backport for
Django 5.2). The engine is a setting (`GONGKAI_TASKS`): the database (default; `gongkai worker`, started
by `gongkai serve`), RQ on Redis (workers on any number of machines) or immediate (the test suite).

Define a task in `<app>/tasks.py` — a module-level function whose arguments are JSON values (ids,
not model instances), idempotent (a task may run twice: a worker can die after doing the work and
before recording it), recording what it did in the audit log with `actor_label=SYSTEM_LABEL`:

    from gongkai.tasks import task

    @task()                                   # queue "default"; task(queue_name="bulk") for mass work
    def deliver_notice(notice_id: int) -> str:
        ...

Enqueue it from a service, inside the service's transaction: the task runs only once the transaction
has committed (a worker never sees a row that is not there yet, and nothing runs for a rollback):

    from gongkai.tasks import enqueue_on_commit
    enqueue_on_commit(deliver_notice, notice.pk)

Tests run on the immediate backend: the task runs in the test's thread when the transaction commits,
so a pytest-django test wraps the call in `django_capture_on_commit_callbacks(execute=True)`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import close_old_connections, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus, default_task_backend, task, task_backends
from django_tasks.signals import task_started

__all__ = [
    "TaskResult", "TaskResultStatus", "default_task_backend", "enqueue_many_on_commit", "enqueue_now",
    "enqueue_on_commit", "task",
    "task_backends",
]

logger = logging.getLogger("gongkai.tasks")


@receiver(task_started)
def _fresh_database_connections(sender, **kwargs) -> None:
    """Like a request: drop a database connection that broke or outlived CONN_MAX_AGE before each task
    (an RQ worker runs many tasks in one process). Not on the immediate engine, which runs inside the
    caller's transaction."""
    if "immediate" not in sender.__module__:
        close_old_connections()


BULK_QUEUE, BULK_PRIORITY = "bulk", -10


def _with_run_after(task_obj, run_after: datetime | timedelta | None):
    # The "bulk" queue yields to "default": RQ workers take their queues in order; the database engine
    # takes the highest priority first (the immediate engine has no priorities, and needs none).
    if task_obj.queue_name == BULK_QUEUE and task_obj.get_backend().supports_priority:
        task_obj = task_obj.using(priority=BULK_PRIORITY)
    if run_after is None:
        return task_obj
    if not task_obj.get_backend().supports_defer:
        # The immediate backend (tests) cannot wait: the task runs now. Retries must therefore be
        # bounded by an attempt count, never by time alone.
        return task_obj
    if isinstance(run_after, timedelta):
        run_after = timezone.now() + run_after
    return task_obj.using(run_after=run_after)


def enqueue_now(task_obj, *args, run_after: datetime | timedelta | None = None, **kwargs) -> TaskResult:
    """Enqueue at once (outside any transaction, e.g. from a command). Returns the TaskResult."""
    return _with_run_after(task_obj, run_after).enqueue(*args, **kwargs)


def enqueue_on_commit(task_obj, *args, run_after: datetime | timedelta | None = None, **kwargs) -> None:
    """Enqueue `task_obj(*args, **kwargs)` once the current transaction commits (at once outside one).

    `run_after` (a datetime or a delay) defers it: retries with back-off. If the engine cannot be
    reached when the transaction commits (Redis down), the failure is logged, the committed data
    stays, and the work is picked up by the caller's periodic catch-up (each task's owner provides
    one, e.g. `gongkai remind` for notices) or by resuming (batch audits).
    """

    def _enqueue():
        try:
            enqueue_now(task_obj, *args, run_after=run_after, **kwargs)
        except Exception:
            logger.exception("enqueue of %s%r failed", getattr(task_obj, "name", task_obj), args)

    transaction.on_commit(_enqueue)


def enqueue_many_on_commit(task_obj, arg_tuples: list[tuple]) -> None:
    """Enqueue `task_obj(*args)` for each tuple once the transaction commits, in one transaction of
    their own (the database engine writes 2,000 task rows in one commit, not 2,000)."""
    arg_tuples = list(arg_tuples)

    def _enqueue():
        try:
            with transaction.atomic():
                prepared = _with_run_after(task_obj, None)
                for args in arg_tuples:
                    prepared.enqueue(*args)
        except Exception:
            logger.exception("enqueue of %d × %s failed", len(arg_tuples), getattr(task_obj, "name", task_obj))

    if arg_tuples:
        transaction.on_commit(_enqueue)
