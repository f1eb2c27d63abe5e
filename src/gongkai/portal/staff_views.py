"""Staff pages of the 政府信息公开专栏: the readers' error reports (a 待办 queue) and the 指南's texts."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm, get_object, require_perm, scoped
from gongkai.forms import attach_errors

from . import services
from .forms import GuideTextForm, HandleErrorForm
from .models import ErrorReport, ErrorStatus


@require_perm(Perm.CATALOG_EDIT)
def error_list(request):
    status = request.GET.get("status", ErrorStatus.OPEN)
    if status not in ErrorStatus.values and status != "all":
        status = ErrorStatus.OPEN
    qs = scoped(request.user, Perm.CATALOG_EDIT, ErrorReport.objects.select_related("agency", "handled_by"))
    if status != "all":
        qs = qs.filter(status=status)
    return render(request, "portal/staff/error_list.html", {
        "reports": qs[:200], "status": status, "statuses": [(s.value, s.label) for s in ErrorStatus] + [("all", "全部")],
    })


@require_perm(Perm.CATALOG_EDIT)
def error_detail(request, pk):
    report = get_object(request, Perm.CATALOG_EDIT, ErrorReport.objects.select_related("agency", "handled_by"), pk=pk)
    form = HandleErrorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.handle_error_report(report, acting_user=request.user, reply=form.cleaned_data["reply"],
                                         valid=form.cleaned_data["valid"])
        except services.PortalError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "纠错留言已处理。")
            return redirect("portal:staff-errors")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/staff/error_detail.html", {"report": report, "form": form}, status=status)


@require_perm(Perm.CATALOG_EDIT)
def guide_edit(request, slug):
    agency = get_object(request, Perm.CATALOG_EDIT, Agency.objects.all(), slug=slug)
    text = services.guide_text_of(agency)
    form = GuideTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_guide(agency, acting_user=request.user,
                                  changes={f: form.cleaned_data[f] for f in services.GUIDE_FIELDS})
        except services.PortalError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "政府信息公开指南已更新。")
            return redirect("portal:agency", slug=agency.slug)
    return render(request, "portal/staff/guide_edit.html", {"agency": agency, "form": form},
                  status=400 if request.method == "POST" else 200)
