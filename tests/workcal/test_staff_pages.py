"""The calendar's staff pages: permission, year list, entry form, file import, local days, history."""

import html
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.workcal.models import CalendarRevision, CalendarYear, LocalDayOff
from gongkai.workcal.services import get_calendar

NOTICE_2027 = """一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（周六）放假调休，共9天。2月20日（周六）上班。
"""


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


@pytest.mark.parametrize("name", ["index", "enter", "import", "local", "history"])
def test_staff_without_the_permission_are_refused(client, cast, name):
    client.force_login(cast.handler_a)
    assert client.get(reverse(f"workcal:{name}")).status_code == 403
    client.logout()
    assert client.get(reverse(f"workcal:{name}")).status_code == 302  # to the login page


def test_the_year_list_marks_2027_as_not_entered(admin_client):
    body = admin_client.get(reverse("workcal:index")).content.decode()
    assert "2026年" in body and "2008年" in body
    assert "未录入" in body and "已生效" in body
    assert "工作日历" in body


def test_entering_a_year_through_the_form(admin_client, cast):
    fields = {"year": "2027", "notice_title": "", "notice_no": "", "notice_url": "", "published_on": "",
              "arrangement": NOTICE_2027}
    preview = admin_client.post(reverse("workcal:enter"), fields)
    assert preview.status_code == 200 and "确认生效" in preview.content.decode()
    assert not get_calendar().is_known_year(2027)  # a preview changes nothing
    response = admin_client.post(reverse("workcal:enter"), {**fields, "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("workcal:year", args=[2027])
    cal = get_calendar()
    assert cal.is_known_year(2027) and cal.is_working_day(date(2027, 2, 20))
    assert not cal.is_working_day(date(2027, 2, 8))
    page = admin_client.get(response["Location"]).content.decode()
    assert "2027年节假日安排" in page and "春节：2月5日至2月14日放假。2月20日上班。" in page


def test_a_bad_form_keeps_what_was_typed_and_explains(admin_client):
    typed = "春节：2月5日至2月13日放假。2月10日上班。\n清明节：放假三天"
    response = admin_client.post(reverse("workcal:enter"), {"year": "2027", "arrangement": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert "第2行：没有找到日期" in body
    assert "清明节：放假三天" in body  # nothing typed is lost
    response = admin_client.post(reverse("workcal:enter"), {"year": "2027", "arrangement": "春节：2月5日至2月13日放假。2月13日上班。"})
    assert "同时被列为放假日和上班日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_replacing_an_entered_year_needs_confirmation(admin_client):
    prefill = admin_client.get(reverse("workcal:enter") + "?year=2026").content.decode()
    assert "春节：2月15日至2月23日放假。2月14日、2月28日上班。" in prefill
    text = "元旦：1月1日至1月3日放假。1月4日上班。"
    response = admin_client.post(reverse("workcal:enter"), {"year": "2026", "arrangement": text})
    assert "请勾选确认" in response.content.decode()
    before = CalendarRevision.objects.count()
    response = admin_client.post(reverse("workcal:enter"), {"year": "2026", "arrangement": text, "confirm_replace": "on",
                                                            "confirm": "1"})
    assert response.status_code == 302 and CalendarRevision.objects.count() == before + 1


def test_importing_files(admin_client):
    good = SimpleUploadedFile("2027.json", b'{"year": 2027, "papers": [], "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}]}')
    preview = admin_client.post(reverse("workcal:import"), {"file": good, "kind": "auto"})
    assert preview.status_code == 200 and "确认生效" in preview.content.decode()  # a preview first (issue 11)
    assert not get_calendar().is_known_year(2027)
    form = preview.content.decode().split('name="back"')[0]
    fields = {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)}
    response = admin_client.post(reverse("workcal:import"), fields)
    assert response.status_code == 302
    assert get_calendar().is_known_year(2027)
    assert "导入 holiday-cn JSON" in admin_client.get(response["Location"]).content.decode()

    bad = SimpleUploadedFile("2028.json", b'{"year": 2028, "papers": [], "days": []}')
    body = admin_client.post(reverse("workcal:import"), {"file": bad, "kind": "auto"}).content.decode()
    assert "2028年没有任何日期" in body

    csv = SimpleUploadedFile("x.csv", "date,is_off_day,name\n2028-13-01,1,元旦\n".encode())
    body = admin_client.post(reverse("workcal:import"), {"file": csv, "kind": "auto"}).content.decode()
    assert "第2行：日期「2028-13-01」格式错误" in body

    again = SimpleUploadedFile("2027.csv", "2027-01-01,1,元旦\n".encode())
    body = admin_client.post(reverse("workcal:import"), {"file": again, "kind": "csv"}).content.decode()
    assert "2027年的安排已经生效" in body


def test_local_days_page(admin_client, cast):
    response = admin_client.post(reverse("workcal:local"), {
        "action": "add_region", "region-code": "110109", "region-name": "门头沟区", "region-agencies": [cast.dept_a.pk],
    })
    assert response.status_code == 302
    from gongkai.workcal.models import Region

    region = Region.objects.get(code="110109")
    response = admin_client.post(reverse("workcal:local"), {
        "action": "add_day", "day-region": region.pk, "day-date": "2025-06-06", "day-name": "地方纪念日", "day-basis": "",
    })
    assert response.status_code == 302
    body = admin_client.get(reverse("workcal:local")).content.decode()
    assert "地方纪念日" in body and "北京市门头沟区科学技术和信息化局" in body
    local = LocalDayOff.objects.get()
    assert admin_client.post(reverse("workcal:local-delete", args=[local.pk])).status_code == 302
    assert not LocalDayOff.objects.exists()


def test_history_and_revision_pages(admin_client):
    body = admin_client.get(reverse("workcal:history")).content.decode()
    assert "初始数据" in body
    seed = CalendarRevision.objects.get(action="seed")
    assert "chinese-calendar" in admin_client.get(reverse("workcal:revision", args=[seed.pk])).content.decode()
    assert admin_client.get(reverse("workcal:year", args=[1990])).status_code == 404


def test_admin_is_read_only(admin_client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    response = admin_client.get("/admin/workcal/calendarday/")
    assert response.status_code == 200
    assert admin_client.get("/admin/workcal/calendarday/add/").status_code == 403
