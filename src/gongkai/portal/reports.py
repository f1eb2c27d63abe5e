"""Published annual reports, read from the reports app when it has them.

The portal lists them (条例第五十条: 年度报告 向社会公布) and the open-data API serves their tables.
The reports app may not have a model yet (or a different one), so this module looks it up
defensively and falls back to an empty list rather than breaking the portal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps

#: Keys of the report interchange JSON (core.report.schema.Report.to_json) that hold the tables.
TABLE_KEYS = ("format_version", "table2", "table3", "table4", "fees")


@dataclass
class PublishedReport:
    agency_slug: str
    agency_name: str
    year: int
    title: str
    url: str
    published_at: object = None
    tables: dict = field(default_factory=dict)


def _model():
    try:
        model = apps.get_model("reports", "AnnualReport")
    except LookupError:
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if {"agency", "year", "status"} <= names else None


def published_reports(agency=None, year: int | None = None) -> list[PublishedReport]:
    model = _model()
    if model is None:
        return []
    qs = model.objects.filter(status="published").select_related("agency").order_by("-year", "agency__path")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if year is not None:
        qs = qs.filter(year=year)
    out = []
    for r in qs[:500]:
        try:
            url = r.public_url() if hasattr(r, "public_url") else ""
        except Exception:  # a report without a public page (e.g. imported) is still listed
            url = ""
        data = getattr(r, "data", None) or {}
        out.append(PublishedReport(
            agency_slug=r.agency.slug, agency_name=r.agency.name, year=r.year,
            title=getattr(r, "title", f"{r.agency.name}{r.year}年政府信息公开工作年度报告"),
            url=url, published_at=getattr(r, "published_at", None),
            tables={k: data[k] for k in TABLE_KEYS if k in data} if isinstance(data, dict) else {},
        ))
    return out
