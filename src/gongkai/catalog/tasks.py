"""Background tasks of the catalog app (gongkai.tasks; docs/ARCHITECTURE.md 「Background tasks」)."""

from __future__ import annotations

import logging

from gongkai.tasks import task

log = logging.getLogger(__name__)


@task()
def recompute_publication_deadlines_for_calendar(changed_dates: list[str]) -> int:
    """After a working-day calendar change: stored 第二十六条 deadlines follow it, each move audited
    (services.recompute_publication_deadlines). Idempotent: a second run moves nothing."""
    import datetime as dt

    from .services import recompute_publication_deadlines

    moved = recompute_publication_deadlines({dt.date.fromisoformat(d) for d in changed_dates})
    if moved:
        log.info("calendar change moved %s catalogue publication deadlines", moved)
    return moved


@task()
def run_catalog_import(job_id: int) -> str:
    """Check (and import) one uploaded catalogue file (importer.process_import). Idempotent: the job
    is claimed by a conditional update, and the import commits together with the job's 「已完成」."""
    from gongkai.uploads import warm_sandbox

    from .importer import process_import

    warm_sandbox()  # the file's time limit counts its reading, not the start of the sandbox
    return process_import(job_id)
