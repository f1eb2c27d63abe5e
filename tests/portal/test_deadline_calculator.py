"""The public 期限计算器 (issue 17 item 6) gives the date and the proof the case page gives.

For every worked example of docs/law.md §6.2 a case is registered on that day (plain, with a 补正,
with a 20-day extension); the case page's 「期限计算」 proof and the calculator's proof must be the same
lines, and the due date the one of the table.
"""

import datetime as dt
import re
from html import unescape

import pytest

from cases.conftest import TZ, applicant
from core.law.test_worked_examples import WORKED  # docs/law.md §6.2: received → (+7, +15, +20, +40)
from gongkai.cases.actions.correction import receive_correction, request_correction
from gongkai.cases.actions.extension import approve_extension, request_extension
from gongkai.cases.actions.intake import register_application
from gongkai.core.law.calendar import national_calendar

D = dt.date


def _to(time_machine, day):
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ), tick=False)


def _proof(html: str) -> list[str]:
    block = re.search(r'<ol class="proof" data-testid="proof">(.*?)</ol>', html, re.S)
    assert block, "no proof on the page"
    return [unescape(li) for li in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


def _case_proof(client, cast, case) -> list[str]:
    client.force_login(cast.handler_a)
    page = client.get(f"/staff/cases/{case.pk}/")
    assert page.status_code == 200
    client.logout()
    return _proof(page.content.decode())


def _calculator(client, cast, **params) -> tuple[str, list[str]]:
    response = client.get("/deadline/", {"channel": "in_person", "agency": cast.dept_a.slug, **params})
    assert response.status_code == 200, response.content.decode()[:2000]
    body = response.content.decode()
    due = re.search(r'data-testid="calculator-due">(.*?)</dd>', body, re.S).group(1)
    return unescape(re.sub(r"<[^>]+>", "", due)), _proof(body)


@pytest.fixture
def registered(cast, time_machine):
    def make(on):
        _to(time_machine, on)
        sub = register_application(cast.dept_a, applicant(), acting_user=cast.handler_a, channel="in_person",
                                   submitted_on=on)
        return sub.case

    return make


@pytest.mark.parametrize("received", list(WORKED), ids=str)
def test_a_plain_application_gets_the_case_pages_date_and_proof(client, cast, registered, received):
    case = registered(received)
    due, proof = _calculator(client, cast, submitted_on=received.isoformat())
    plus20 = WORKED[received][2]
    assert due == f"{plus20.year}年{plus20.month}月{plus20.day}日"
    assert proof == _case_proof(client, cast, case)
    assert any("第三十一条第（一）项" in line for line in proof)


@pytest.mark.parametrize("received", list(WORKED), ids=str)
def test_an_extension_gets_the_case_pages_date_and_proof(client, cast, registered, received):
    case = registered(received)
    request_extension(case, acting_user=cast.handler_a, days=20, reason="需要调取档案")
    approve_extension(case, acting_user=cast.head_a, on=received)
    due, proof = _calculator(client, cast, submitted_on=received.isoformat(), extension_days=20,
                             extension_on=received.isoformat())
    plus40 = WORKED[received][3]
    assert due == f"{plus40.year}年{plus40.month}月{plus40.day}日"
    assert proof == _case_proof(client, cast, case)


@pytest.mark.parametrize("received", list(WORKED), ids=str)
def test_a_correction_restarts_the_clock_as_on_the_case_page(client, cast, registered, time_machine, received):
    cal = national_calendar()
    case = registered(received)
    notice, got = cal.add_working_days(received, 3), cal.add_working_days(received, 6)
    deadline = notice + dt.timedelta(days=15)
    _to(time_machine, notice)
    request_correction(case, acting_user=cast.handler_a, items=["请写明所需信息的年度"], deadline=deadline, on=notice)
    # while waiting, both say the clock waits for the 补正
    waiting = _calculator(client, cast, submitted_on=received.isoformat(), correction_on=notice.isoformat(),
                          correction_due=deadline.isoformat())
    assert "等待补正" in waiting[0] and waiting[1] == _case_proof(client, cast, case)
    _to(time_machine, got)
    receive_correction(case, acting_user=cast.handler_a, on=got)
    due, proof = _calculator(client, cast, submitted_on=received.isoformat(), correction_on=notice.isoformat(),
                             correction_due=deadline.isoformat(), correction_received_on=got.isoformat())
    expected = cal.add_working_days(got, 20)
    assert due == f"{expected.year}年{expected.month}月{expected.day}日"
    assert proof == _case_proof(client, cast, case)


def test_the_receipt_date_follows_the_channel(client, cast, time_machine):
    _to(time_machine, D(2026, 3, 20))
    body = client.get("/deadline/", {"channel": "online", "submitted_on": "2026-03-06",
                                     "confirmed_on": "2026-03-09"}).content.decode()
    assert "2026年3月9日" in body and "双方确认之日" in body  # 第三十一条第（三）项
    assert "2026年4月7日" in body  # 20 working days after Mon 3/9 (清明 4/4–4/6)


@pytest.mark.parametrize(("params", "message"), [
    ({"channel": "online", "submitted_on": "2026-03-06"}, "请填写确认日期"),
    ({"channel": "post_signed", "submitted_on": "2026-03-06"}, "请填写签收日期"),
    ({"channel": "in_person", "submitted_on": "2026-13-45"}, "请输入有效日期"),
    ({"channel": "in_person", "submitted_on": "1900-01-01"}, "2008年至2100年"),
    ({"channel": "carrier-pigeon", "submitted_on": "2026-03-06"}, "请选择列表中的申请渠道"),
    ({"channel": "in_person", "submitted_on": "2026-03-06", "extension_days": "30", "extension_on": "2026-03-09"},
     "不得超过20个工作日"),
    ({"channel": "in_person", "submitted_on": "2026-03-06", "correction_received_on": "2026-03-10"},
     "请同时填写补正告知日期"),
    ({"channel": "in_person", "submitted_on": "2026-03-06", "correction_on": "2026-03-01"}, "不能早于收到申请之日"),
    ({"channel": "in_person", "submitted_on": "2026-03-06", "agency": "no-such"}, "请选择列表中的机关"),
    ({"channel": "in_person", "submitted_on": "2026-03-06", "extension_days": "abc"}, "须为整数"),
])
def test_bad_input_gets_a_chinese_message_never_a_500(client, cast, params, message):
    response = client.get("/deadline/", params)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and 'role="alert"' in body
    assert 'value="2026-03-06"' in body or "submitted_on" not in params or "2026-03-06" not in params["submitted_on"]


def test_a_year_nobody_entered_gets_the_provisional_label(client, cast, time_machine):
    from gongkai.workcal.models import CalendarYear

    last = max(CalendarYear.objects.values_list("year", flat=True))
    received = D(last, 12, 24)
    _to(time_machine, received)
    body = client.get("/deadline/", {"channel": "in_person", "submitted_on": received.isoformat()}).content.decode()
    assert f"预计（{last + 1}年安排未录入）" in body
    assert f"{last + 1}年的节假日安排尚未录入" in body


def test_the_home_page_links_the_calculator(client, db):
    assert 'href="/deadline/"' in client.get("/").content.decode()


def test_a_link_from_an_agency_preselects_it_without_errors(client, cast):
    response = client.get("/deadline/", {"agency": cast.dept_a.slug})
    body = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' not in body
    assert f'<option value="{cast.dept_a.slug}" selected>' in body
