"""Bulk import of existing catalogue items from CSV or XLSX, with a dry run.

Every row is checked first; the report names each bad row (spreadsheet row number), the column
and the reason, in Chinese. Nothing is imported unless every row is good, or the user explicitly
chooses to import only the good rows. Imported items keep their 索引号 and 发布日期 and enter
保密审查 (待审查): an import never publishes anything by itself.

From the page, an upload is one background task: `start_import` stores the file (a CatalogImport)
and enqueues `tasks.run_catalog_import`, which calls `process_import`; the page follows its state.
The rows are imported in batches, each committed with the job's progress; an import whose worker
died (no progress for `IMPORT_STALLED_AFTER`) is resumed from the page (`resume_import`) after the
last committed batch. `run_import` is the same work on bytes in hand.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import SYSTEM_LABEL, caused_by, record_event
from gongkai.core.vocabulary import DisclosureCategory, normalise_label
from gongkai.tasks import enqueue_on_commit

from .forms import ItemForm
from .models import CatalogImport, CatalogItem, Genre, ImportState, Validity
from .services import CatalogError, import_item
from .text import parse_index_no

#: Column header → field. Headers are matched after normalise_label (full/half width, spaces).
COLUMNS: dict[str, str] = {
    "索引号": "index_no",
    "标题": "title",
    "名称": "title",
    "内容概述": "summary",
    "文号": "doc_no",
    "发布机构": "publisher",
    "成文日期": "written_on",
    "发布日期": "published_on",
    "实施日期": "effective_on",
    "信息形成日期": "formed_on",
    "主题分类": "subject",
    "体裁": "genre",
    "公开类别": "category",
    "有效性": "validity",
    "失效/废止日期": "validity_changed_on",
    "关键词": "keywords",
    "正文": "body",
}
REQUIRED = ("title", "category", "published_on")
LABELS = {f: h for h, f in reversed(list(COLUMNS.items()))}
MAX_ROWS = 20000


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"「{self.column}」列" if self.column else ""
        return f"第{self.row}行{where}：{self.message}"


@dataclass
class ImportReport:
    rows: int = 0
    good: int = 0
    errors: list[RowError] = field(default_factory=list)
    imported: int = 0
    dry_run: bool = True
    file_error: str = ""

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


# -- reading files ------------------------------------------------------------------------------------


def read_rows(name: str, data: bytes) -> list[list]:
    """The sheet as a list of rows (first row: headers), read in a limited child process."""
    from gongkai.uploads import TableError, read_table_upload

    try:
        return read_table_upload(name, data, max_rows=MAX_ROWS)
    except TableError as exc:
        raise CatalogError(str(exc)) from None


# -- cell parsing --------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} ", text) else text
    for pattern in _DATE_PATTERNS:
        if m := pattern.match(text):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise ValueError(f"日期「{text}」无法识别，请写作 2022-03-01 或 2022年3月1日。")


_CATEGORY_BY_LABEL: dict[str, str] = {}
for _c in DisclosureCategory:
    for _key in (_c.value, _c.label, _c.article, _c.short):
        _CATEGORY_BY_LABEL[normalise_label(_key)] = _c.value
_GENRE_BY_LABEL = {normalise_label(g.label): g.value for g in Genre} | {g.value: g.value for g in Genre}
_GENRE_BY_LABEL[normalise_label("规范性文件")] = Genre.NORMATIVE
_VALIDITY_BY_LABEL = {normalise_label(v.label): v.value for v in Validity} | {v.value: v.value for v in Validity}


def _lookup(table: dict[str, str], value, what: str) -> str:
    key = normalise_label(str(value))
    if key in table:
        return table[key]
    raise ValueError(f"无法识别的{what}「{value}」。")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# -- checking ------------------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    data: dict
    index_no: str = ""
    published_on: dt.date | None = None
    validity: str = Validity.VALID
    validity_changed_on: dt.date | None = None


def check(agency, rows: list[list], beat: Callable[[], None] | None = None) -> tuple[list[_Row], ImportReport]:
    """Every row checked; `beat` is called once a row (a background run records its progress)."""
    report = ImportReport()
    if not rows:
        report.file_error = "文件是空的。"
        return [], report
    headers = [normalise_label(_text(h)) for h in rows[0]]
    mapping: dict[int, str] = {}
    known = {normalise_label(h): f for h, f in COLUMNS.items()}
    for i, h in enumerate(headers):
        if not h:
            continue
        if h not in known:
            report.errors.append(RowError(1, h, f"未知的列名。可用列名：{'、'.join(COLUMNS)}。"))
        else:
            mapping[i] = known[h]
    missing = [LABELS[f] for f in REQUIRED if f not in mapping.values()]
    if missing:
        report.file_error = f"缺少必需的列：{'、'.join(missing)}。"
        return [], report
    body = list(rows[1:])
    if len(body) > MAX_ROWS:
        report.file_error = f"一次最多导入 {MAX_ROWS} 行，请分批导入。"
        return [], report

    good: list[_Row] = []
    seen_index: dict[str, int] = {}
    for offset, raw in enumerate(body):
        if beat:
            beat()
        number = offset + 2  # the spreadsheet's own row number (row 1 holds the headers)
        cells = {f: raw[i] if i < len(raw) else None for i, f in mapping.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        report.rows += 1
        errors: list[RowError] = []

        def err(f: str, message: str, _n=number, _e=errors) -> None:
            _e.append(RowError(_n, LABELS.get(f, f), message))

        values: dict = {}
        for f in ("written_on", "published_on", "effective_on", "formed_on", "validity_changed_on"):
            try:
                values[f] = parse_date(cells.get(f))
            except ValueError as exc:
                err(f, str(exc))
        for f, table, what in (("category", _CATEGORY_BY_LABEL, "公开类别"), ("genre", _GENRE_BY_LABEL, "体裁"),
                               ("validity", _VALIDITY_BY_LABEL, "有效性")):
            if _text(cells.get(f)):
                try:
                    values[f] = _lookup(table, _text(cells[f]), what)
                except ValueError as exc:
                    err(f, str(exc))
        for f in ("title", "summary", "doc_no", "publisher", "subject", "keywords", "body"):
            values[f] = _text(cells.get(f))
        for f in REQUIRED:
            if f in mapping.values() and not values.get(f) and not any(e.column == LABELS[f] for e in errors):
                err(f, "不能为空。")
        if not values.get("body") and not values.get("summary"):
            err("body", "正文和内容概述不能同时为空（送保密审查需要其一）。")
        today = dt.date.today()
        if values.get("published_on") and values["published_on"] > today:
            err("published_on", "发布日期不能晚于今天。")
        index_no = _text(cells.get("index_no")).upper()
        if index_no:
            if parse_index_no(index_no, tolerant=True) is None:
                err("index_no", f"索引号「{index_no}」格式不正确（应为 前段码/年份-流水号）。")
            elif index_no in seen_index:
                err("index_no", f"索引号与第{seen_index[index_no]}行重复。")
            elif CatalogItem.objects.filter(index_no=index_no).exists():
                err("index_no", f"索引号「{index_no}」已在系统中使用。")
            seen_index.setdefault(index_no, number)
        validity = values.pop("validity", None) or Validity.VALID
        changed = values.pop("validity_changed_on", None)
        if validity != Validity.VALID and not changed:
            err("validity_changed_on", f"有效性为「{Validity(validity).label}」时须填写失效/废止日期。")
        published_on = values.pop("published_on", None)
        if not values.get("formed_on"):
            values["formed_on"] = values.get("written_on") or published_on
        if not values.get("subject"):
            values["subject"] = "综合政务"
        if not values.get("genre"):
            values["genre"] = Genre.DOCUMENT
        form = ItemForm(data={k: ("" if v is None else v) for k, v in values.items()}, agency=agency)
        if not form.is_valid():
            for f, messages in form.errors.items():
                for message in messages:
                    err(f if f != "__all__" else "", message)
        if errors:
            report.errors.extend(errors)
            continue
        good.append(_Row(number, form.service_data(), index_no, published_on, validity, changed))
    report.good = len(good)
    return good, report


def _checked(agency, name: str, data: bytes, mode: str, beat=None) -> tuple[list[_Row], ImportReport]:
    try:
        rows = read_rows(name, data)
    except CatalogError as exc:
        return [], ImportReport(file_error=str(exc))
    good, report = check(agency, rows, beat)
    report.dry_run = mode == "dry_run"
    return good, report


def _imports(report: ImportReport, mode: str) -> bool:
    return not (report.file_error or mode == "dry_run" or (mode == "all" and report.errors))


def _import_rows(actor, agency, name: str, good: list[_Row]) -> int:
    for row in good:
        import_item(
            agency, row.data, acting_user=actor, index_no=row.index_no, published_on=row.published_on,
            validity=row.validity, validity_changed_on=row.validity_changed_on,
            note=f"批量导入：{name} 第{row.number}行",
        )
    return len(good)


def run_import(actor, agency, name: str, data: bytes, mode: str = "dry_run") -> ImportReport:
    """mode: 「dry_run」 (check only), 「all」 (only if every row is good), 「good_only」."""
    good, report = _checked(agency, name, data, mode)
    if _imports(report, mode):
        with transaction.atomic():
            report.imported = _import_rows(actor, agency, name, good)
    return report


# -- as a background task ------------------------------------------------------------------------------

#: Rows imported per transaction. Each batch commits with the job's progress (`imported`, `through_row`,
#: `progress_at`): a run that dies loses at most its open batch, and the run taking over goes on after
#: the last committed one.
IMPORT_BATCH = 100
#: While a run checks rows it beats `progress_at` at most this often (seconds).
BEAT_SECONDS = 10


@transaction.atomic
def start_import(agency, *, acting_user, name: str, content: bytes, mode: str = "dry_run") -> CatalogImport:
    """Store the uploaded file and enqueue its check (and import) as one task, after the commit."""
    from .tasks import run_catalog_import

    if not has_perm(acting_user, Perm.CATALOG_EDIT, agency):
        raise CatalogError("您没有编辑该机关目录的权限。")
    if mode not in dict(CatalogImport.MODES):
        raise CatalogError("请选择导入方式。", field="mode")
    job = CatalogImport(agency=agency, created_by=acting_user, filename=name[:255], mode=mode)
    job.file.save(f"{timezone.now():%Y%m%d%H%M%S}-{len(content)}.{name.rsplit('.', 1)[-1][:8].lower()}",
                  ContentFile(content), save=False)
    job.save()
    record_event(acting_user, "catalog.import_started", job, agency=agency,
                 details={"file": job.filename, "mode": mode, "bytes": len(content)})
    enqueue_on_commit(run_catalog_import, job.pk)
    return job


@transaction.atomic
def resume_import(job: CatalogImport, *, acting_user) -> bool:
    """「继续导入」: a running import with no progress for IMPORT_STALLED_AFTER lost its worker; queue it
    again. The new run imports only the rows after the last committed batch (`through_row`), and the
    old run, should it wake, has lost its claim. True when this call resumed it; False when it is
    already queued again (a second click). Refused while the import is alive, or once it is over."""
    from .tasks import run_catalog_import

    if not has_perm(acting_user, Perm.CATALOG_EDIT, job.agency):
        raise CatalogError("您没有编辑该机关目录的权限。")
    resumed = CatalogImport.objects.filter(
        pk=job.pk, state=ImportState.RUNNING, progress_at__lt=CatalogImport.stalled_before(),
    ).update(state=ImportState.PENDING, claim="", progress_at=timezone.now())
    job.refresh_from_db()
    if not resumed:
        if job.state == ImportState.PENDING:
            return False
        if job.state == ImportState.RUNNING:
            raise CatalogError(f"导入仍在进行（最近一次进展在 {timezone.localtime(job.progress_at):%H:%M:%S}），"
                               "不需要继续导入。")
        raise CatalogError(f"这次导入已经结束（{job.get_state_display()}），不需要继续导入。")
    record_event(acting_user, "catalog.import_resumed", job, agency=job.agency, details={
        "file": job.filename, "imported": job.imported, "through_row": job.through_row})
    enqueue_on_commit(run_catalog_import, job.pk)
    return True


def process_import(job_id: int) -> str:
    """The task's work: claim the job (a conditional update: a second delivery does nothing, a run
    with no progress for IMPORT_STALLED_AFTER is taken over), check every row, store the per-row
    problems (the page shows them), then import the good rows in batches, each in one transaction
    with the job's progress and only while the claim holds. A run taking over keeps the verdict on
    the rows already imported (they would now read as 「已在系统中使用」) and imports the rest.
    Audited as caused by the upload: 「系统（因…开始导入目录）」."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimed = CatalogImport.objects.filter(
        Q(state=ImportState.PENDING) | Q(state=ImportState.RUNNING, progress_at__lt=CatalogImport.stalled_before()),
        pk=job_id,
    ).update(state=ImportState.RUNNING, claim=token, started_at=now, progress_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    held = CatalogImport.objects.filter(pk=job_id, claim=token, state=ImportState.RUNNING)
    job = CatalogImport.objects.select_related("agency", "created_by").get(pk=job_id)
    cause = AuditEvent.objects.for_object(job).filter(action="catalog.import_started").order_by("-pk").first()
    last_beat = time.monotonic()

    def beat() -> None:
        nonlocal last_beat
        if time.monotonic() - last_beat >= BEAT_SECONDS:
            held.update(progress_at=timezone.now())
            last_beat = time.monotonic()

    try:
        with job.file.open("rb") as f:
            data = f.read()
    except (OSError, ValueError):
        data = None
    if data is None:
        good, report = [], ImportReport(file_error="上传的文件已不在存储中，请重新上传。")
    else:
        good, report = _checked(job.agency, job.filename, data, job.mode, beat)
    through = job.through_row
    if through:
        report.errors = [RowError(*e) for e in job.errors if e[0] <= through] + [
            e for e in report.errors if e.row > through]
        good = [row for row in good if row.number > through]
        report.good = job.imported + len(good)
    job.rows, job.good, job.file_error = report.rows, report.good, report.file_error
    job.errors = [[e.row, e.column, e.message] for e in report.errors]
    held.update(rows=job.rows, good=job.good, file_error=job.file_error, errors=job.errors, progress_at=timezone.now())
    imported = job.imported
    if _imports(report, job.mode):
        for start in range(0, len(good), IMPORT_BATCH):
            batch = good[start:start + IMPORT_BATCH]
            with transaction.atomic():
                # The job row first: a run that lost its claim stops here, and a takeover waits for
                # this batch (row lock / SQLite write lock) and then sees its progress.
                if not held.update(imported=F("imported") + len(batch), through_row=batch[-1].number,
                                   progress_at=timezone.now()):
                    return "superseded"
                _import_rows(job.created_by, job.agency, job.filename, batch)
            imported += len(batch)
    with transaction.atomic():
        state = ImportState.FAILED if report.file_error else ImportState.DONE
        if not held.update(state=state, finished_at=timezone.now(), progress_at=timezone.now()):
            return "superseded"  # another run took it over: its result stands, not ours
        with caused_by(cause):
            record_event(None, "catalog.import_finished", job, agency=job.agency, actor_label=SYSTEM_LABEL, details={
                "file": job.filename, "mode": job.mode, "rows": report.rows, "good": report.good,
                "bad_rows": len(report.bad_rows), "imported": imported, "file_error": report.file_error,
            })
    return state
