"""Public pages of a published annual report (条例 第四十九条: 向社会公布). No login needed."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from . import tables
from .models import AnnualReport, PublishedFile, ReportOrigin, ReportStatus
from .services import as_report, pending_formats


def _published(slug: str, year: int) -> AnnualReport:
    report = (
        AnnualReport.objects.filter(
            agency__slug=slug, year=year, status=ReportStatus.PUBLISHED, origin=ReportOrigin.COMPUTED
        )
        .select_related("agency")
        .first()
    )
    if report is None:
        raise Http404("未找到该年度报告。")
    return report


def report_page(request, slug: str, year: int):
    report = _published(slug, year)
    return render(request, "reports/public_detail.html", {
        "report": report, "tables": tables.tables_of(as_report(report), []),
        "files": report.files.order_by("fmt"),
        # DOCX/PDF are rendered by a task after publication (services.publish_report)
        "pending": [dict(PublishedFile.FORMATS)[f] for f in pending_formats(report)],
    })


def report_file(request, slug: str, year: int, fmt: str):
    report = _published(slug, year)
    stored = report.files.filter(fmt=fmt).first()
    if stored is None:
        raise Http404("未找到该格式的文件。")
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
    inline = fmt in ("html", "pdf", "json")
    response["Content-Disposition"] = content_disposition_header(not inline, stored.filename)
    return response
