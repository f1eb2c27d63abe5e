"""Batch audits of published annual reports: stored files, one background task per file.

    start_audit(title, sources, *, acting_user, government)   store every file, one task each
    cancel_audit(audit, *, acting_user)                      files not yet started are not checked
    resume_audit(audit, *, acting_user)                      the cancelled (and stalled) files again
    progress(audit) -> dict                                  counts per state, for the page

A source is `(name, binary file object)` (an upload, a file of a server folder) or `(name, bytes)`.
ZIP archives are unpacked member by member into storage (never whole in memory), with limits on
the number of members and on their real (not declared) size. The check itself runs in
`tasks.check_audit_file`: parse in a separate process with time and memory limits (one hostile file
fails alone), validate, compare with the same agency's report of the year before.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.audit.services import SYSTEM_LABEL, record_event
from gongkai.core.report.schema import Report
from gongkai.tasks import enqueue_many_on_commit

from .models import AnnualReport, AuditState, CheckOutcome, ExternalAudit, ExternalAuditItem, ItemState

AUDIT_EXTENSIONS = (".pdf", ".html", ".htm", ".txt", ".docx", ".json", ".md", ".xlsx")
MAX_FILE_BYTES = 50 * 1024 * 1024  # the parser's own limit (core.report.parse.MAX_BYTES)
MAX_FILES = 20_000
# A task that has been "running" this long lost its worker (killed machine): resume picks it up again.
STALLED_AFTER = timedelta(minutes=30)
CHUNK = 1024 * 1024


def max_batch_bytes() -> int:
    return getattr(settings, "AUDIT_MAX_BYTES", 2048 * 1024 * 1024)


def _blocked(message: str):
    from .services import ReportBlocked

    return ReportBlocked(message)


# ---------------------------------------------------------------------------------------------
# Storing the files
# ---------------------------------------------------------------------------------------------


@dataclass
class StoredFile:
    name: str  # as the user knows it: "省级.zip/2024/财政局.pdf"
    path: str  # in default_storage
    size: int
    sha256: str
    error: str = ""  # refused before any task (an archive that failed its size checks)


class _Counting(io.RawIOBase):
    """Reads through `raw`, hashing and counting; refuses to read past `limit` bytes (zip bombs lie)."""

    def __init__(self, raw, limit: int, label: str):
        self.raw, self.limit, self.label = raw, limit, label
        self.size, self.hash = 0, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(CHUNK if n is None or n < 0 else n)
        self.size += len(data)
        if self.size > self.limit:
            raise _blocked(f"文件「{self.label}」过大：单个文件不能超过 {MAX_FILE_BYTES // 1024 // 1024} MB，"
                           f"一次审查合计不能超过 {max_batch_bytes() // 1024 // 1024} MB。")
        self.hash.update(data)
        return data

    def chunks(self, chunk_size: int = CHUNK):
        while data := self.read(chunk_size):
            yield data


class _Store:
    def __init__(self):
        self.folder = f"audits/{timezone.localdate():%Y%m}/{uuid.uuid4().hex}"
        self.files: list[StoredFile] = []
        self.total = 0  # bytes written
        self.declared = 0  # bytes the archives declare for their members

    def refuse(self, name: str, reason: str) -> None:
        """A source that is not stored: it becomes a finished, unreadable item with `reason`."""
        self.files.append(StoredFile(name=name[:255], path="", size=0, sha256="", error=reason))

    def add(self, name: str, raw) -> None:
        if len(self.files) >= MAX_FILES:
            raise _blocked(f"一次最多审查 {MAX_FILES} 个文件，请分批上传。")
        limit = min(MAX_FILE_BYTES, max_batch_bytes() - self.total)
        reader = _Counting(raw, limit, name)
        suffix = PurePosixPath(name).suffix.lower()[:10]
        name_in_storage = f"{self.folder}/{len(self.files):05d}{suffix}"  # the folder is new: the name is free
        try:
            path = default_storage.save(name_in_storage, reader)
        except BaseException:
            default_storage.delete(name_in_storage)  # what was written before the limit was hit
            raise
        self.total += reader.size
        self.files.append(StoredFile(name=name[:255], path=path, size=reader.size, sha256=reader.hash.hexdigest()))

    def discard(self) -> None:
        for f in self.files:
            if f.path:
                default_storage.delete(f.path)


def _open(content):
    return io.BytesIO(content) if isinstance(content, bytes | bytearray) else content


def _container_limits():
    """A batch ZIP is a container of reports, not one document: up to MAX_FILES members of at most the
    parser's size each; the whole batch within AUDIT_MAX_BYTES (checked by _store_source, for the
    batch as a whole, not per archive); the compression-ratio rule of every
    other archive (settings.GONGKAI_ARCHIVE_LIMITS) holds for it too."""
    from gongkai.core.untrusted import ArchiveLimits
    from gongkai.uploads import archive_limits

    ratio = archive_limits()
    return ArchiveLimits(max_members=MAX_FILES, max_member_bytes=MAX_FILE_BYTES, max_total_bytes=2**62,
                         max_ratio=ratio.max_ratio, ratio_floor=ratio.ratio_floor)


def _store_source(store: _Store, name: str, content) -> None:
    from gongkai.core.untrusted import ArchiveError, check_zip

    fileobj = _open(content)
    if not name.lower().endswith(".zip"):
        store.add(name, fileobj)  # of an unknown kind, its task reports it as unreadable
        return
    try:
        infos = check_zip(fileobj, limits=_container_limits(), what=name)  # declared sizes: nothing inflated yet
    except ArchiveError as error:
        store.refuse(name, str(error))  # this archive fails alone, as unreadable
        return
    wanted = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(AUDIT_EXTENSIONS)]
    if store.declared + sum(i.file_size for i in wanted) > max_batch_bytes():
        raise _blocked(f"本次上传的文件解压后总量超过 {max_batch_bytes() // 1024 // 1024} MB 的上限，请分批上传。")
    store.declared += sum(i.file_size for i in wanted)
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as archive:
        for info in wanted:
            with archive.open(info) as member:  # zipfile never inflates past the declared size
                store.add(f"{name}/{info.filename}", member)


def folder_sources(path: str) -> list[tuple[str, Path]]:
    """The report files under a server folder (administrators only; the view checks), not yet read."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise _blocked(f"服务器目录不存在或不可读：{path}")
    files = [
        (str(p.relative_to(root)), p) for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix.lower() in (*AUDIT_EXTENSIONS, ".zip")
    ]
    if not files:
        raise _blocked("该目录下没有可读取的年度报告文件。")
    return files


# ---------------------------------------------------------------------------------------------
# The services
# ---------------------------------------------------------------------------------------------


def start_audit(title: str, sources, *, acting_user, government=None) -> ExternalAudit:
    """Store every file (unpacking ZIPs) and queue one check per file; returns at once.

    The files are written before the (short) transaction that records the batch, so a large upload
    never holds the database's write lock; if anything is refused, what was written is removed."""
    from .tasks import check_audit_file

    store = _Store()
    try:
        for name, content in sources:
            if isinstance(content, Path):
                with content.open("rb") as fileobj:
                    _store_source(store, name, fileobj)
            else:
                _store_source(store, name, content)
        if not store.files:
            raise _blocked("没有可读取的年度报告文件。")
        with transaction.atomic():
            audit = ExternalAudit.objects.create(
                title=title.strip() or "年度报告审查", government=government, created_by=acting_user,
                state=AuditState.RUNNING, total=len(store.files),
            )
            now = timezone.now()
            items = ExternalAuditItem.objects.bulk_create([
                ExternalAuditItem(audit=audit, filename=f.name, sha256=f.sha256, size=f.size, file=f.path,
                                  state=ItemState.PENDING)
                if not f.error else
                ExternalAuditItem(audit=audit, filename=f.name, state=ItemState.DONE, outcome=CheckOutcome.UNREADABLE,
                                  parse_error=f.error, started_at=now, finished_at=now)
                for f in store.files
            ])
            record_event(
                acting_user, "report.external_audit", audit, agency=government,
                details={"files": len(items), "bytes": store.total, "stage": "started"},
            )
            queued = [(item.pk,) for item in items if item.state == ItemState.PENDING]
            enqueue_many_on_commit(check_audit_file, queued)
            if not queued:  # nothing readable at all: the batch is complete as it is
                transaction.on_commit(lambda: finish_if_complete(audit.pk))
    except BaseException:
        store.discard()
        raise
    return audit


@transaction.atomic
def cancel_audit(audit: ExternalAudit, *, acting_user) -> int:
    """Files not yet started are not checked (those being checked finish). Returns how many were stopped."""
    audit = ExternalAudit.objects.select_for_update().get(pk=audit.pk)
    if audit.state != AuditState.RUNNING:
        raise _blocked("该审查不在进行中，无需取消。")
    stopped = audit.items.filter(state=ItemState.PENDING).update(state=ItemState.CANCELLED)
    audit.state = AuditState.CANCELLED
    audit.save(update_fields=["state"])
    record_event(acting_user, "report.external_audit_cancelled", audit, agency=audit.government,
                 details={"stopped": stopped})
    return stopped


@transaction.atomic
def resume_audit(audit: ExternalAudit, *, acting_user) -> int:
    """Queue the cancelled files again, and those whose worker was lost. Returns how many."""
    from .tasks import check_audit_file

    audit = ExternalAudit.objects.select_for_update().get(pk=audit.pk)
    stalled = Q(state=ItemState.RUNNING, started_at__lt=timezone.now() - STALLED_AFTER)
    again = list(audit.items.filter(Q(state=ItemState.CANCELLED) | stalled).values_list("pk", flat=True))
    if not again and audit.state != AuditState.CANCELLED:
        raise _blocked("没有需要继续审查的文件。")
    audit.items.filter(pk__in=again).update(state=ItemState.PENDING)
    audit.state = AuditState.RUNNING
    audit.finished_at = None
    audit.save(update_fields=["state", "finished_at"])
    record_event(acting_user, "report.external_audit_resumed", audit, agency=audit.government,
                 details={"files": len(again)})
    enqueue_many_on_commit(check_audit_file, [(pk,) for pk in again])
    if not again:
        transaction.on_commit(lambda: finish_if_complete(audit.pk))
    return len(again)


def progress(audit: ExternalAudit) -> dict:
    counts = dict(audit.items.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    outcomes = dict(
        audit.items.filter(state=ItemState.DONE).values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n")
    )
    total = sum(counts.values())
    finished = counts.get(ItemState.DONE, 0) + counts.get(ItemState.FAILED, 0)
    return {
        "total": total, "finished": finished, "percent": round(100 * finished / total) if total else 100,
        "pending": counts.get(ItemState.PENDING, 0), "running": counts.get(ItemState.RUNNING, 0),
        "done": counts.get(ItemState.DONE, 0), "failed": counts.get(ItemState.FAILED, 0),
        "cancelled": counts.get(ItemState.CANCELLED, 0),
        "outcomes": [(o.label, outcomes.get(o.value, 0), o.value) for o in CheckOutcome],
        "active": audit.state == AuditState.RUNNING,
    }


# ---------------------------------------------------------------------------------------------
# Checking one file (called by the task) and finishing the batch
# ---------------------------------------------------------------------------------------------


def agency_key(name: str | None) -> str:
    from gongkai.core.vocabulary import normalise_label

    return normalise_label(name or "")


def find_previous(item: ExternalAuditItem) -> tuple[Report | None, str, ExternalAuditItem | None]:
    """Last year's report of the same agency: in this batch, in earlier batches, or in the system."""
    if not item.agency_name or not item.year:
        return None, "", None
    key = agency_key(item.agency_name)
    candidates = (ExternalAuditItem.objects.filter(agency_key=key[:200], year=item.year - 1, state=ItemState.DONE,
                                                   parse_error="").exclude(pk=item.pk))
    for where, qs in (("本批", candidates.filter(audit_id=item.audit_id).order_by("id")),
                      ("以往审查", candidates.exclude(audit_id=item.audit_id).order_by("-id"))):
        other = qs.exclude(data={}).first()
        if other is not None:
            return Report.from_json(other.data), f"{where}：{other.filename}", other
    system = AnnualReport.objects.filter(agency__name=item.agency_name, year=item.year - 1).exclude(data={}).first()
    if system is not None:
        from .services import as_report

        return as_report(system), f"系统：{system.title}", None
    return None, "", None


def validate_item(item: ExternalAuditItem, report: Report) -> None:
    from gongkai.core.report.validate import validate, verdict

    previous, label, prev_item = find_previous(item)
    findings = validate(report, previous=previous)
    item.outcome = verdict(report, findings).value
    item.findings = [f.to_json() for f in findings]
    item.error_count = sum(1 for f in findings if f.severity == "error")
    item.warning_count = len(findings) - item.error_count
    item.previous = prev_item
    item.previous_label = label[:200]


def finish_if_complete(audit_id: int) -> bool:
    """When no file is waiting or running: compare with last year again where the batch itself holds
    last year's report (it may have been checked after this year's), then mark the batch done."""
    if ExternalAuditItem.objects.filter(audit_id=audit_id, state__in=(ItemState.PENDING, ItemState.RUNNING)).exists():
        return False
    with transaction.atomic():
        audit = ExternalAudit.objects.select_for_update().filter(pk=audit_id, state=AuditState.RUNNING).first()
        if audit is None:
            return False  # another task finished it, or it was cancelled
        relinked = 0
        for item in audit.items.filter(state=ItemState.DONE, parse_error="").exclude(year=None):
            previous, label, prev_item = find_previous(item)
            if label[:200] != item.previous_label:
                report = Report.from_json(item.data)
                validate_item(item, report)
                item.data = report.to_json(provenance=False)
                item.save(update_fields=["data", "findings", "error_count", "warning_count", "previous", "previous_label",
                                         "outcome"])
                relinked += 1
        audit.state = AuditState.DONE
        audit.finished_at = timezone.now()
        audit.save(update_fields=["state", "finished_at"])
        summary = progress(audit)
        record_event(
            None, "report.external_audit_finished", audit, agency=audit.government, actor_label=SYSTEM_LABEL,
            details={"files": summary["total"], "failed": summary["failed"], "relinked": relinked,
                     **{value: n for _label, n, value in summary["outcomes"]}},
        )
    return True
