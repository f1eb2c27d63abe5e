"""Background tasks of the reports app (gongkai.tasks). Each is idempotent and audited.

    check_audit_file(item_id)   one file of a batch audit: parse (isolated), validate, compare (queue bulk)
    render_published_files(report_id, formats, published_at)   DOCX/PDF of a report just published
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from gongkai.tasks import enqueue_now, task

from . import batch
from .models import CheckOutcome, ExternalAuditItem, ItemState

ITEM_FIELDS = [
    "state", "outcome", "finished_at", "parse_error", "agency_name", "agency_key", "year", "format_version", "missing", "data",
    "findings", "error_count", "warning_count", "previous", "previous_label",
]


DEFAULT_PARSER = "gongkai.core.report.parse.parse_bytes"


class ParseFailed(Exception):
    """The isolated parse was stopped (time or memory limit) or crashed; the message is Chinese."""


_warm = False


def _warm_up_sandbox() -> None:
    """The first parse of a worker process starts the sandbox's fork server (it imports the parsers: a
    few seconds on a busy machine); do that once, outside any file's time limit."""
    global _warm
    if not _warm:
        from gongkai.core.untrusted import Limits, run_limited

        run_limited(len, b"", limits=Limits(cpu_seconds=60, wall_seconds=120, memory_mb=1024))
        _warm = True


def parse_untrusted(path: str, name: str):
    """Parse one untrusted file in a separate process with the limits of settings.GONGKAI_PARSE_LIMITS
    (gongkai.core.untrusted): a hang, a crash or a memory blow-up fails this file alone.

    Returns a Report; raises ParseError (the file is not a readable report: 无法读取) or ParseFailed
    (the parser was stopped or died: the file failed). `settings.AUDIT_PARSER` (a dotted path, default
    the report parser) lets the tests of the real workers put a hanging and a crashing parser in place."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from gongkai.core.report.parse import ParseError
    from gongkai.core.untrusted import ArchiveError, check_zip, is_zip, run_limited
    from gongkai.uploads import archive_limits, parse_limits

    with open(path, "rb") as f:
        data = f.read(batch.MAX_FILE_BYTES + 1)
    if len(data) > batch.MAX_FILE_BYTES:
        raise ParseError(f"文件过大，超过{batch.MAX_FILE_BYTES // 1024 // 1024} MB上限。")
    if is_zip(data[:4]):  # DOCX, XLSX: their parts are checked before anything is decompressed
        try:
            check_zip(data, limits=archive_limits(), what=name)
        except ArchiveError as error:
            raise ParseError(str(error)) from None
    parser = import_string(getattr(settings, "AUDIT_PARSER", DEFAULT_PARSER))
    _warm_up_sandbox()
    outcome = run_limited(parser, data, name, limits=parse_limits(), what=name)
    if outcome.ok:
        return outcome.value
    if outcome.reason == "error" and isinstance(outcome.exception, ParseError):
        raise outcome.exception
    if outcome.reason == "error":
        raise ParseFailed(f"解析程序出错（{type(outcome.exception).__name__}），无法读取。")
    raise ParseFailed(outcome.error)


def _read(item: ExternalAuditItem):
    try:
        path = item.file.path
    except (ValueError, NotImplementedError):  # no file, or a storage without local paths
        raise ParseFailed("文件已不在存储中。") from None
    return parse_untrusted(path, item.filename)


def _check(item: ExternalAuditItem) -> None:
    from gongkai.core.report.parse import ParseError

    try:
        report = _read(item)
    except ParseError as error:
        item.parse_error = str(error) or "无法识别的文件。"
        item.outcome, item.state = CheckOutcome.UNREADABLE, ItemState.DONE
        return
    except ParseFailed as error:
        item.parse_error, item.state = str(error), ItemState.FAILED
        return
    item.agency_name = (report.agency or "")[:200]
    item.agency_key = batch.agency_key(item.agency_name)[:200]
    item.year = report.year
    item.format_version = report.format_version
    item.missing = list(report.missing)
    batch.validate_item(item, report)
    # After validate: it decides an undecided row by last year's report when exactly one reading fits.
    item.data = report.to_json(provenance=False)
    item.state = ItemState.DONE


@task(queue_name="bulk")
def check_audit_file(item_id: int) -> str:
    """Check one stored file of a batch audit. A second run of the same file does nothing (the item
    is claimed by a conditional update), so a task delivered twice is harmless."""
    claimed = ExternalAuditItem.objects.filter(pk=item_id, state=ItemState.PENDING).update(
        state=ItemState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1,
    )
    if not claimed:
        return "skipped"
    item = ExternalAuditItem.objects.get(pk=item_id)
    try:
        _check(item)
    except Exception as error:  # a bug must neither stop the batch nor leave the file "running"
        item.parse_error, item.state = f"检查失败：{type(error).__name__}", ItemState.FAILED
    item.finished_at = timezone.now()
    item.save(update_fields=ITEM_FIELDS)
    batch.finish_if_complete(item.audit_id)
    return item.state


@task()
def render_published_files(report_id: int, formats: list[str], published_at: str, attempt: int = 1) -> list[str]:
    """Render and store the DOCX/PDF of a report published at `published_at` (ISO), after the publish
    transaction has committed (services.render_publication_files: idempotent, audited). A failure is
    audited and retried with back-off (1, 4 minutes) up to services.RENDER_ATTEMPTS attempts; the daily
    `gongkai report_reminders` enqueues whatever is still missing."""
    from datetime import timedelta

    from . import services

    try:
        return services.render_publication_files(report_id, formats, published_at)
    except Exception as error:
        final = attempt >= services.RENDER_ATTEMPTS
        services.record_render_failure(report_id, formats, f"{type(error).__name__}: {error}", final=final)
        if not final:
            enqueue_now(render_published_files, report_id, formats, published_at, attempt + 1,
                        run_after=timedelta(minutes=4 ** (attempt - 1)))
        raise
