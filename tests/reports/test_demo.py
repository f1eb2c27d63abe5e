"""The reports and remedies demo data: 区科信局's published 2022 report and a current-year draft; idempotent."""

import datetime as dt

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.remedies import demo as remedies_demo
from gongkai.remedies.models import Remedy
from gongkai.reports import demo as reports_demo
from gongkai.reports.models import AnnualReport, ReportStatus


def _ctx():
    lines = []
    ctx = agencies_demo.DemoContext(today=dt.date(2025, 6, 30), log=lines.append)
    agencies_demo.load(ctx, password="demo-pass-12345")
    return ctx, lines


@pytest.mark.slow  # renders the PDF (WeasyPrint)
def test_demo_publishes_2022_and_drafts_the_current_year_and_is_idempotent(db, django_capture_on_commit_callbacks):
    ctx, lines = _ctx()
    remedies_demo.load(ctx)
    with django_capture_on_commit_callbacks(execute=True):  # the Word/PDF task runs after the commit
        reports_demo.load(ctx)
    kxj = ctx.agencies["mtg-kxj"]
    published = AnnualReport.objects.get(agency=kxj, year=2022)
    assert published.status == ReportStatus.PUBLISHED and published.error_count == 0
    assert set(published.files.values_list("fmt", flat=True)) == {"html", "docx", "pdf", "json"}
    assert AnnualReport.objects.get(agency=kxj, year=2025).status == ReportStatus.DRAFT
    assert Remedy.objects.filter(agency=kxj, filed_on__year=2022).count() == 0
    assert Remedy.objects.filter(agency=kxj).count() == 2
    before = (AnnualReport.objects.count(), Remedy.objects.count())

    ctx2, lines2 = _ctx()
    remedies_demo.load(ctx2)
    reports_demo.load(ctx2)
    assert (AnnualReport.objects.count(), Remedy.objects.count()) == before
    assert any("已存在" in line for line in lines2)
