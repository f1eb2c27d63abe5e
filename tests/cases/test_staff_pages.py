"""Staff pages: inbox (sorting, states, filters, search, pagination), exports, registration, the case page."""

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.cases.actions.intake import assign_handler
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import Application
from gongkai.core.vocabulary import Outcome

from .conftest import applicant, id_card

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def three(cast, register, clock):
    early = register(on=D(2026, 2, 2), applicant_name="早申请")  # due 2026-03-09 → overdue on 03-10
    soon = register(on=D(2026, 2, 6), applicant_name="中申请", applicant_kind="research", id_type="uscc",
                    id_number=_uscc())
    late = register(on=D(2026, 3, 9), applicant_name="晚申请")
    clock.to(D(2026, 3, 10))
    return early, soon, late


def _uscc():
    from .conftest import uscc

    return uscc("11223344")


def rows(body):
    tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [line for line in tbody.split("<tr>") if "/staff/cases/" in line]


def test_the_inbox_is_sorted_by_due_date_with_derived_states(client, cast, three):
    early, soon, late = three
    client.force_login(cast.handler_a)
    body = client.get("/staff/cases/").content.decode()
    names = [n for r in rows(body) for n in ("早申请", "中申请", "晚申请") if n in r]
    assert names == ["早申请", "中申请", "晚申请"]
    assert "已逾期" in rows(body)[0] and "即将到期" in rows(body)[1] and "正常" in rows(body)[2]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=overdue", ["早申请"]),
        ("state=due_soon", ["中申请"]),
        ("state=normal", ["晚申请"]),
        ("kind=research", ["中申请"]),
        ("q=晚申", ["晚申请"]),
        ("q=2026-0002", ["中申请"]),
        ("handler=none", ["早申请", "中申请", "晚申请"]),
        ("year=2025", []),
        ("scope=done", []),
    ],
)
def test_inbox_filters(client, cast, three, query, expected):
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/cases/?{query}").content.decode()
    assert [n for r in rows(body) for n in ("早申请", "中申请", "晚申请") if n in r] == expected


def test_bad_filter_values_do_not_break_the_inbox(client, cast, three):
    client.force_login(cast.handler_a)
    resp = client.get("/staff/cases/?year=abcd&state=nonsense&page=999")
    assert resp.status_code == 200 and "年度应为4位数字" in resp.content.decode()


def test_outcome_and_handler_filters(client, cast, three, agency_ready):
    early, soon, late = three
    assign_handler(soon, cast.handler_a, acting_user=cast.handler_a)
    draft_reply(early, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="无。")
    approve_reply(early, acting_user=cast.reviewer_a)
    client.force_login(cast.handler_a)
    body = client.get("/staff/cases/?scope=all&outcome=not_exist").content.decode()
    assert "早申请" in body and "中申请" not in body
    body = client.get(f"/staff/cases/?handler={cast.handler_a.pk}").content.decode()
    assert "中申请" in body and "晚申请" not in body


def test_pagination(client, cast, register):
    for i in range(55):
        register(applicant_name=f"申请人{i:02d}", id_number=id_card(f"1101051990{1 + i // 28:02d}{1 + i % 28:02d}123"))
    client.force_login(cast.handler_a)
    first = client.get("/staff/cases/").content.decode()
    assert "共 55 件" in first and "第 1 / 2 页" in first and len(rows(first)) == 50
    assert len(rows(client.get("/staff/cases/?page=2").content.decode())) == 5


def test_exports_mask_identity_numbers_and_are_logged(client, cast, three):
    early = three[0]
    client.force_login(cast.handler_a)
    resp = client.get("/staff/cases/export.csv?state=overdue")
    text = b"".join(resp.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][0] == "申请编号" and len(table) == 2
    assert table[1][2] == "早申请" and early.id_number not in text and early.masked_id in text
    resp = client.get("/staff/cases/export.xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert len(values) == 4 and all(early.id_number not in str(v) for v in values)
    assert AuditEvent.objects.filter(action="case.exported", actor=cast.handler_a).count() == 2


def test_staff_register_an_application(client, cast, clock):
    client.force_login(cast.handler_a)
    data = {k: v for k, v in applicant(applicant_name="王五").items() if v is not False}
    data.update(channel="post_signed", submitted_on="2026-03-01", signed_on="")
    resp = client.post("/staff/cases/new/", data)
    assert resp.status_code == 400 and "请填写签收日期" in resp.content.decode() and 'value="王五"' in resp.content.decode()
    data["signed_on"] = "2026-03-02"
    resp = client.post("/staff/cases/new/", data)
    assert resp.status_code == 302
    page = client.get(resp["Location"]).content.decode()
    assert "data-testid=\"tracking-code\"" in page
    case = Application.objects.get()
    assert case.received_on == D(2026, 3, 2) and case.registered_by == cast.handler_a


def test_the_case_page_shows_timeline_proof_and_next_actions(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "收到申请之日：2026年3月2日" in body  # the deadline proof
    assert "期限届满日：2026年3月30日" in body
    for label in ("补正告知", "征求意见", "申请延期答复", "拟定答复", "登记申请人撤回"):
        assert f"<summary>{label}</summary>" in body
    assert "<summary>审核通过并发出答复</summary>" not in body  # not for a handler, not in this state
    client.force_login(cast.head_a)
    body = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "<summary>拟定答复</summary>" not in body


def test_an_action_with_bad_input_keeps_it(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    resp = client.post(f"/staff/cases/{case.pk}/do/extension/",
                       {"extension-version": case.version, "extension-days": "30", "extension-reason": "档案很多"})
    body = resp.content.decode()
    assert resp.status_code == 400 and "最长不得超过20个工作日" in body and "档案很多" in body
    resp = client.post(f"/staff/cases/{case.pk}/do/reply/",
                       {"reply-version": case.version, "reply-outcome": "partial", "reply-body": "提供第一部分"})
    body = resp.content.decode()
    assert resp.status_code == 400 and "部分公开须写明不予公开的内容及理由" in body and "提供第一部分" in body


def test_an_action_walk_through_the_pages(client, cast, register, clock, agency_ready):
    case = register()
    client.force_login(cast.handler_a)

    user = cast.handler_a

    def act(key, **fields):
        client.force_login(user)  # moving the clock by days ends the 8-hour session
        case.refresh_from_db()
        data = {f"{key}-version": case.version, **{f"{key}-{k}": v for k, v in fields.items()}}
        resp = client.post(f"/staff/cases/{case.pk}/do/{key}/", data)
        assert resp.status_code == 302, re.findall(r'role="alert">(.*?)</div>', resp.content.decode(), re.S)
        return client.get(resp["Location"]).content.decode()

    act("assign", handler=cast.handler_a.pk)
    page = act("correction", items="请写明项目名称\n请写明年度", deadline="2026-03-16", on="2026-03-02")
    assert "已生成政府信息公开申请补正告知书" in page
    clock.to(D(2026, 3, 5))
    act("correction_received", on="2026-03-05", note="已补正")
    act("consult", kind="third_party", party_name="某公司", matter="合同", on="2026-03-05", channel="email")
    clock.to(D(2026, 3, 9))
    act("consult_answer", ref="C1", result="agree", on="2026-03-09")
    act("reply", outcome="disclose", body="随本答复书提供。")
    user = cast.reviewer_a
    page = act("approve_reply", on="2026-03-09")
    assert "已答复" in page
    user = cast.handler_a
    page = act("archive")
    assert "已归档" in page
