"""Staff pages of the annual report workflow.

Agency staff (Perm.REPORT_EDIT / REPORT_SUBMIT) draft and submit their agency's report; the
supervising office (Perm.REPORT_SUPERVISE) sees every agency below its government, returns or
approves, unlocks years, builds the government-level report and audits external reports.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.permissions import Perm, agencies_for, authorize, get_object, require_perm, scoped
from gongkai.forms import attach_errors
from gongkai.versioning import EditConflict, keep_input

from . import batch, dashboard, permissions, services, tables
from .forms import AgencyYearForm, AuditForm, ImportForm, ReportTextForm, ReturnForm, UnlockForm
from .models import AnnualReport, AuditState, ExternalAudit, PublishedFile, ReportKind, ReportStatus
from .registry import REPORT_ACTIONS

#: Who sees a report: its own agency's staff (REPORT_EDIT) or the supervising government's (REPORT_SUPERVISE).
READ_PERMS = (Perm.REPORT_EDIT, Perm.REPORT_SUPERVISE)


def _report_for(request, pk: int) -> AnnualReport:
    """A report the user may see: own agency's (REPORT_EDIT) or one below the supervisor's government."""
    return get_object(request, READ_PERMS, AnnualReport.objects.select_related("agency"), pk=pk)


@require_perm(Perm.REPORT_EDIT)
def report_list(request):
    agencies = agencies_for(request.user, Perm.REPORT_EDIT)
    reports = scoped(request.user, Perm.REPORT_EDIT, AnnualReport.objects.select_related("agency"))
    # Filters the 待办 queues link to (agencies/queues.py): ?status=returned, ?year=2025.
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    year = request.GET.get("year", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    return render(request, "reports/list.html", {
        "reports": reports.order_by("-year", "agency__path")[:200],
        "status": status, "year": year, "statuses": ReportStatus.choices,
        "compute_form": AgencyYearForm(agencies=agencies, prefix="c"),
        "import_form": ImportForm(agencies=agencies, prefix="i"),
        "today": timezone.localdate(),
    })


@require_perm(Perm.REPORT_EDIT)
@require_POST
def report_compute(request):
    agencies = agencies_for(request.user, Perm.REPORT_EDIT).exclude(kind=AgencyKind.GOVERNMENT)
    form = AgencyYearForm(request.POST, agencies=agencies, prefix="c")
    if form.is_valid():
        try:
            obj = services.compute_report(form.cleaned_data["agency"], form.cleaned_data["year"], acting_user=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"已根据系统数据生成{obj.year}年度报告（截至{obj.year}年12月31日）。")
            return redirect("reports:detail", pk=obj.pk)
    return _list_with(request, compute_form=form)


def _list_with(request, **forms):
    agencies = agencies_for(request.user, Perm.REPORT_EDIT)
    context = {
        "reports": scoped(request.user, Perm.REPORT_EDIT, AnnualReport.objects.select_related("agency"))
        .order_by("-year", "agency__path")[:200],
        "compute_form": AgencyYearForm(agencies=agencies, prefix="c"),
        "import_form": ImportForm(agencies=agencies, prefix="i"),
        "today": timezone.localdate(),
    }
    context.update(forms)
    return render(request, "reports/list.html", context, status=400)


@require_perm(Perm.REPORT_EDIT)
@require_POST
def report_import(request):
    agencies = agencies_for(request.user, Perm.REPORT_EDIT)
    form = ImportForm(request.POST, request.FILES, agencies=agencies, prefix="i")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            obj = services.import_previous_report(
                form.cleaned_data["agency"], form.cleaned_data["year"], upload.name, upload.read(), acting_user=request.user
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"已导入{obj.year}年度已公开的报告，用于跨年度校验。")
            return redirect("reports:detail", pk=obj.pk)
    return _list_with(request, import_form=form)


def _detail_context(request, obj: AnnualReport, **extra):
    user = request.user
    comments = obj.comments.select_related("author")
    context = {
        "report": obj,
        "tables": tables.for_display(obj),
        "findings": tables.findings_for_display(obj.findings),
        "deadline": services.deadline_status(obj),
        "text_form": ReportTextForm(initial={"section1": obj.section1, "section5": obj.section5, "section6": obj.section6,
                                             "version": obj.version}),
        "return_form": ReturnForm(),
        "comments": comments,
        "files": {f.fmt: f for f in obj.files.all()},
        # The workflow buttons are the registry's (state and permission), never re-derived here; the text
        # can be edited exactly when the draft can be recomputed.
        "actions": {action.key: action for action in REPORT_ACTIONS.available(obj, user)},
        "pending_files": [dict(PublishedFile.FORMATS)[f] for f in services.pending_formats(obj)],
        "locked": services.is_year_locked(obj.agency, obj.year),
    }
    context.update(extra)
    return context


@require_perm(*READ_PERMS)
def report_detail(request, pk: int):
    obj = _report_for(request, pk)
    return render(request, "reports/detail.html", _detail_context(request, obj))


@require_perm(*READ_PERMS)
@require_POST
def report_text(request, pk: int):
    obj = _report_for(request, pk)
    if not permissions.can_edit(request.user, obj):
        raise PermissionDenied("您没有执行此操作的权限。")
    form = ReportTextForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            obj = services.save_report_text(obj, acting_user=request.user, expected_version=form.expected_version(),
                                            **{k: form.cleaned_data[k] for k in ("section1", "section5", "section6")})
        except EditConflict as exc:
            keep_input(form, exc, AnnualReport.objects.get(pk=obj.pk).version)
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if obj.error_count:
                messages.warning(request, f"已保存。校验发现{obj.error_count}处错误，报送前须修正。")
            else:
                messages.success(request, "已保存，校验已重新运行。")
            return redirect("reports:detail", pk=obj.pk)
    obj.refresh_from_db()
    return render(request, "reports/detail.html", _detail_context(request, obj, text_form=form), status=status)


@require_perm(*READ_PERMS)
@require_POST
def report_action(request, pk: int, key: str):
    """One step of the workflow (reports.registry.REPORT_ACTIONS): recompute, submit, return, approve, publish."""
    action = REPORT_ACTIONS.get(key)
    obj = _report_for(request, pk)
    if not action.permitted(request.user, obj):
        raise PermissionDenied("您没有执行此操作的权限。")
    form = action.form(request.POST) if action.form else None
    if form is not None and not form.is_valid():
        return render(request, "reports/detail.html", _detail_context(request, obj, **{f"{key}_form": form}), status=400)
    try:
        action.run(obj, form, acting_user=request.user)
    except ValidationError as error:
        if form is not None:
            attach_errors(form, error)
            return render(request, "reports/detail.html", _detail_context(request, obj, **{f"{key}_form": form}),
                          status=400)
        for message in error.messages:
            messages.error(request, message)
        obj.refresh_from_db()
        blocking = tables.findings_for_display(getattr(error, "findings", []))
        return render(request, "reports/detail.html", _detail_context(request, obj, blocking=blocking), status=400)
    messages.success(request, action.success(obj))
    return redirect("reports:detail", pk=obj.pk)


@require_perm(*READ_PERMS)
def report_file(request, pk: int, fmt: str):
    """Staff download of a published rendering, or a preview of the current draft."""
    obj = _report_for(request, pk)
    stored = obj.files.filter(fmt=fmt).first()
    if stored is not None:
        content, content_type = bytes(stored.content), stored.content_type
    elif fmt in services.PUBLISH_FORMATS:
        content = services.render_files(services.as_report(obj), (fmt,))[fmt]
        content_type = services.CONTENT_TYPES[fmt]
    else:
        raise Http404("未找到。")
    response = HttpResponse(content, content_type=content_type)
    if fmt != "html":
        response["Content-Disposition"] = content_disposition_header(True, f"{obj.agency.slug}-{obj.year}.{fmt}")
    return response


# ---------------------------------------------------------------------------------------------
# The supervising office
# ---------------------------------------------------------------------------------------------


def _government_for(request) -> Agency:
    """The 人民政府 whose agencies the user supervises (administrators choose with ?gov=)."""
    user = request.user
    if permissions.is_admin(user):
        governments = Agency.objects.filter(kind=AgencyKind.GOVERNMENT)
        chosen = request.GET.get("gov") or request.POST.get("gov")
        gov = governments.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else None
        gov = gov or (user.agency.government if user.agency_id else None) or governments.filter(parent=None).first()
        if gov is None:
            raise Http404("尚未建立人民政府。")
        return gov
    if user.agency_id is None or user.agency.government is None:
        raise PermissionDenied("您的账户未关联人民政府。")
    return user.agency.government


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    this_year = timezone.localdate().year
    return year if 2008 <= year <= this_year else this_year - 1


@require_perm(Perm.REPORT_SUPERVISE)
def supervise(request):
    authorize(request, Perm.REPORT_SUPERVISE)
    government = _government_for(request)
    authorize(request, Perm.REPORT_SUPERVISE, government)
    year = _year(request)
    rows = dashboard.rows_for(government, year)
    government_report = AnnualReport.objects.filter(agency=government, year=year, kind=ReportKind.GOVERNMENT).first()
    return render(request, "reports/supervise.html", {
        "government": government, "year": year, "rows": rows, "government_report": government_report,
        "government_deadline": services.deadline_status(ReportKind.GOVERNMENT, year),
        "department_deadline": services.deadline_status(ReportKind.DEPARTMENT, year),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
        "governments": Agency.objects.filter(kind=AgencyKind.GOVERNMENT) if permissions.is_admin(request.user) else None,
        "summary": dashboard.summary(rows),
        "missing": services.missing_departments(government, year),
        "not_submitted": services.not_submitted_departments(government, year),
    })


@require_perm(Perm.REPORT_SUPERVISE)
@require_POST
def supervise_unlock(request):
    authorize(request, Perm.REPORT_SUPERVISE)
    form = UnlockForm(request.POST, agencies=agencies_for(request.user, Perm.REPORT_SUPERVISE))
    if form.is_valid():
        agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        try:
            services.unlock_year(agency, year, form.cleaned_data["reason"], acting_user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"已解锁{agency.display_name}{year}年度数据（已记入审计日志）。")
            return redirect(f"{_supervise_url()}?year={year}")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(f"{_supervise_url()}?year={_year(request)}")


def _supervise_url():
    from django.urls import reverse

    return reverse("reports:supervise")


@require_perm(Perm.REPORT_SUPERVISE)
@require_POST
def supervise_government(request):
    authorize(request, Perm.REPORT_SUPERVISE)
    government = _government_for(request)
    authorize(request, Perm.REPORT_SUPERVISE, government)
    year = _year(request)
    confirm = request.POST.get("confirm_missing") == "1"
    try:
        obj = services.compute_government_report(government, year, acting_user=request.user, confirm_missing=confirm)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{_supervise_url()}?year={year}&gov={government.pk}#aggregate")
    missing = obj.provenance.get("missing_departments") or []
    text = f"已汇总{len(obj.contributions) - 1}个部门的报告，并计入本级政府的数据。"
    if missing:
        text += f"按现有数据汇总：{len(missing)}个部门未计入（{'、'.join(missing)}），已记入报告说明和审计日志。"
    messages.success(request, text)
    return redirect("reports:detail", pk=obj.pk)


def _audits_for(request):
    authorize(request, Perm.REPORT_SUPERVISE)
    if permissions.is_admin(request.user):
        return ExternalAudit.objects.all()
    return ExternalAudit.objects.filter(created_by=request.user)


def _audit_for(request, pk: int) -> ExternalAudit:
    audit = _audits_for(request).filter(pk=pk).first()
    if audit is None:
        raise Http404("未找到。")
    return audit


@require_perm(Perm.REPORT_SUPERVISE)
@require_POST
def supervise_urge(request):
    """催报: e-mail the departments that have not submitted their report (logged)."""
    authorize(request, Perm.REPORT_SUPERVISE)
    government = _government_for(request)
    authorize(request, Perm.REPORT_SUPERVISE, government)
    year = _year(request)
    urged = services.urge_reports(government, year, acting_user=request.user)
    if urged:
        no_mail = [a.display_name for a, n in urged if not n]
        messages.success(request, f"已向{len(urged)}个未报送的部门发出催报邮件（已记入审计日志）。"
                         + (f"其中{'、'.join(no_mail)}没有登记邮箱的工作人员，未能发出。" if no_mail else ""))
    else:
        messages.info(request, f"{year}年度报告各部门均已报送，无需催报。")
    return redirect(f"{_supervise_url()}?year={year}&gov={government.pk}#missing")


@require_perm(Perm.REPORT_SUPERVISE)
def audit_list(request):
    audits = _audits_for(request)
    form = AuditForm(allow_folder=permissions.is_admin(request.user))
    return render(request, "reports/audit_list.html", {"audits": audits[:100], "form": form})


@require_perm(Perm.REPORT_SUPERVISE)
@require_POST
def audit_new(request):
    audits = _audits_for(request)
    allow_folder = permissions.is_admin(request.user)
    form = AuditForm(request.POST, request.FILES, allow_folder=allow_folder)
    if form.is_valid():
        sources = [(f.name, f) for f in form.cleaned_data.get("files") or []]
        try:
            if allow_folder and form.cleaned_data.get("folder"):
                sources += services.read_folder(form.cleaned_data["folder"])
            government = request.user.agency.government if request.user.agency_id else None
            audit = batch.start_audit(form.cleaned_data["title"], sources, acting_user=request.user, government=government)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"已收到{audit.total}份报告，正在后台逐份解析和校验；可以离开本页，稍后回来查看。")
            return redirect("reports:audit-detail", pk=audit.pk)
    return render(request, "reports/audit_list.html", {"audits": audits[:100], "form": form}, status=400)


# Rows changed within this many seconds before the last poll are sent again: a file finished just
# before that poll may have been committed just after it.
POLL_OVERLAP = timedelta(seconds=5)


def _progress_context(audit: ExternalAudit) -> dict:
    return {"audit": audit, "progress": batch.progress(audit), "since": (timezone.now() - POLL_OVERLAP).isoformat()}


@require_perm(Perm.REPORT_SUPERVISE)
def audit_detail(request, pk: int):
    audit = _audit_for(request, pk)
    items = audit.items.order_by("id").defer("data", "findings", "missing")
    return render(request, "reports/audit_detail.html", {**_progress_context(audit), "items": items})


@require_perm(Perm.REPORT_SUPERVISE)
def audit_progress(request, pk: int):
    """htmx polling: the progress bar, and the rows of the files that changed since the last poll."""
    audit = _audit_for(request, pk)
    if audit.state != AuditState.RUNNING and request.headers.get("HX-Request"):
        # Finished (or cancelled) since the page was drawn: draw it once more, complete, without polling.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    since = parse_datetime(request.GET.get("since") or "")
    items = audit.items.order_by("id").defer("data", "findings", "missing")
    if since is not None:
        items = items.filter(Q(finished_at__gte=since) | Q(started_at__gte=since))
    return render(request, "reports/_audit_progress.html", {**_progress_context(audit), "changed": items[:500]})


@require_perm(Perm.REPORT_SUPERVISE)
def audit_item(request, pk: int, item_pk: int):
    """One file's findings and the comparison with last year (loaded when its row is opened)."""
    audit = _audit_for(request, pk)
    item = audit.items.filter(pk=item_pk).select_related("previous").first()
    if item is None:
        raise Http404("未找到。")
    return render(request, "reports/_audit_item.html", {
        "item": item, "findings": tables.findings_for_display(item.findings), "comparison": tables.compare(item),
    })


@require_perm(Perm.REPORT_SUPERVISE)
@require_POST
def audit_cancel(request, pk: int):
    audit = _audit_for(request, pk)
    try:
        stopped = batch.cancel_audit(audit, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已取消：{stopped}份尚未开始的报告不再解析。可随时「继续审查」。")
    return redirect("reports:audit-detail", pk=audit.pk)


@require_perm(Perm.REPORT_SUPERVISE)
@require_POST
def audit_resume(request, pk: int):
    audit = _audit_for(request, pk)
    try:
        queued = batch.resume_audit(audit, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已继续审查：{queued}份报告重新排队。")
    return redirect("reports:audit-detail", pk=audit.pk)
