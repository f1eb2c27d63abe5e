"""Importing a year from a JSON or CSV file goes through the same preview as entering it by hand (issue 11
point 4): what changes and how many open cases and catalogue deadlines move; only 「确认生效」 applies
exactly the previewed file."""

import html
import json
import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.workcal import services
from gongkai.workcal.models import CalendarRevision
from gongkai.workcal.services import get_calendar

D = date
DAYS_2027 = (
    [("元旦", "2027-01-01", True), ("元旦", "2027-01-02", True), ("元旦", "2027-01-03", True)]
    + [("春节", f"2027-02-{d:02d}", True) for d in range(5, 14)] + [("春节", "2027-02-20", False)]
)
JSON_2027 = json.dumps({"year": 2027, "papers": [], "days": [{"name": n, "date": d, "isOffDay": o} for n, d, o in DAYS_2027]})
CSV_2027 = "date,is_off_day,name\r\n" + "".join(f"{d},{1 if o else 0},{n}\r\n" for n, d, o in DAYS_2027)


def _hidden(page: str) -> dict:
    """The 「确认生效」 form's fields, as a browser would send them."""
    form = page[:page.index('name="back"')]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken", None)
    assert fields["confirm"] == "1"
    return {k: html.unescape(v) for k, v in fields.items()}


def upload(client, name, content, kind="auto"):
    return client.post(reverse("workcal:import"), {"file": SimpleUploadedFile(name, content.encode("utf-8")), "kind": kind})


def test_a_json_import_is_previewed_then_applied(client, cast, register, clock, django_capture_on_commit_callbacks):
    case = register(on=D(2026, 12, 4))  # its 20th working day lies in 2027
    revisions = CalendarRevision.objects.count()
    client.force_login(cast.admin)
    resp = upload(client, "2027.json", JSON_2027)
    page = resp.content.decode()
    assert resp.status_code == 200 and "预览：导入2027年节假日安排" in page and "确认生效" in page
    assert "办理中的依申请公开案件（答复期限）：<strong>1</strong>项期限将变化" in page
    assert f"{case.number}：期限待定 → 2027-01-04" in page
    assert "放假（春节）" in page and "调休上班（春节）" in page
    # nothing written yet
    assert CalendarRevision.objects.count() == revisions and not get_calendar().is_known_year(2027)
    fields = _hidden(page)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("workcal:import"), fields)
    assert done.status_code == 302 and get_calendar().is_known_year(2027)
    assert CalendarRevision.objects.count() == revisions + 1
    case.refresh_from_db()
    assert case.due_date == D(2027, 1, 4)


def test_a_csv_with_crlf_line_breaks_is_confirmed_as_previewed(client, cast, register, clock):
    client.force_login(cast.admin)
    page = upload(client, "2027.csv", CSV_2027).content.decode()
    assert "预览：导入2027年节假日安排" in page
    fields = _hidden(page)
    fields["content"] = fields["content"].replace("\n", "\r\n")  # as a browser submits a form value
    assert client.post(reverse("workcal:import"), fields).status_code == 302
    assert get_calendar().is_known_year(2027)


def test_a_changed_file_or_a_calendar_changed_meanwhile_is_refused(client, cast, register, clock):
    client.force_login(cast.admin)
    fields = _hidden(upload(client, "2027.json", JSON_2027).content.decode())
    tampered = {**fields, "content": fields["content"].replace('"2027-02-20", "isOffDay": false', '"2027-02-20", "isOffDay": true')}
    assert tampered != fields
    resp = client.post(reverse("workcal:import"), tampered)
    assert resp.status_code == 400 and "与预览的不一致" in resp.content.decode()
    assert not get_calendar().is_known_year(2027)
    # someone else changes the calendar after the preview
    services.import_holiday_cn_json(JSON_2027, acting_user=cast.admin)
    resp = client.post(reverse("workcal:import"), fields)
    assert resp.status_code == 400 and "请重新预览" in resp.content.decode()


def test_a_year_already_in_force_is_named_in_the_preview(client, cast, register, clock):
    client.force_login(cast.admin)
    days_2026 = [("元旦", "2026-01-01", True)]
    data = json.dumps({"year": 2026, "papers": [], "days": [{"name": n, "date": d, "isOffDay": o} for n, d, o in days_2026]})
    page = upload(client, "2026.json", data).content.decode()
    assert 'data-testid="replaced-years"' in page and "2026年的安排已经生效" in page


def test_a_bad_file_is_refused_before_any_preview(client, cast):
    client.force_login(cast.admin)
    resp = upload(client, "x.csv", "2027-13-01,1,元旦\n")
    assert resp.status_code == 400 and "格式错误" in resp.content.decode()


def test_only_calendar_managers_import(client, cast):
    client.force_login(cast.handler_a)
    assert upload(client, "2027.json", JSON_2027).status_code == 403
    assert client.post(reverse("workcal:import"), {"confirm": "1"}).status_code == 403
