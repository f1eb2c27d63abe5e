"""Entering 2027 is previewed with the open cases whose due date it moves (workcal preview)."""

from datetime import date

from django.urls import reverse

from gongkai.workcal import services
from gongkai.workcal.services import get_calendar

D = date
NOTICE_2027 = """一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（周六）放假调休，共9天。2月20日（周六）上班。
"""
OFF = [(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 2, 5), D(2027, 2, 13), "春节")]
WORK = [(D(2027, 2, 20), "春节")]


def test_the_preview_counts_the_open_cases_whose_due_date_moves(cast, register, clock):
    case = register(on=D(2026, 12, 4))  # its 20th working day lies in 2027
    preview = services.preview_year_arrangement(2027, OFF, WORK)
    cases = next(i for i in preview.impacts if "依申请公开" in i.label)
    # 12/7–12/31: 19 working days; 1/1–1/3 off → the 20th is Monday 2027-01-04
    assert (cases.count, cases.examples) == (1, [f"{case.number}：期限待定 → 2027-01-04"])
    assert any("第二十六条" in i.label for i in preview.impacts)


def test_the_form_shows_the_preview_then_applies(client, cast, register, clock, django_capture_on_commit_callbacks):
    case = register(on=D(2026, 12, 4))
    client.force_login(cast.admin)
    fields = {"year": "2027", "arrangement": NOTICE_2027}
    page = client.post(reverse("workcal:enter"), fields).content.decode()
    assert "确认生效" in page and "2027年2月8日" in page and "放假（春节）" in page
    assert "办理中的依申请公开案件（答复期限）：<strong>1</strong>项期限将变化" in page
    back = client.post(reverse("workcal:enter"), {**fields, "back": "1"}).content.decode()
    assert "春节：2月5日" in back and "预览变更" in back  # nothing typed is lost
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("workcal:enter"), {**fields, "confirm": "1", "version": str(services.current_version())})
    assert done.status_code == 302 and get_calendar().is_known_year(2027)
    case.refresh_from_db()
    assert case.due_date == D(2027, 1, 4)
