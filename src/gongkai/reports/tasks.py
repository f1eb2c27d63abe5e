"""Background tasks of the reports app (gongkai.tasks). Each is idempotent and audited.

    check_audit_file(item_id)   one file of a batch audit: parse (isolated), validate, compare (queue bulk)
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from gongkai.tasks import task

from . import batch
from .models import CheckOutcome, ExternalAuditItem, ItemState

ITEM_FIELDS = [
    "state", "outcome", "finished_at", "parse_error", "agency_name", "year", "format_version", "missing", "data",
    "findings", "error_count", "warning_count", "previous", "previous_label",
]


class ParseFailed(Exception):
    """The isolated parse was stopped (time or memory limit) or crashed; the message is Chinese."""


def parse_untrusted(path: str, name: str):
    """Parse one untrusted file. Returns a Report; raises ParseError (unreadable) or ParseFailed."""
    from gongkai.core.report.parse import parse_bytes

    with open(path, "rb") as f:
        return parse_bytes(f.read(), name)


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
