"""Staff pages for 复议/诉讼 records (Perm.REMEDY_EDIT; other agencies' records are 404)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm, agencies_for, authorize, get_object, scoped
from gongkai.audit.models import AuditEvent
from gongkai.core.vocabulary import TABLE4_COLUMN_LABELS, RemedyKind, RemedyResult, choices
from gongkai.forms import attach_errors
from gongkai.versioning import EditConflict, keep_input

from . import services
from .forms import DeleteForm, DocumentForm, RemedyForm, ResultForm
from .limits import limits_for
from .models import Remedy, RemedyDocument
from .reporting import counted_in, table4_for


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def remedy_list(request):
    authorize(request, Perm.REMEDY_EDIT)
    qs = scoped(request.user, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency"))
    year = _int(request.GET.get("year"))
    kind = request.GET.get("kind") or ""
    result = request.GET.get("result") or ""
    if year:
        qs = qs.filter(counted_in(year))
    if kind in RemedyKind._value2member_map_:
        qs = qs.filter(kind=kind)
    if result in RemedyResult._value2member_map_:
        qs = qs.filter(result=result)
    agencies = agencies_for(request.user, Perm.REMEDY_EDIT)
    summary = None
    if year and agencies.count() == 1:
        table = table4_for(agencies.first(), year)
        summary = [(RemedyKind(k).label, values) for k, values in table.items()]
    this_year = date.today().year
    return render(request, "remedies/list.html", {
        "remedies": qs[:500], "year": year, "kind": kind, "result": result,
        "years": list(range(this_year, this_year - 8, -1)), "kinds": choices(RemedyKind),
        "results": choices(RemedyResult), "summary": summary, "columns": TABLE4_COLUMN_LABELS,
    })


@login_required
def remedy_new(request):
    authorize(request, Perm.REMEDY_EDIT)
    agencies = agencies_for(request.user, Perm.REMEDY_EDIT)
    form = RemedyForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            remedy = services.record_remedy(form.cleaned_data["agency"], acting_user=request.user, **form.service_data())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "已登记。")
            return redirect("remedies:detail", pk=remedy.pk)
    return render(request, "remedies/form.html", {"form": form, "title": "登记复议/诉讼"})


@login_required
def remedy_detail(request, pk: int):
    remedy = get_object(request, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency", "review"), pk=pk)
    services.log_remedy_view(remedy, acting_user=request.user, request=request)
    return _detail_with(request, remedy, status=200)


@login_required
def remedy_edit(request, pk: int):
    remedy = get_object(request, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency"), pk=pk)
    agencies = agencies_for(request.user, Perm.REMEDY_EDIT)
    form = RemedyForm(request.POST or None, instance=remedy, agencies=agencies)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_remedy(remedy, acting_user=request.user, expected_version=form.expected_version(),
                                   **form.service_data())
        except EditConflict as exc:
            keep_input(form, exc, Remedy.objects.get(pk=remedy.pk).version)
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "已保存。")
            return redirect("remedies:detail", pk=remedy.pk)
    return render(request, "remedies/form.html", {"form": form, "remedy": remedy, "title": "修改复议/诉讼记录"},
                  status=status)


def _detail_with(request, remedy, status=400, **forms):
    context = {
        "remedy": remedy, "limits": [(limit, limit.filed_in_time(remedy.filed_on)) for limit in limits_for(remedy)],
        "result_form": ResultForm(initial={"result": remedy.result, "decided_on": remedy.decided_on}),
        "document_form": DocumentForm(), "delete_form": DeleteForm(),
        "events": AuditEvent.objects.for_object(remedy).exclude(action="remedy.viewed")[:50],
    }
    context.update(forms)
    return render(request, "remedies/detail.html", context, status=status)


@login_required
@require_POST
def remedy_result(request, pk: int):
    remedy = get_object(request, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency"), pk=pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        try:
            services.record_remedy_result(
                remedy, form.cleaned_data["result"], form.cleaned_data.get("decided_on"),
                form.cleaned_data.get("notes") or "", acting_user=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "已记录结果。")
            return redirect("remedies:detail", pk=remedy.pk)
    return _detail_with(request, remedy, result_form=form)


@login_required
@require_POST
def remedy_document_upload(request, pk: int):
    remedy = get_object(request, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency"), pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_remedy_document(remedy, form.cleaned_data["title"], form.cleaned_data["file"], acting_user=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "文书已上传。")
            return redirect("remedies:detail", pk=remedy.pk)
    return _detail_with(request, remedy, document_form=form)


@login_required
def remedy_document(request, pk: int, doc: int):
    remedy = get_object(request, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency"), pk=pk)
    try:
        document = remedy.documents.get(pk=doc)
        handle = document.file.open("rb")
    except (RemedyDocument.DoesNotExist, FileNotFoundError, OSError):
        raise Http404("未找到。") from None
    services.log_remedy_view(remedy, acting_user=request.user, request=request, document=document)
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def remedy_delete(request, pk: int):
    remedy = get_object(request, Perm.REMEDY_EDIT, Remedy.objects.select_related("agency"), pk=pk)
    form = DeleteForm(request.POST)
    if form.is_valid():
        try:
            services.delete_remedy(remedy, form.cleaned_data["reason"], acting_user=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "记录已删除（审计日志保留删除前内容）。")
            return redirect("remedies:list")
    return _detail_with(request, remedy, delete_form=form)
