"""Read-only queries other parts use (the portal's list of published reports)."""

from __future__ import annotations

from .models import AnnualReport, ReportOrigin, ReportStatus


def published_reports(agency=None):
    """Published annual reports, newest year first; `agency` limits to one agency.

    Each has `.title`, `.year`, `.agency`, `.published_at` and `public_url()` (the page at
    /nianbao/<agency slug>/<year>/ with the HTML/DOCX/PDF/JSON downloads).
    """
    qs = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED, origin=ReportOrigin.COMPUTED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("-year", "agency__path")
