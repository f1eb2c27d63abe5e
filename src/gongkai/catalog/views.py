"""Staff pages of the catalogue (/staff/catalog/). Thin: form → permission → one service → render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm, agencies_for, get_object, has_perm, require_perm
from gongkai.forms import attach_errors
from gongkai.versioning import EditConflict, keep_input

from . import deadlines, importer, selectors, services
from .forms import (
    ApproveForm,
    AttachmentForm,
    FiguresForm,
    ImportForm,
    ItemForm,
    ReasonForm,
    RepealForm,
    ValidityForm,
    year_choices,
)
from .models import CatalogImport, CatalogItem, FigureKind, Status, YearlyFigure
from .registry import ITEM_ACTIONS
from .reporting import figure_sources, table2_for
from .services import CatalogError

STAFF_PERMS = (Perm.CATALOG_EDIT, Perm.CATALOG_REVIEW)


def _staff_items(user):
    """Items of every agency where the user may edit or review the catalogue."""
    q = Q(pk__in=[])
    for perm in STAFF_PERMS:
        q |= Q(agency__in=agencies_for(user, perm).values("pk"))
    return CatalogItem.objects.filter(q)


def _get_item(request, pk, perm: Perm | tuple[Perm, ...] = STAFF_PERMS) -> CatalogItem:
    return get_object(request, perm, CatalogItem.objects.select_related("agency", "created_by", "reviewed_by"), pk=pk)


def _deadline_badges(items, today):
    calendars: dict[int, object] = {}
    soon = deadlines.due_soon_days()
    for item in items:
        if item.agency_id not in calendars:
            try:
                calendars[item.agency_id] = deadlines.get_calendar(item.agency)
            except Exception:  # the list still works without a calendar: badges count calendar days
                calendars[item.agency_id] = None
        item.deadline = item.deadline_state(today, soon, calendars[item.agency_id])
    return items


@require_perm(*STAFF_PERMS)
def staff_list(request):
    qs = _staff_items(request.user).select_related("agency")
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    warn = request.GET.get("warn", "")
    today = timezone.localdate()
    pending = selectors.PENDING
    qs = selectors.publication_warning(qs, warn, today)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(index_no__contains=q) | Q(doc_no__contains=q))
    page = Paginator(qs.order_by("-updated_at", "-id"), 30).get_page(request.GET.get("page"))
    _deadline_badges(page.object_list, today)
    base = _staff_items(request.user).filter(status__in=pending)
    context = {
        "page": page,
        "status": status,
        "warn": warn,
        "q": q,
        "statuses": Status.choices,
        "overdue_count": selectors.publication_warning(base, "overdue", today).count(),
        "can_edit": has_perm(request.user, Perm.CATALOG_EDIT),
        "can_review": has_perm(request.user, Perm.CATALOG_REVIEW),
    }
    return render(request, "catalog/staff_list.html", context)


@require_perm(Perm.CATALOG_REVIEW)
def review_queue(request):
    qs = CatalogItem.objects.filter(
        status=Status.IN_REVIEW, agency__in=agencies_for(request.user, Perm.CATALOG_REVIEW).values("pk")
    ).select_related("agency", "created_by", "submitted_by").order_by("publish_due", "updated_at")
    items = _deadline_badges(list(qs[:200]), timezone.localdate())
    return render(request, "catalog/review_queue.html", {"items": items})


def _editable_agencies(user):
    return agencies_for(user, Perm.CATALOG_EDIT).order_by("path")


@require_perm(Perm.CATALOG_EDIT)
def item_new(request):
    agencies = list(_editable_agencies(request.user))
    if not agencies:
        raise PermissionDenied("您没有可编辑目录的机关。")
    agency = next((a for a in agencies if str(a.pk) == request.POST.get("agency", request.GET.get("agency"))), None)
    agency = agency or next((a for a in agencies if a.pk == request.user.agency_id), agencies[0])
    form = ItemForm(request.POST or None, request.FILES or None, agency=agency, initial={"formed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_draft(agency, form.service_data(), acting_user=request.user)
        except CatalogError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "草稿已保存。")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "agency": agency, "agencies": agencies, "item": None})


@require_perm(Perm.CATALOG_EDIT)
def item_edit(request, pk):
    item = _get_item(request, pk, Perm.CATALOG_EDIT)
    if not item.is_editable:
        messages.error(request, f"只有草稿可以修改（当前：{item.get_status_display()}）。")
        return redirect("catalog:item", pk=item.pk)
    form = ItemForm(request.POST or None, request.FILES or None, instance=item, agency=item.agency)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(CatalogItem.objects.get(pk=item.pk), form.service_data(), acting_user=request.user,
                                  expected_version=form.expected_version())
        except EditConflict as exc:
            keep_input(form, exc, CatalogItem.objects.get(pk=item.pk).version)
            status = 409
        except CatalogError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "agency": item.agency, "item": item}, status=status)


def _detail_context(request, item, **forms):
    user = request.user
    can_edit = has_perm(user, Perm.CATALOG_EDIT, item.agency)
    _deadline_badges([item], timezone.localdate())
    return {
        "item": item,
        "can_edit": can_edit,
        "actions": {action.key: action for action in ITEM_ACTIONS.available(item, user)},  # the buttons shown
        "is_author": user.pk in (item.created_by_id, item.submitted_by_id),
        "reject_form": forms.get("reject_form") or ReasonForm(auto_id="reject-%s"),
        "approve_form": forms.get("approve_form") or ApproveForm(auto_id="approve-%s"),
        "withdraw_form": forms.get("withdraw_form") or ReasonForm(auto_id="withdraw-%s"),
        "validity_form": forms.get("validity_form") or ValidityForm(auto_id="validity-%s"),
        "repeal_form": forms.get("repeal_form") or RepealForm(auto_id="repeal-%s"),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "error": forms.get("error"),
        "revisions": item.revisions.select_related("actor").order_by("-number"),
        "decisions": item.review_decisions.select_related("reviewer"),
        "attachments": item.attachments.all(),
        "interprets": item.interprets.all(),
        "interpretations": item.interpretations.all(),
        "amendments": item.amendments.all(),
        "public_url": _public_url(item),
    }


def _public_url(item) -> str:
    if item.status != Status.PUBLISHED:
        return ""
    try:
        return reverse("portal:item", kwargs={"slug": item.agency.slug, "pk": item.pk})
    except Exception:
        return ""


@require_perm(*STAFF_PERMS)
def item_detail(request, pk):
    item = _get_item(request, pk)
    return render(request, "catalog/item_detail.html", _detail_context(request, item))


@require_perm(*STAFF_PERMS)
@require_POST
def item_action(request, pk, action):
    action = ITEM_ACTIONS.get(action)
    item = _get_item(request, pk)
    form = action.form(request.POST, auto_id=f"{action.key}-%s") if action.form else None
    bound = {f"{action.key}_form": form} if form is not None else {}
    if form is not None and not form.is_valid():
        ctx = _detail_context(request, item, **bound, error="请按提示更正后再提交。")
        return render(request, "catalog/item_detail.html", ctx, status=400)
    try:
        result = action.run(item, form, acting_user=request.user)
    except CatalogError as exc:
        item = _get_item(request, pk)
        return render(request, "catalog/item_detail.html", _detail_context(request, item, error=str(exc), **bound),
                      status=400)
    messages.success(request, action.success(result))
    if action.key == "approve" and request.POST.get("next") == "queue":
        return redirect("catalog:review-queue")
    return redirect("catalog:item", pk=item.pk)


@require_perm(Perm.CATALOG_EDIT)
@require_POST
def item_delete(request, pk):
    item = _get_item(request, pk)
    try:
        services.delete_draft(item, acting_user=request.user)
    except CatalogError as exc:
        return render(request, "catalog/item_detail.html", _detail_context(request, item, error=str(exc)), status=400)
    messages.success(request, "草稿已删除。")
    return redirect("catalog:staff-list")


@require_perm(Perm.CATALOG_EDIT)
def item_amend(request, pk):
    item = _get_item(request, pk, Perm.CATALOG_EDIT)
    if request.method != "POST":
        return redirect("catalog:item", pk=item.pk)
    try:
        draft = services.amend_document(item, {}, acting_user=request.user)
    except CatalogError as exc:
        return render(request, "catalog/item_detail.html", _detail_context(request, item, error=str(exc)), status=400)
    messages.success(request, "已创建修改稿（草稿），发布后原文件将标注为「已修改」。")
    return redirect("catalog:item-edit", pk=draft.pk)


@require_perm(*STAFF_PERMS)
@require_POST
def attachment_add(request, pk):
    item = _get_item(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        ctx = _detail_context(request, item, attachment_form=form, error="请选择要上传的文件。")
        return render(request, "catalog/item_detail.html", ctx, status=400)
    try:
        services.add_attachment(item, form.cleaned_data["file"], acting_user=request.user)
    except CatalogError as exc:
        return render(request, "catalog/item_detail.html", _detail_context(request, item, error=str(exc)), status=400)
    messages.success(request, "附件已上传。")
    return redirect("catalog:item", pk=item.pk)


@require_perm(*STAFF_PERMS)
@require_POST
def attachment_remove(request, pk, att):
    item = _get_item(request, pk)
    attachment = item.attachments.filter(pk=att).first()
    if attachment is None:
        raise Http404("未找到。")
    try:
        services.remove_attachment(attachment, acting_user=request.user)
    except CatalogError as exc:
        return render(request, "catalog/item_detail.html", _detail_context(request, item, error=str(exc)), status=400)
    messages.success(request, "附件已删除。")
    return redirect("catalog:item", pk=item.pk)


@require_perm(*STAFF_PERMS)
def attachment_download(request, pk, att):
    """Staff download of any attachment of an item they may see (also before publication)."""
    item = _get_item(request, pk)
    attachment = item.attachments.filter(pk=att).first()
    if attachment is None:
        raise Http404("未找到。")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@require_perm(*STAFF_PERMS)
def revision_detail(request, pk, number):
    item = _get_item(request, pk)
    revision = item.revisions.filter(number=number).select_related("actor").first()
    if revision is None:
        raise Http404("未找到。")
    previous = item.revisions.filter(number__lt=number).order_by("-number").first()
    labels = {f.name: f.verbose_name for f in CatalogItem._meta.get_fields() if hasattr(f, "verbose_name")}
    rows = []
    for key, value in revision.snapshot.items():
        before = previous.snapshot.get(key) if previous else None
        rows.append({"key": key, "label": labels.get(key, key), "value": value,
                     "changed": previous is not None and before != value, "before": before})
    return render(request, "catalog/revision_detail.html", {"item": item, "revision": revision, "rows": rows,
                                                            "previous": previous})


@require_perm(Perm.CATALOG_EDIT, Perm.REPORT_EDIT)
def figures(request):
    """Yearly table 二 figures: enter 行政许可/处罚/强制 and 收费; see the whole table."""
    agencies = list(agencies_for(request.user, Perm.CATALOG_EDIT).order_by("path")) or list(
        agencies_for(request.user, Perm.REPORT_EDIT).order_by("path")
    )
    if not agencies:
        raise PermissionDenied("您没有填报年度数据的权限。")
    agency = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), None)
    agency = agency or next((a for a in agencies if a.pk == request.user.agency_id), agencies[0])
    years = year_choices()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    if year not in years:
        year = years[1] if len(years) > 1 else years[0]
    entered = {f.kind: f for f in YearlyFigure.objects.filter(agency=agency, year=year).select_related("entered_by")}
    initial = {k: (entered[k].value if k == FigureKind.FEE else int(entered[k].value)) for k in entered}
    if entered:
        initial["note"] = next(iter(entered.values())).note
    form = FiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            for kind in FigureKind:
                services.set_yearly_figure(agency, year, kind, form.cleaned_data[kind.value],
                                           form.cleaned_data["note"], acting_user=request.user)
        except CatalogError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{year}年数据已保存。")
            return redirect(f"{reverse('catalog:figures')}?agency={agency.pk}&year={year}")
    context = {
        "agency": agency, "agencies": agencies, "year": year, "years": years, "form": form,
        "table": table2_for(agency, year), "sources": figure_sources(agency, year), "entered": entered,
    }
    return render(request, "catalog/figures.html", context)


@require_perm(Perm.CATALOG_EDIT)
def import_items(request):
    """Upload a file: it is stored and checked (and imported) by a background task; the result page
    (import_detail) follows it."""
    agencies = list(_editable_agencies(request.user))
    agency = next((a for a in agencies if str(a.pk) == request.POST.get("agency")), None)
    agency = agency or next((a for a in agencies if a.pk == request.user.agency_id), agencies[0] if agencies else None)
    if agency is None:
        raise PermissionDenied("您没有可编辑目录的机关。")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]  # checked by content and size (gongkai.uploads.CATALOG_IMPORT)
        try:
            job = importer.start_import(agency, acting_user=request.user, name=upload.name, content=upload.read(),
                                        mode=form.cleaned_data["mode"])
        except CatalogError as exc:
            attach_errors(form, exc)
        else:
            return redirect("catalog:import-detail", pk=job.pk)
    recent = CatalogImport.objects.filter(agency__in=agencies).select_related("agency", "created_by")[:10]
    return render(request, "catalog/import.html", {"form": form, "agency": agency, "agencies": agencies,
                                                   "columns": importer.COLUMNS, "recent": recent})


@require_perm(Perm.CATALOG_EDIT)
def import_detail(request, pk: int):
    """The state of one import: 排队中 / 正在处理 (the page polls) / the result with every bad row."""
    job = get_object(request, Perm.CATALOG_EDIT, CatalogImport.objects.select_related("agency", "created_by"), pk=pk)
    template = "catalog/_import_result.html" if request.headers.get("HX-Request") else "catalog/import_detail.html"
    return render(request, template, {"job": job})


@require_perm(Perm.CATALOG_EDIT)
@require_POST
def import_resume(request, pk: int):
    """「继续导入」 an import whose worker stopped (importer.resume_import); a second click changes nothing."""
    job = get_object(request, Perm.CATALOG_EDIT, CatalogImport.objects.select_related("agency", "created_by"), pk=pk)
    try:
        resumed = importer.resume_import(job, acting_user=request.user)
    except CatalogError as exc:
        return render(request, "catalog/import_detail.html", {"job": job, "error": str(exc)}, status=409)
    messages.success(request, "已重新排队，将从中断处继续导入，已导入的行不会重复导入。" if resumed
                     else "已经重新排队，不必再次提交。")
    return redirect("catalog:import-detail", pk=job.pk)


@require_perm(Perm.CATALOG_EDIT)
def import_template(request):
    """An empty CSV with the expected headers (UTF-8 with BOM so Excel shows Chinese)."""
    from django.http import HttpResponse

    headers = ["索引号", "标题", "文号", "发布机构", "成文日期", "发布日期", "主题分类", "体裁", "公开类别", "有效性",
               "失效/废止日期", "关键词", "内容概述", "正文"]
    example = ["", "关于开展科技创新券申领工作的通知", "门科信发〔2022〕3号", "", "2022-03-01", "2022-03-08", "科技、教育",
               "通知公告", "第二十条第（十一）项", "有效", "", "科技创新券", "", "为促进中小企业科技创新……"]
    body = "\ufeff" + ",".join(headers) + "\r\n" + ",".join(example) + "\r\n"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "catalog-import-template.csv")
    return response
