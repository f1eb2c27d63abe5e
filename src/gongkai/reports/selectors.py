"""Read-only queries other parts use (the portal's list of published reports)."""

from __future__ import annotations

from .models import AnnualReport, ReportOrigin, ReportStatus


def published_reports(agency=None, year: int | None = None):
    """Published annual reports, newest year first; `agency` and `year` narrow the list.

    Each has `.title`, `.year`, `.agency`, `.published_at` and `public_url()` (the page at
    /nianbao/<agency slug>/<year>/ with the HTML/DOCX/PDF/JSON downloads).
    """
    qs = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED, origin=ReportOrigin.COMPUTED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "agency__path")
