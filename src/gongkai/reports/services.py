"""State changes of the annual report workflow (条例 第四十九条–第五十条). Each is atomic and audited.

    compute_report          tables 二–四 and the 六 fee facts from the system's data, as of 31 Dec
    save_report_text        sections 一, 五 and 六 written by staff
    import_previous_report  a year before gongkai: parse the published report and keep it (for Y1)
    submit_report           validator errors block; locks the year's data
    return_report           supervisor, with comments
    approve_report          supervisor
    publish_report          stores HTML and JSON; DOCX and PDF are rendered by a task after the commit
                            (tasks.render_published_files; the portal shows 「正在生成」 until then)
    unlock_year             supervisor; explicit, with a reason, audited
    compute_government_report  aggregate the departments' approved tables plus the government's own

The validator runs on every save (`_validate`); its findings are stored with the cells involved.
Other apps lock-check through `gongkai.yearlocks.locks.assert_year_unlocked(agency, day)`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.services import SYSTEM_LABEL, record_event
from gongkai.core.report.schema import Report
from gongkai.errors import ServiceError
from gongkai.versioning import claim
from gongkai.yearlocks.locks import YearLocked, assert_year_unlocked, assert_years_unlocked, is_year_locked  # noqa: F401  (views read is_year_locked here)
from gongkai.yearlocks.models import YearLock

from . import figures, permissions
from .models import (
    EDITABLE_STATUSES,
    AnnualReport,
    PublishedFile,
    ReportComment,
    ReportKind,
    ReportOrigin,
    ReportStatus,
)

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}
PUBLISH_FORMATS = ("html", "docx", "pdf", "json")
#: Rendered by `tasks.render_published_files` after the publish transaction commits (seconds each on a
#: busy machine: publishing never waits for them, nor fails because they are slow).
DEFERRED_FORMATS = ("docx", "pdf")
RENDER_ATTEMPTS = 3
CONTRIBUTING_STATUSES = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


class ReportBlocked(ServiceError):
    """A workflow step refused, with the Chinese reason (and the blocking findings, if any)."""

    def __init__(self, message: str, findings: list[dict] | None = None):
        self.findings = findings or []
        super().__init__(message, code="report_blocked")


def _require(allowed: bool) -> None:
    """Services check the permission themselves (the views check it too, for the page)."""
    if not allowed:
        raise ReportBlocked("您没有执行此操作的权限。")


def _edit_perm(kind: str) -> Perm:
    # The government's own report is drafted by its 主管部门 (第四十九条第二款).
    return Perm.REPORT_SUPERVISE if kind == ReportKind.GOVERNMENT else Perm.REPORT_EDIT


def kind_for(agency) -> str:
    from gongkai.agencies.models import AgencyKind

    return ReportKind.GOVERNMENT if agency.kind == AgencyKind.GOVERNMENT else ReportKind.DEPARTMENT


# ---------------------------------------------------------------------------------------------
# Reading a stored report
# ---------------------------------------------------------------------------------------------


def as_report(obj: AnnualReport) -> Report:
    """The stored report as a `Report` (tables from `data`, sections from the text fields)."""
    report = Report.from_json(obj.data) if obj.data else Report.blank(year=obj.year, agency=obj.agency.name)
    report.year = obj.year
    report.agency = obj.agency.name
    report.title = obj.title
    report.findings = []
    if obj.published_at:  # W6 (第四十九条) checks the publication date against the deadline
        report.published_on = timezone.localdate(obj.published_at).isoformat()
    if obj.origin == ReportOrigin.IMPORTED:
        return report  # its narrative facts came from the parser
    return figures.with_sections(report, obj.section1, obj.section5, obj.section6)


def previous_report(obj: AnnualReport) -> AnnualReport | None:
    """Last year's report of the same agency: the system's own, or one imported from its publication."""
    return (
        AnnualReport.objects.filter(agency=obj.agency, year=obj.year - 1, kind=obj.kind)
        .exclude(data={})
        .select_related("agency")
        .first()
    )


def _validate(obj: AnnualReport) -> list[dict]:
    from gongkai.core.report.validate import validate

    prev = previous_report(obj)
    findings = validate(as_report(obj), previous=as_report(prev) if prev else None, kind=obj.kind)
    obj.findings = [f.to_json() for f in findings]
    obj.error_count = sum(1 for f in findings if f.severity == "error")
    obj.warning_count = len(findings) - obj.error_count
    return obj.findings


def _require_editable(obj: AnnualReport) -> None:
    if obj.status not in EDITABLE_STATUSES:
        raise ReportBlocked(f"报告当前状态为「{obj.get_status_display()}」，不能修改。")


def _locked_for(obj: AnnualReport):
    return AnnualReport.objects.select_for_update().select_related("agency").get(pk=obj.pk)


# ---------------------------------------------------------------------------------------------
# Drafting
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def compute_report(agency, year: int, kind: str | None = None, *, acting_user) -> AnnualReport:
    """(Re)compute `agency`'s report for `year` from the catalog, cases, remedies and fee notices.

    The narrative keeps what staff wrote; a section still equal to the last generated draft is
    replaced by the new draft, so the quoted figures follow the tables.
    """
    _require(has_perm(acting_user, _edit_perm(kind or kind_for(agency)), agency))
    kind = kind or kind_for(agency)
    if kind == ReportKind.GOVERNMENT:
        return compute_government_report(agency, year, acting_user=acting_user)
    obj, created = AnnualReport.objects.select_for_update().get_or_create(
        agency=agency, year=year, kind=kind, defaults={"status": ReportStatus.DRAFT}
    )
    if obj.origin == ReportOrigin.IMPORTED:
        raise ReportBlocked(f"{year}年度报告是导入的已公开报告，不能由系统重新生成。")
    _require_editable(obj)
    report = figures.build_report(agency, year)
    _store_tables(obj, report, figures.published_items(agency, year))
    _validate(obj)
    obj.save()
    record_event(
        acting_user, "report.computed", obj,
        details={"year": year, "created": created, "errors": obj.error_count, "warnings": obj.warning_count},
    )
    return obj


def _store_tables(obj: AnnualReport, report: Report, items: int | None) -> None:
    previous_auto = obj.provenance.get("drafts", {})
    draft1 = figures.draft_section1(obj.agency, report, items)
    draft6 = figures.draft_section6(report)
    if not obj.section1.strip() or obj.section1 == previous_auto.get("section1"):
        obj.section1 = draft1
    if not obj.section6.strip() or obj.section6 == previous_auto.get("section6"):
        obj.section6 = draft6
    obj.data = report.to_json(provenance=True)
    obj.provenance = {
        **obj.provenance, "drafts": {"section1": draft1, "section6": draft6},
        "headline": {k: (str(v) if v is not None else None) for k, v in figures.headline(report, items).items()},
    }
    obj.computed_at = timezone.now()


@transaction.atomic
def save_report_text(obj: AnnualReport, *, acting_user, section1: str, section5: str, section6: str,
                     expected_version: int | None = None) -> AnnualReport:
    """Save the report's own text. `expected_version`: the version the editor's page showed
    (gongkai.versioning; stale → EditConflict, nothing saved)."""
    _require(permissions.can_edit(acting_user, obj))
    if expected_version is None:
        expected_version = obj.version
    obj = _locked_for(obj)
    _require_editable(obj)
    claim(obj, expected_version, what="该年度报告")
    before = {"section1": obj.section1, "section5": obj.section5, "section6": obj.section6}
    obj.section1, obj.section5, obj.section6 = section1.strip(), section5.strip(), section6.strip()
    _validate(obj)
    obj.save()
    changed = [k for k, v in before.items() if getattr(obj, k) != v]
    record_event(
        acting_user, "report.text_saved", obj,
        details={"sections": changed, "errors": obj.error_count, "warnings": obj.warning_count},
    )
    return obj


@transaction.atomic
def import_previous_report(agency, year: int, filename: str, content: bytes, *, acting_user) -> AnnualReport:
    """Keep the published report of a year before gongkai (parsed), so cross-year checks have it."""
    _require(has_perm(acting_user, Perm.REPORT_EDIT, agency))
    from gongkai.uploads import ParseError, parse_report_upload

    existing = AnnualReport.objects.filter(agency=agency, year=year, kind=kind_for(agency)).first()
    if existing is not None and existing.origin == ReportOrigin.COMPUTED:
        raise ReportBlocked(f"{year}年度已有系统生成的年度报告，不能再导入。")
    try:
        report = parse_report_upload(content, filename)  # in a limited child process
    except ParseError as error:
        raise ReportBlocked(f"无法读取该文件：{error}") from error
    if report.year and report.year != year:
        raise ReportBlocked(f"文件中的报告年度为{report.year}年，与所选的{year}年不符。")
    digest = hashlib.sha256(content).hexdigest()
    obj = existing or AnnualReport(agency=agency, year=year, kind=kind_for(agency))
    obj.status = ReportStatus.IMPORTED
    obj.origin = ReportOrigin.IMPORTED
    obj.data = report.to_json(provenance=True)
    obj.section1 = report.sections.get("一、总体情况", "")
    obj.section5 = next((t for h, t in report.sections.items() if h.startswith("五")), "")
    obj.section6 = next((t for h, t in report.sections.items() if h.startswith("六")), "")
    obj.provenance = {
        "file": filename, "sha256": digest, "size": len(content), "parsed_agency": report.agency,
        "parsed_year": report.year, "format_version": report.format_version, "missing": list(report.missing),
        "imported_by": str(acting_user), "imported_at": timezone.now().isoformat(),
    }
    obj.save()
    # The parser's own findings are replaced by ours (with last year's report when there is one).
    _validate(obj)
    obj.save()
    record_event(
        acting_user, "report.imported", obj,
        details={"year": year, "file": filename, "sha256": digest, "missing": len(report.missing),
                 "errors": obj.error_count},
    )
    return obj


# ---------------------------------------------------------------------------------------------
# Workflow
# ---------------------------------------------------------------------------------------------


def _lock_year(actor, agency, year: int) -> None:
    lock, _ = YearLock.objects.select_for_update().get_or_create(agency=agency, year=year)
    lock.locked = True
    lock.locked_at = timezone.now()
    lock.locked_by = actor
    lock.save()


@transaction.atomic
def submit_report(obj: AnnualReport, *, acting_user) -> AnnualReport:
    """第四十九条: submit to the 主管部门. Recomputed first, so the submission is today's data."""
    _require(permissions.can_submit(acting_user, obj))
    obj = _locked_for(obj)
    _require_editable(obj)
    if obj.kind == ReportKind.GOVERNMENT:
        _store_government(obj)
    else:
        _store_tables(obj, figures.build_report(obj.agency, obj.year), figures.published_items(obj.agency, obj.year))
    findings = _validate(obj)
    errors = [f for f in findings if f["severity"] == "error"]
    if errors:
        obj.save()  # keep the fresh findings so staff see what blocks
        raise ReportBlocked(f"校验发现{len(errors)}处错误，须修正后才能报送。", errors)
    if not obj.section1.strip() or "（请填写）" in obj.section1:
        raise ReportBlocked("请先完成「一、总体情况」（草稿中标注「请填写」的部分）。")
    if not obj.section5.strip():
        raise ReportBlocked("请填写「五、存在的主要问题及改进情况」。")
    obj.status = ReportStatus.SUBMITTED
    obj.submitted_at = timezone.now()
    obj.submitted_by = acting_user
    obj.save()
    _lock_year(acting_user, obj.agency, obj.year)
    record_event(acting_user, "report.submitted", obj, details={"year": obj.year, "warnings": obj.warning_count})
    return obj


@transaction.atomic
def return_report(obj: AnnualReport, comment: str, *, acting_user) -> AnnualReport:
    _require(permissions.can_supervise(acting_user, obj))
    obj = _locked_for(obj)
    if obj.status != ReportStatus.SUBMITTED:
        raise ReportBlocked("只有已报送的报告可以退回。")
    if not comment.strip():
        raise ReportBlocked("退回时须填写修改意见。")
    obj.status = ReportStatus.RETURNED
    obj.returned_at = timezone.now()
    obj.returned_by = acting_user
    obj.save()
    ReportComment.objects.create(report=obj, author=acting_user, text=comment.strip(), action="return")
    record_event(acting_user, "report.returned", obj, details={"comment": comment.strip()})
    return obj


@transaction.atomic
def approve_report(obj: AnnualReport, *, acting_user) -> AnnualReport:
    _require(permissions.can_supervise(acting_user, obj))
    obj = _locked_for(obj)
    if obj.status != ReportStatus.SUBMITTED:
        raise ReportBlocked("只有已报送的报告可以审核通过。")
    if obj.error_count:
        raise ReportBlocked("报告仍有校验错误，不能审核通过。")
    obj.status = ReportStatus.APPROVED
    obj.approved_at = timezone.now()
    obj.approved_by = acting_user
    obj.save()
    record_event(acting_user, "report.approved", obj, details={"year": obj.year})
    return obj


def render_files(report: Report, formats: tuple[str, ...] = PUBLISH_FORMATS) -> dict[str, bytes]:
    from gongkai.core.report.render import render

    out = {}
    for fmt in formats:
        if fmt == "json":
            data = report.to_json(provenance=False)
            out[fmt] = json.dumps(data, ensure_ascii=False, indent=1).encode()
            continue
        rendered = render(report, fmt)
        out[fmt] = rendered.encode() if isinstance(rendered, str) else bytes(rendered)
    return out


def publication_report(obj: AnnualReport) -> Report:
    """The report as published: the stored data with the publication date, no findings."""
    report = as_report(obj)
    report.published_on = timezone.localdate(obj.published_at).isoformat() if obj.published_at else timezone.localdate().isoformat()
    report.findings = []
    return report


def _store_files(obj: AnnualReport, files: dict[str, bytes]) -> None:
    for fmt, content in files.items():
        PublishedFile.objects.update_or_create(
            report=obj, fmt=fmt,
            defaults={"content": content, "content_type": CONTENT_TYPES[fmt], "sha256": hashlib.sha256(content).hexdigest()},
        )


@transaction.atomic
def publish_report(obj: AnnualReport, *, acting_user, formats: tuple[str, ...] = PUBLISH_FORMATS) -> AnnualReport:
    """向社会公布 (第四十九条): store the renderings the public downloads, as published.

    HTML and JSON are stored at once; DOCX and PDF are rendered by `tasks.render_published_files`
    once this transaction commits (the public page says 「正在生成」 until they are there)."""
    from gongkai.tasks import enqueue_on_commit

    from .tasks import render_published_files

    _require(permissions.can_publish(acting_user, obj))
    obj = _locked_for(obj)
    if obj.status != ReportStatus.APPROVED:
        raise ReportBlocked("报告须经主管部门审核通过后才能公开。")
    obj.status = ReportStatus.PUBLISHED
    obj.published_at = timezone.now()
    obj.published_by = acting_user
    now = tuple(f for f in formats if f not in DEFERRED_FORMATS)
    later = [f for f in formats if f in DEFERRED_FORMATS]
    files = render_files(publication_report(obj), now)
    _store_files(obj, files)
    # an earlier publication's DOCX/PDF (withdrawn, published again) are not this one's
    obj.files.filter(fmt__in=later).delete()
    _validate(obj)  # now with the publication date (W6: later than 第四十九条's deadline?)
    obj.catalog_item = _list_in_catalog(obj, acting_user=acting_user)
    obj.save()
    record_event(
        acting_user, "report.published", obj,
        details={"year": obj.year, "files": {f: hashlib.sha256(files[f]).hexdigest() for f in now},
                 "rendering": later, "catalog_item": obj.catalog_item.index_no},
    )
    if later:
        enqueue_on_commit(render_published_files, obj.pk, later, obj.published_at.isoformat())
    return obj


def pending_formats(obj: AnnualReport) -> list[str]:
    """The DOCX/PDF of a published report not rendered yet (the task is queued or running)."""
    if obj.status != ReportStatus.PUBLISHED:
        return []
    have = set(obj.files.values_list("fmt", flat=True))
    return [f for f in DEFERRED_FORMATS if f not in have]


def render_publication_files(report_id: int, formats: list[str], published_at: str) -> list[str]:
    """The task's work (`tasks.render_published_files`): render the formats of this publication
    that are still missing and store them, audited as caused by the publication. Idempotent: a
    format already stored is not rendered again; a publication withdrawn or replaced since (another
    `published_at`) is left alone. Returns the formats stored by this run."""
    from datetime import datetime

    from gongkai.audit.models import AuditEvent
    from gongkai.audit.services import caused_by

    obj = AnnualReport.objects.select_related("agency").filter(pk=report_id).first()
    when = datetime.fromisoformat(published_at)

    def current(o) -> bool:
        return o is not None and o.status == ReportStatus.PUBLISHED and o.published_at == when

    if not current(obj):
        return []
    todo = [f for f in formats if f in DEFERRED_FORMATS and not obj.files.filter(fmt=f).exists()]
    if not todo:
        return []
    files = render_files(publication_report(obj), tuple(todo))  # slow: outside any transaction
    with transaction.atomic():
        obj = AnnualReport.objects.select_for_update().select_related("agency").filter(pk=report_id).first()
        if not current(obj):
            return []
        fresh = {f: c for f, c in files.items() if not obj.files.filter(fmt=f).exists()}
        if not fresh:
            return []  # another run stored them meanwhile
        _store_files(obj, fresh)
        cause = AuditEvent.objects.for_object(obj).filter(action="report.published").order_by("-pk").first()
        with caused_by(cause):
            record_event(None, "report.files_rendered", obj, actor_label=SYSTEM_LABEL,
                         details={"year": obj.year, "files": {f: hashlib.sha256(c).hexdigest() for f, c in fresh.items()}})
    return sorted(fresh)


def record_render_failure(report_id: int, formats: list[str], error: str, *, final: bool) -> None:
    """A rendering attempt failed (the task retries with back-off; after the last attempt the staff
    page says so, and `gongkai report_reminders` tries again daily)."""
    obj = AnnualReport.objects.filter(pk=report_id).first()
    if obj is None:
        return
    record_event(None, "report.files_render_failed", obj, actor_label=SYSTEM_LABEL,
                 details={"year": obj.year, "formats": formats, "error": error[:300], "final": final})


def unrendered_publications():
    """Published reports still missing a DOCX or PDF (the daily safety net re-enqueues them)."""
    from django.db.models import Count, Q

    return (AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)
            .annotate(deferred=Count("files", filter=Q(files__fmt__in=DEFERRED_FORMATS)))
            .filter(deferred__lt=len(DEFERRED_FORMATS)))


def enqueue_missing_renderings() -> int:
    """Enqueue the rendering of every published report still missing a DOCX or PDF (idempotent: the
    task renders only what is missing). Returns how many were enqueued."""
    from gongkai.tasks import enqueue_now

    from .tasks import render_published_files

    n = 0
    for obj in unrendered_publications():
        enqueue_now(render_published_files, obj.pk, list(pending_formats(obj)), obj.published_at.isoformat())
        n += 1
    return n


def _catalog_body(obj: AnnualReport) -> str:
    import html

    paragraphs = [p.strip() for p in obj.section1.splitlines() if p.strip()]
    parts = [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    parts.append(f'<p><a href="{html.escape(obj.public_url())}">查看年度报告全文</a>（网页、Word、PDF、JSON）。</p>')
    return "".join(parts)


def _list_in_catalog(obj: AnnualReport, *, acting_user):
    """The published report in its agency's 公开目录 (条例第五十条): listed, searchable, with a 索引号."""
    from gongkai.catalog.services import publish_report_item

    return publish_report_item(
        obj.agency, acting_user=acting_user, item=obj.catalog_item, title=obj.title, body=_catalog_body(obj),
        approved_by=obj.approved_by, year=obj.year,
    )


@transaction.atomic
def withdraw_report(obj: AnnualReport, reason: str, *, acting_user) -> AnnualReport:
    """Take a published report off the portal (back to 审核通过, to be published again), and its
    公开目录 item with it. The stored renderings stay for the record."""
    from gongkai.catalog.services import withdraw_report_item

    obj = _locked_for(obj)
    if obj.status != ReportStatus.PUBLISHED:
        raise ReportBlocked("只有已公开的报告可以撤回。")
    if not reason.strip():
        raise ReportBlocked("撤回时须说明理由。")
    obj.status = ReportStatus.APPROVED
    obj.save()
    if obj.catalog_item_id:
        withdraw_report_item(obj.catalog_item, f"年度报告撤回：{reason.strip()}", acting_user=acting_user)
    ReportComment.objects.create(report=obj, author=acting_user, text=f"撤回公开：{reason.strip()}", action="withdraw")
    record_event(acting_user, "report.withdrawn", obj, details={"year": obj.year, "reason": reason.strip()})
    return obj


@transaction.atomic
def unlock_year(agency, year: int, reason: str, *, acting_user) -> YearLock:
    """The supervisor reopens a locked year (to correct cases). A submitted or approved report goes back
    to 退回修改, so it is resubmitted (and relocked) with the corrected figures."""
    _require(has_perm(acting_user, Perm.REPORT_SUPERVISE, agency))
    if not reason.strip():
        raise ReportBlocked("解锁须说明理由。")
    lock = YearLock.objects.select_for_update().filter(agency=agency, year=year, locked=True).first()
    if lock is None:
        raise ReportBlocked(f"{agency.display_name}{year}年度数据未锁定。")
    lock.locked = False
    lock.unlocked_at = timezone.now()
    lock.unlocked_by = acting_user
    lock.unlock_reason = reason.strip()
    lock.save()
    affected = []
    for obj in AnnualReport.objects.select_for_update().filter(
        agency=agency, year=year, status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED)
    ):
        obj.status = ReportStatus.RETURNED
        obj.returned_at = timezone.now()
        obj.returned_by = acting_user
        obj.save()
        ReportComment.objects.create(report=obj, author=acting_user, text=f"年度数据已解锁：{reason.strip()}", action="unlock")
        affected.append(obj.pk)
    record_event(acting_user, "report.year_unlocked", lock, agency=agency,
                 details={"year": year, "reason": reason.strip(), "reports_returned": affected})
    return lock


# ---------------------------------------------------------------------------------------------
# The government-level report (第四十九条第二款)
# ---------------------------------------------------------------------------------------------


def contributing_reports(government, year: int):
    """The departments' (and other agencies') approved/published reports below `government`."""
    return (
        AnnualReport.objects.filter(
            agency__in=government.descendants(include_self=False), year=year, kind=ReportKind.DEPARTMENT,
            status__in=CONTRIBUTING_STATUSES,
        )
        .select_related("agency")
        .order_by("agency__path")
    )


def _store_government(obj: AnnualReport) -> None:
    """Sum the departments' approved tables (core.report.aggregate) and the government's own figures."""
    from gongkai.core.report.aggregate import AggregationError, aggregate

    government, year = obj.agency, obj.year
    own = figures.build_report(government, year)
    parts = [own]
    items = figures.published_items(government, year)
    contributions = [{
        "agency": government.name, "agency_id": government.pk, "report_id": None, "status": "本级政府（本机关）",
        "errors": None, "warnings": None,
    }]
    for dept in contributing_reports(government, year):
        part = Report.from_json(dept.data)  # only the tables are summed: no narrative needed
        part.year, part.agency, part.findings = dept.year, dept.agency.name, []
        parts.append(part)
        dept_items = figures.published_items(dept.agency, year)
        items = None if items is None or dept_items is None else items + dept_items
        contributions.append({
            "agency": dept.agency.name, "agency_id": dept.agency_id, "report_id": dept.pk,
            "status": dept.get_status_display(), "errors": dept.error_count, "warnings": dept.warning_count,
        })
    try:
        result = aggregate(parts, agency=government.name, year=year, title=figures.report_title(government, year))
    except AggregationError as error:
        raise ReportBlocked(f"无法汇总：{error}") from error
    total = result.report
    total.title = figures.report_title(government, year)
    _store_tables(obj, total, items)
    obj.contributions = contributions
    obj.provenance = {**obj.provenance, "aggregation_notes": list(result.notes)}


class MissingReports(ReportBlocked):
    """Aggregation asked for while departments have no approved report; `missing` names them."""

    def __init__(self, missing: list):
        self.missing = missing
        names = "、".join(a.name for a in missing)
        super().__init__(
            f"以下{len(missing)}个部门尚无审核通过的年度报告，汇总将不包含其数据：{names}。"
            "如确需按现有数据汇总，请勾选「按现有数据汇总」后再次提交（将记入报告说明和审计日志）。"
        )


def reporting_departments(government):
    """The agencies below `government` that report to it (条例第四十九条: its 部门; 下属机构 report through
    their department)."""
    from gongkai.agencies.models import AgencyKind

    return (government.descendants(include_self=False)
            .filter(is_active=True, kind__in=(AgencyKind.OFFICE, AgencyKind.DEPARTMENT)).order_by("path"))


#: A department's report no longer waits for it once in one of these.
SUBMITTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED)


def not_submitted_departments(government, year: int) -> list:
    """Departments whose report for `year` is not submitted to the 主管部门 (none, draft or 退回): 催报."""
    departments = list(reporting_departments(government))
    done = set(AnnualReport.objects.filter(
        agency__in=departments, year=year, kind=ReportKind.DEPARTMENT, status__in=SUBMITTED_STATUSES,
    ).values_list("agency_id", flat=True))
    return [a for a in departments if a.pk not in done]


def missing_departments(government, year: int) -> list:
    """Departments without an approved (or published) report for `year`: not in the aggregation."""
    done = set(contributing_reports(government, year).values_list("agency_id", flat=True))
    return [a for a in reporting_departments(government) if a.pk not in done]


@transaction.atomic
def compute_government_report(government, year: int, *, acting_user, confirm_missing: bool = False) -> AnnualReport:
    """Aggregate the departments' approved reports (第四十九条第二款). With departments missing, only on an
    explicit 「按现有数据汇总」 (`confirm_missing`), which the report's notes and the audit log record."""
    _require(has_perm(acting_user, Perm.REPORT_SUPERVISE, government))
    missing = missing_departments(government, year)
    obj, created = AnnualReport.objects.select_for_update().get_or_create(
        agency=government, year=year, kind=ReportKind.GOVERNMENT, defaults={"status": ReportStatus.DRAFT}
    )
    # A recomputation needs no new confirmation when no department is missing that was not confirmed before.
    confirmed_before = set(obj.provenance.get("missing_departments") or ()) if not created else set()
    if missing and not confirm_missing and not {a.name for a in missing} <= confirmed_before:
        raise MissingReports(missing)
    _require_editable(obj)
    _store_government(obj)
    if missing and not {a.name for a in missing} <= confirmed_before:
        note = (f"按现有数据汇总（{timezone.localtime():%Y-%m-%d %H:%M} {acting_user} 确认）：以下{len(missing)}个部门"
                f"尚无审核通过的年度报告，未计入汇总：{'、'.join(a.name for a in missing)}。")
        obj.provenance = {**obj.provenance, "confirmations": [*obj.provenance.get("confirmations", []), note]}
    obj.provenance = {**obj.provenance, "missing_departments": [a.name for a in missing]}
    _validate(obj)
    obj.save()
    record_event(
        acting_user, "report.computed", obj,
        details={"year": year, "created": created, "contributions": len(obj.contributions),
                 "errors": obj.error_count, "warnings": obj.warning_count,
                 "missing_departments": [a.name for a in missing], "confirmed_with_missing": bool(missing)},
    )
    return obj


@transaction.atomic
def urge_reports(government, year: int, *, acting_user) -> list:
    """催报: e-mail every department below `government` whose report for `year` is not submitted yet
    (its 经办人, 审核人 and 负责人), and log it. Returns the agencies urged."""
    from django.core.mail import send_mail

    from gongkai.agencies.models import Role

    from .models import deadline_for

    urged = []
    deadline = deadline_for(ReportKind.DEPARTMENT, year)
    for agency in not_submitted_departments(government, year):
        recipients = _staff_emails(agency, (Role.HANDLER, Role.REVIEWER, Role.HEAD))
        subject = f"【催报】{agency.name}{year}年度政府信息公开工作年度报告"
        body = (
            f"{agency.name}：\n\n依据《中华人民共和国政府信息公开条例》第四十九条，本机关{year}年度政府信息公开工作"
            f"年度报告应于{deadline:%Y年%m月%d日}前报送{government.name}政府信息公开工作主管部门。"
            f"目前尚未报送，请尽快完成并报送。\n\n{government.name}政府信息公开工作主管部门（{acting_user}）\n"
        )
        if recipients:
            send_mail(subject, body, None, recipients, fail_silently=False)
        record_event(acting_user, "report.urged", agency, details={"year": year, "recipients": len(recipients)})
        urged.append((agency, len(recipients)))
    return urged


def deadline_status(obj_or_kind, year: int | None = None, today: date | None = None) -> dict:
    """Days to the 第四十九条 deadline and whether it was missed (for dashboards and reminders)."""
    from .models import deadline_for

    if isinstance(obj_or_kind, AnnualReport):
        kind, year = obj_or_kind.kind, obj_or_kind.year
        # Departments: submitted to the 主管部门 by 1月31日; the government's report: published by 3月31日.
        done_at = obj_or_kind.published_at if kind == ReportKind.GOVERNMENT else obj_or_kind.submitted_at
    else:
        kind, done_at = obj_or_kind, None
    today = today or timezone.localdate()
    deadline = deadline_for(kind, year)
    done_on = timezone.localdate(done_at) if done_at else None
    return {
        "deadline": deadline,
        "days_left": (deadline - today).days,
        "overdue": (done_on or today) > deadline,
        "done_on": done_on,
    }


# ---------------------------------------------------------------------------------------------
# Auditing external (published) reports in a batch
# ---------------------------------------------------------------------------------------------

# The batch itself lives in .batch (stored files, one background task per file, progress).


def audit_external_reports(title: str, files, government=None, *, acting_user):
    """Start a batch audit of `files` ((name, bytes | file object | Path) pairs); see batch.start_audit."""
    _require(has_perm(acting_user, Perm.REPORT_SUPERVISE) if government is None else has_perm(acting_user, Perm.REPORT_SUPERVISE, government))
    from .batch import start_audit

    return start_audit(title, files, acting_user=acting_user, government=government)


def read_folder(path: str):
    """The report files under a server folder, as (name, Path) pairs (read by the tasks, not here)."""
    from .batch import folder_sources

    return folder_sources(path)


# ---------------------------------------------------------------------------------------------
# Deadline reminders (第四十九条): run daily by `gongkai report_reminders`; idempotent
# ---------------------------------------------------------------------------------------------

REMIND_DAYS_BEFORE = 15


def _report_due_agencies():
    from gongkai.agencies.models import Agency, AgencyKind

    # 第四十九条 names 县级以上人民政府部门 and the 人民政府; 下属机构 report through their department.
    return Agency.objects.filter(
        is_active=True, kind__in=(AgencyKind.GOVERNMENT, AgencyKind.OFFICE, AgencyKind.DEPARTMENT)
    ).select_related("parent")


def _staff_emails(agency, roles) -> list[str]:
    from gongkai.agencies.models import User

    return sorted(set(
        User.objects.filter(agency=agency, is_active=True, role_assignments__role__in=roles)
        .exclude(email="").values_list("email", flat=True)
    ))


def _supervisor_emails(government) -> list[str]:
    from gongkai.agencies.models import Role, User

    users = User.objects.filter(
        is_active=True, role_assignments__role=Role.SUPERVISOR, agency__path__startswith=government.path
    ).exclude(email="").select_related("agency")
    return sorted({u.email for u in users if u.agency.government == government})


def send_report_reminders(today: date | None = None) -> list:
    """Remind agencies whose report for last year is not done as the 第四十九条 deadline nears or passes.

    Each (agency, year, kind, stage) is reminded once (ReminderSent's unique constraint), so running
    the command again the same day, or every day, sends nothing twice.
    """
    from django.core.mail import send_mail
    from django.db import IntegrityError

    from gongkai.agencies.models import Role
    from gongkai.mail import render_mail

    from .models import ReminderSent, deadline_for

    today = today or timezone.localdate()
    year = today.year - 1
    sent = []
    reports = {(r.agency_id, r.kind): r for r in AnnualReport.objects.filter(year=year)}
    for agency in _report_due_agencies():
        kind = kind_for(agency)
        report = reports.get((agency.pk, kind))
        deadline = deadline_for(kind, year)
        if kind == ReportKind.GOVERNMENT:
            done = report is not None and report.status == ReportStatus.PUBLISHED
        else:
            done = report is not None and report.submitted_at is not None and report.status != ReportStatus.RETURNED
        if done:
            continue
        days_left = (deadline - today).days
        if days_left < 0:
            stage = "overdue"
        elif days_left <= REMIND_DAYS_BEFORE:
            stage = "due_soon"
        else:
            continue
        government = agency.government
        if kind == ReportKind.GOVERNMENT:
            recipients = _supervisor_emails(agency)
        else:
            recipients = _staff_emails(agency, (Role.HANDLER, Role.REVIEWER, Role.HEAD))
            if stage == "overdue" and government is not None:
                recipients += [e for e in _supervisor_emails(government) if e not in recipients]
        try:
            with transaction.atomic():
                reminder = ReminderSent.objects.create(
                    agency=agency, year=year, kind=kind, stage=stage, sent_on=today, recipients=recipients
                )
                subject, body = render_mail("reports/email/report_reminder", {
                    "agency": agency, "year": year, "deadline": deadline,
                    "government": kind == ReportKind.GOVERNMENT,
                    "state": f"已逾期{-days_left}天" if stage == "overdue" else f"还剩{days_left}天",
                    "status": report.get_status_display() if report else "尚未生成",
                })
                if recipients:
                    send_mail(subject, body, None, recipients, fail_silently=False)
                record_event(None, f"report.reminder_{stage}", reminder, agency=agency, actor_label=SYSTEM_LABEL,
                             details={"year": year, "kind": kind, "recipients": len(recipients)})
        except IntegrityError:
            continue  # already reminded at this stage
        sent.append(reminder)
    return sent
