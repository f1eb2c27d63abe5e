"""征求意见 as the 条例 says (issue 11 point 5; docs/law.md §9.1): the third party's and the co-producer's
15 working days run from the day they receive the 征求意见书 — recorded, or presumed by channel (post: the
回执 date, recorded later); other agencies (第三十三条第三款) have no period and no 「视为同意」.

Received 2026-03-02 (Mon); the plain due date is 2026-03-30; 清明 2026-04-04…06 is off.
"""

import datetime as dt
import re

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.consultation import (
    record_consultation_answer,
    record_consultation_receipt,
    send_consultation,
)
from gongkai.cases.models import DocKind, EventKind

pytestmark = pytest.mark.django_db
D = dt.date


def send(case, cast, **kw):
    args = {"kind": "third_party", "party_name": "某科技有限公司", "matter": "该公司的财务数据"}
    args.update(kw)
    return send_consultation(case, acting_user=cast.handler_a, **args)


def test_by_email_the_third_party_is_presumed_to_receive_it_the_day_it_is_sent(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    done = send(case, cast, channel="email")
    assert done.obj.due_on == D(2026, 3, 26)  # 15 working days from 03-05
    assert done.document.kind == DocKind.CONSULT_THIRD
    assert "自收到本征求意见书之日起15个工作日内（送达方式：电子邮件，按发出当日收到计算，即2026年3月26日前）" in done.document.body
    assert "推定对方当日收到" in case.events.get(kind=EventKind.CONSULTATION_SENT).text


def test_by_post_the_period_runs_from_the_recorded_receipt(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    done = send(case, cast, channel="post")
    cons = done.obj
    assert cons.due_on is None and cons.receipt() == (None, "")
    body = done.document.body
    assert "自收到本征求意见书之日起15个工作日内提出" in body and "即" not in body.split("15个工作日内", 1)[1][:3]
    assert case.clock_state == "paused"
    clock.to(D(2026, 3, 31))
    with pytest.raises(CaseError, match="尚未登记"):
        record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="no_reply")
    with pytest.raises(CaseError, match="不能早于发出日期"):
        record_consultation_receipt(case, acting_user=cast.handler_a, ref="C1", received_on=D(2026, 3, 4))
    done = record_consultation_receipt(case, acting_user=cast.handler_a, ref="C1", received_on=D(2026, 3, 9))
    cons.refresh_from_db()
    assert cons.received_on == D(2026, 3, 9) and cons.due_on == D(2026, 3, 30)  # 15 working days from 03-09
    ev = case.events.get(kind=EventKind.CONSULTATION_RECEIVED)
    assert ev.on == D(2026, 3, 9) and "2026年3月30日前" in ev.text
    assert AuditEvent.objects.filter(action="case.consultation_receipt_recorded").exists()
    done = record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="no_reply")
    assert done.obj.answered_on == D(2026, 3, 30)
    # paused 03-06 … 03-30 (17 working days): 03-30 + 17 working days, 清明 off
    assert case.due_date == D(2026, 4, 23)


def test_a_later_recorded_receipt_replaces_the_presumed_day(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    send(case, cast, channel="fax")
    clock.to(D(2026, 3, 10))
    record_consultation_receipt(case, acting_user=cast.handler_a, ref="C1", received_on=D(2026, 3, 6))
    cons = case.consultations.get()
    assert cons.due_on == D(2026, 3, 27)
    assert "原为2026年3月26日" in case.events.get(kind=EventKind.CONSULTATION_RECEIVED).text


def test_a_receipt_recorded_at_dispatch_is_stated_in_the_notice(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 6))
    done = send(case, cast, kind="co_producer", party_name="北京市门头沟区财政局", channel="in_person",
                received_on=D(2026, 3, 6), on=D(2026, 3, 5))
    assert done.obj.due_on == D(2026, 3, 27)
    assert "本征求意见书于2026年3月6日送达，即2026年3月27日前" in done.document.body
    assert "视为同意公开" in done.document.body


def test_other_agencies_have_no_period_and_no_deemed_consent(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    done = send(case, cast, kind="other_agency", party_name="北京市门头沟区国家保密局", matter="文件是否涉密")
    assert done.document.kind == DocKind.CONSULT_OTHER
    body = done.document.body
    assert "第三十三条第三款" in body and "15个工作日" not in body and "视为同意" not in body
    assert done.obj.due_on is None and case.clock_state == "paused"
    with pytest.raises(CaseError, match="无需登记收到日期"):
        record_consultation_receipt(case, acting_user=cast.handler_a, ref="C1", received_on=D(2026, 3, 5))
    clock.to(D(2026, 3, 12))
    done = record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="no_reply")
    assert not done.obj.deemed_consent
    assert "没有「视为同意」" in case.events.get(kind=EventKind.CONSULTATION_EXPIRED).text
    assert case.due_date == D(2026, 4, 7)  # paused 03-06 … 03-12 (5 working days)


def test_the_staff_form_asks_for_the_channel_and_records_the_receipt(client, cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    client.force_login(cast.handler_a)

    def post(key, **fields):
        case.refresh_from_db()
        return client.post(f"/staff/cases/{case.pk}/do/{key}/",
                           {f"{key}-version": case.version, **{f"{key}-{k}": v for k, v in fields.items()}})

    resp = post("consult", kind="third_party", party_name="某公司", matter="合同", on="2026-03-05")
    assert resp.status_code == 400 and "请选择征求意见书的送达方式" in resp.content.decode()
    resp = post("consult", kind="third_party", party_name="某公司", matter="合同", on="2026-03-05", channel="post")
    assert resp.status_code == 302
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "邮寄，对方收到之日尚未登记" in page and 'id="action-consult_received"' in page
    clock.to(D(2026, 3, 10))
    client.force_login(cast.handler_a)
    resp = post("consult_received", ref="C1", on="2026-03-09")
    assert resp.status_code == 302, re.findall(r'role="alert">(.*?)</div>', resp.content.decode(), re.S)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "邮寄，对方于2026-03-09收到" in page and "2026-03-30" in page


def test_the_other_agency_form_needs_no_channel(client, cast, register, clock):
    case = register()
    client.force_login(cast.handler_a)
    resp = client.post(f"/staff/cases/{case.pk}/do/consult/", {
        "consult-version": case.version, "consult-kind": "other_agency", "consult-party_name": "区保密局",
        "consult-matter": "是否涉密", "consult-on": "2026-03-02"})
    assert resp.status_code == 302
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'id="action-consult_received"' not in page and "条例未规定答复期限" in page
