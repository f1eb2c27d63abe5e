"""The public status page: code + second factor, no personal data, no enumeration, throttled."""

import datetime as dt
import re

import pytest

from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.models import Application
from gongkai.cases.tracking import new_tracking_code, reissue_tracking_code
from gongkai.cases.views.public import TRACK_FAILURE_LIMIT

pytestmark = pytest.mark.django_db


def track(client, code, factor):
    return client.post("/track/", {"code": code, "factor": factor}, follow=True)


def test_code_and_phone_digits_show_progress_without_personal_data(client, cast, register):
    case = register()
    code = case._sub.tracking_code
    resp = track(client, code.lower().replace("-", " "), "1234")  # case and separators do not matter
    body = resp.content.decode()
    assert resp.status_code == 200
    assert case.number in body and "办理中" in body and "2026年3月30日" in body
    for personal in ("张三", case.id_number, "13800001234", "zhangsan@example.com", "新桥大街"):
        assert personal not in body


def test_misses_look_the_same_whatever_was_wrong(client, cast, register):
    case = register()
    wrong_factor = track(client, case._sub.tracking_code, "9999")
    unknown_code = track(client, new_tracking_code(), "1234")
    malformed = track(client, "ABC", "1234")
    assert wrong_factor.status_code == unknown_code.status_code == malformed.status_code == 404
    assert _page(wrong_factor) == _page(unknown_code) == _page(malformed)


def _page(resp):
    """The page without what differs per request anyway: the echoed input and the CSRF tokens."""
    body = resp.content.decode().replace(f'value="{resp.wsgi_request.POST["code"]}"', "")
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", body)


def test_guessing_is_throttled(client, cast, register):
    case = register()
    for _ in range(TRACK_FAILURE_LIMIT):
        assert track(client, new_tracking_code(), "0000").status_code == 404
    resp = track(client, case._sub.tracking_code, "1234")  # even the right code now waits
    assert resp.status_code == 429 and "次数过多" in resp.content.decode()


def test_without_a_phone_the_applicant_gets_a_pin(client, cast, register):
    case = register(phone="", email="a@example.com")
    sub = case._sub
    assert sub.pin and len(sub.pin) == 6
    assert track(client, sub.tracking_code, sub.pin).status_code == 200


def test_a_reissued_code_replaces_the_old_one(client, cast, register):
    case = register()
    old = case._sub.tracking_code
    new = reissue_tracking_code(case, acting_user=cast.handler_a)
    assert track(client, old, "1234").status_code == 404
    assert track(client, new.tracking_code, "1234").status_code == 200


def test_codes_are_long_and_random(cast, register):
    codes = {new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c.replace("-", "")) == 20 for c in codes)  # 20 × 5 bits = 100 bits
    assert Application._meta.get_field("tracking_hash").unique


def test_the_status_page_follows_the_case(client, cast, register, clock, agency_ready):
    from gongkai.core.vocabulary import Outcome

    case = register()
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="未找到。")
    clock.to(dt.date(2026, 3, 9))
    approve_reply(case, acting_user=cast.reviewer_a)
    body = track(client, case._sub.tracking_code, "1234").content.decode()
    assert "已答复" in body and "经检索没有所申请公开信息" in body
