"""Tasks used by the tests of the task API (module level, as the engines require)."""

from gongkai.tasks import task

CALLS: list = []


@task()
def remember(value: str) -> str:
    CALLS.append(value)
    return value.upper()


@task(queue_name="bulk")
def remember_bulk(value: str) -> str:
    CALLS.append(("bulk", value))
    return value
