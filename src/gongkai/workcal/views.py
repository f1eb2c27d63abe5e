"""Staff pages of the working-day calendar (/staff/calendar/, permission 「calendar.manage」)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm, authorize
from gongkai.forms import attach_errors

from . import services
from .forms import ImportConfirmForm, ImportForm, LocalDayOffForm, RegionForm, YearArrangementForm
from .models import CalendarDay, CalendarRevision, CalendarYear, LocalDayOff, Region, YearStatus
from .notice_text import format_notice_text


def _guard(request) -> None:
    authorize(request, Perm.CALENDAR_MANAGE)


@login_required
def index(request):
    _guard(request)
    years = services.year_overview()
    today = timezone.localdate()
    missing_next = not any(r["known"] for r in years if r["year"] == today.year + 1)
    return render(request, "workcal/index.html", {
        "years": list(reversed(years)),
        "next_year": today.year + 1,
        "missing_next": missing_next,
        "revisions": CalendarRevision.objects.select_related("region")[:5],
    })


@login_required
def year_detail(request, year: int):
    _guard(request)
    row = CalendarYear.objects.filter(year=year).first()
    days = list(CalendarDay.objects.filter(year=year))
    if row is None and not days:
        raise Http404("未找到。")
    return render(request, "workcal/year_detail.html", {
        "year": year,
        "row": row,
        "off_days": [d for d in days if d.is_off_day],
        "work_days": [d for d in days if not d.is_off_day],
        "text": format_notice_text(year, {d.date: (d.is_off_day, d.name) for d in days}),
        "revisions": [r for r in CalendarRevision.objects.all()[:500] if year in (r.years or [])][:20],
    })


@login_required
def enter(request):
    """Entering a year goes through a preview: what changes and how many open cases and catalogue
    deadlines move; only 「确认生效」 (with the previewed calendar version) applies it."""
    _guard(request)
    if request.method == "POST":
        form = YearArrangementForm(request.POST)
        if request.POST.get("back"):
            return render(request, "workcal/enter.html", {"form": form})
        if form.is_valid():
            data = form.cleaned_data
            try:
                if request.POST.get("confirm") != "1":
                    preview = services.preview_year_arrangement(
                        data["year"], data["off_ranges"], data["work_days"], provisional=data["provisional"]
                    )
                    return render(request, "workcal/enter_preview.html", {"form": form, "preview": preview,
                                                                          "year": data["year"]})
                version = request.POST.get("version", "")
                revision = services.enter_year_arrangement(
                    data["year"], data["off_ranges"], data["work_days"], acting_user=request.user,
                    notice_title=data["notice_title"], notice_no=data["notice_no"], notice_url=data["notice_url"],
                    published_on=data["published_on"], provisional=data["provisional"],
                    previewed_version=int(version) if version.isdigit() else ..., request=request,
                )
            except services.CalendarInputError as exc:
                attach_errors(form, exc)
            else:
                moved = len(revision.changed_dates)
                messages.success(
                    request,
                    f"已保存{data['year']}年节假日安排（第{revision.pk}版），{moved}个日期的工作日状态发生变化"
                    + ("，相关期限已重新计算。" if moved else "。"),
                )
                return redirect("workcal:year", year=data["year"])
    else:
        initial = {}
        year = request.GET.get("year", "")
        if year.isdigit():
            initial["year"] = int(year)
            row = CalendarYear.objects.filter(year=int(year)).first()
            days = CalendarDay.objects.filter(year=int(year))
            if row is not None:
                initial.update(notice_title=row.notice_title, notice_no=row.notice_no, notice_url=row.notice_url,
                               published_on=row.published_on, provisional=row.status == YearStatus.PROVISIONAL)
            if days:
                initial["arrangement"] = format_notice_text(int(year), {d.date: (d.is_off_day, d.name) for d in days})
        form = YearArrangementForm(initial=initial)
    return render(request, "workcal/enter.html", {"form": form})


@login_required
def import_file(request):
    """Importing a JSON or CSV file goes through the same preview as entering a year: what changes and how
    many open cases and catalogue deadlines move; only 「确认生效」 applies exactly the previewed file."""
    _guard(request)
    if request.method != "POST":
        return render(request, "workcal/import.html", {"form": ImportForm()})
    if request.POST.get("back"):
        return render(request, "workcal/import.html", {"form": ImportForm()})
    if request.POST.get("confirm") == "1":
        confirm = ImportConfirmForm(request.POST)
        if not confirm.is_valid():
            errors = list(confirm.non_field_errors()) or ["预览的内容无法确认，请重新上传文件并预览。"]
            return render(request, "workcal/import.html", {"form": ImportForm(), "errors": errors}, status=400)
        data = confirm.cleaned_data
        importer = services.import_holiday_cn_json if data["kind"] == "json" else services.import_calendar_csv
        try:
            revision = importer(data["content"], acting_user=request.user, filename=data["filename"], request=request,
                                previewed_version=confirm.previewed_version)
        except services.CalendarInputError as exc:
            return render(request, "workcal/import.html", {"form": ImportForm(), "errors": exc.errors}, status=400)
        messages.success(
            request, f"已导入（第{revision.pk}版）：{revision.summary}；{len(revision.changed_dates)}个日期的工作日状态发生变化。"
        )
        return redirect("workcal:revision", pk=revision.pk)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read()
        kind = form.detected_kind(raw)
        try:
            content = services.decode_text(raw)
            preview = services.preview_calendar_file(content, kind)
        except services.CalendarInputError as exc:
            for message in exc.errors:
                form.add_error("file", message)
        else:
            replaced = sorted(
                a.year for a in preview.arrangements
                if CalendarYear.objects.filter(year=a.year, status=YearStatus.COMPLETE).exists()
            )
            return render(request, "workcal/import_preview.html", {
                "preview": preview, "replaced": replaced, "filename": upload.name,
                "confirm": ImportConfirmForm.for_preview(content, kind, upload.name or "", preview.version),
            })
    return render(request, "workcal/import.html", {"form": form}, status=400)


@login_required
def local_days(request):
    _guard(request)
    day_form = LocalDayOffForm(prefix="day")
    region_form = RegionForm(prefix="region")
    if request.method == "POST" and request.POST.get("action") == "add_day":
        day_form = LocalDayOffForm(request.POST, prefix="day")
        if day_form.is_valid():
            d = day_form.cleaned_data
            try:
                services.add_local_day_off(d["region"], d["date"], d["name"], d["basis"], acting_user=request.user, request=request)
            except services.CalendarInputError as exc:
                for message in exc.errors:
                    day_form.add_error(None, message)
            else:
                messages.success(request, f"已为{d['region'].name}增加地方休息日{d['date']:%Y年%m月%d日}（{d['name']}）。")
                return redirect("workcal:local")
    elif request.method == "POST" and request.POST.get("action") == "add_region":
        region_form = RegionForm(request.POST, prefix="region")
        if region_form.is_valid():
            d = region_form.cleaned_data
            try:
                services.create_region(d["code"], d["name"], d["agencies"], acting_user=request.user, request=request)
            except services.CalendarInputError as exc:
                for message in exc.errors:
                    region_form.add_error(None, message)
            else:
                messages.success(request, f"已增加地区「{d['name']}」。")
                return redirect("workcal:local")
    regions = Region.objects.prefetch_related("agencies", "days_off")
    return render(request, "workcal/local.html", {"regions": regions, "day_form": day_form, "region_form": region_form})


@login_required
@require_POST
def local_day_delete(request, pk: int):
    _guard(request)
    local = get_object_or_404(LocalDayOff.objects.select_related("region"), pk=pk)
    services.remove_local_day_off(local, acting_user=request.user, request=request)
    messages.success(request, f"已删除{local.region.name}的地方休息日{local.date:%Y年%m月%d日}（{local.name}）。")
    return redirect("workcal:local")


@login_required
def history(request):
    _guard(request)
    page = Paginator(CalendarRevision.objects.select_related("region"), 30).get_page(request.GET.get("page"))
    return render(request, "workcal/history.html", {"page": page})


@login_required
def revision_detail(request, pk: int):
    _guard(request)
    revision = get_object_or_404(CalendarRevision.objects.select_related("region"), pk=pk)
    return render(request, "workcal/revision.html", {"revision": revision})
