"""The admin lists reports, locks and remedies read-only (changes go through the audited services)."""

import datetime as dt

from gongkai.remedies import services as remedy_services
from gongkai.reports.models import AnnualReport
from gongkai.yearlocks.models import YearLock


def test_admin_pages_are_read_only(client, cast):
    report = AnnualReport.objects.create(agency=cast.dept_a, year=2024)
    YearLock.objects.create(agency=cast.dept_a, year=2024)
    remedy = remedy_services.record_remedy(cast.dept_a, acting_user=cast.handler_a, kind="review", applicant_name="甲",
                                           filed_on=dt.date(2025, 3, 1), body="区政府")
    client.force_login(cast.admin)
    for url in ("/admin/reports/annualreport/", "/admin/yearlocks/yearlock/", "/admin/remedies/remedy/",
                f"/admin/reports/annualreport/{report.pk}/change/", f"/admin/remedies/remedy/{remedy.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="_save"' not in response.content.decode()
    assert client.get("/admin/reports/annualreport/add/").status_code == 403
