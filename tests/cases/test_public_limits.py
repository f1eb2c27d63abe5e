"""Abuse limits on the public surfaces: rate limits, upload quota, honeypot, optional CAPTCHA, tracking lock-out.

Every refusal is Chinese and re-renders what the applicant typed.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.cases import tracking as services
from gongkai.cases.models import Application

from .conftest import applicant

pytestmark = pytest.mark.django_db

LIMITS = {
    "TRACK_FAILURES_PER_CLIENT": 10, "TRACK_FAILURES_PER_CODE": 3, "TRACK_WINDOW_MINUTES": 15,
    "APPLY_PER_CLIENT_PER_HOUR": 2, "APPLY_GLOBAL_PER_MINUTE": 100, "APPLY_UPLOAD_TOTAL_MB": 1,
}


@pytest.fixture(autouse=True)
def limits(settings):
    settings.GONGKAI_LIMITS = dict(LIMITS)
    settings.GONGKAI_PROXY_COUNT = 1  # behind one reverse proxy (README nginx)
    return settings.GONGKAI_LIMITS


def form_data(agency, **overrides):
    data = applicant(**overrides)
    data["agency"] = str(agency.pk)
    data["needs_assistance"] = ""
    return {k: v for k, v in data.items() if v is not False}


def post(client, data, ip="203.0.113.1", **extra):
    return client.post("/apply/", data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ip}", **extra)


def test_submissions_per_client_are_limited_and_nothing_typed_is_lost(client, cast, clock):
    for _ in range(2):
        assert post(client, form_data(cast.dept_a)).status_code == 302
    refused = post(client, form_data(cast.dept_a, info_title="第三件申请的标题"))
    body = refused.content.decode()
    assert refused.status_code == 429 and "一小时内最多在线提交2件申请" in body
    assert 'value="第三件申请的标题"' in body  # the form comes back filled in
    assert Application.objects.count() == 2
    # Another applicant behind the same proxy is not affected (the real address counts, not the proxy's).
    assert post(client, form_data(cast.dept_a), ip="198.51.100.7").status_code == 302


def test_a_global_limit_protects_the_whole_form(client, cast, clock, limits):
    limits["APPLY_GLOBAL_PER_MINUTE"] = 1
    assert post(client, form_data(cast.dept_a), ip="203.0.113.1").status_code == 302
    refused = post(client, form_data(cast.dept_a), ip="203.0.113.2")
    assert refused.status_code == 429 and "请稍候一分钟再提交" in refused.content.decode()


def test_the_attachments_of_one_submission_share_a_quota(client, cast, clock):
    files = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4 " + b"0" * 600_000) for i in range(2)]
    refused = post(client, {**form_data(cast.dept_a, info_title="保留的标题"), "attachments": files})
    body = refused.content.decode()
    assert refused.status_code == 400 and "超过了每件申请1 MB的上限" in body and 'value="保留的标题"' in body
    assert not Application.objects.exists()


def test_the_honeypot_stops_bots_and_is_hidden_from_people(client, cast, clock):
    page = client.get("/apply/").content.decode()
    assert re.search(r'class="field hp-trap"[^>]*aria-hidden="true"', page)
    refused = post(client, {**form_data(cast.dept_a), "website": "http://spam.example"})
    assert refused.status_code == 400 and "提交未成功" in refused.content.decode()
    assert not Application.objects.exists()
    assert 'value="http://spam.example"' not in refused.content.decode()  # a person can simply submit again


def test_the_optional_captcha(client, cast, clock, limits):
    limits["APPLY_CAPTCHA"] = True
    page = client.get("/apply/").content.decode()
    question = re.search(r"验证题：(.)加(.)等于几", page)
    token = re.search(r'name="captcha_1" value="([^"]+)"', page)[1]
    digits = "零一二三四五六七八九"
    answer = digits.index(question[1]) + digits.index(question[2])
    wrong = post(client, {**form_data(cast.dept_a), "captcha_0": str(answer + 1), "captcha_1": token})
    assert wrong.status_code == 400 and "验证题的答案不正确" in wrong.content.decode()
    assert post(client, {**form_data(cast.dept_a), "captcha_0": str(answer), "captcha_1": token}).status_code == 302


def track(client, code, factor, ip):
    return client.post("/track/", {"code": code, "factor": factor}, REMOTE_ADDR="127.0.0.1",
                       HTTP_X_FORWARDED_FOR=ip)


def test_tracking_misses_count_per_real_client_not_per_proxy(client, cast, register):
    case = register()
    for _ in range(10):
        assert track(client, services.new_tracking_code(), "0000", "203.0.113.9").status_code == 404
    assert track(client, services.new_tracking_code(), "0000", "203.0.113.9").status_code == 429
    # everyone else behind the same proxy still gets in
    assert track(client, case._sub.tracking_code, "1234", "198.51.100.3").status_code == 302
    # a spoofed X-Forwarded-For entry left of the proxy's does not give the guesser a fresh address
    spoofed = track(client, services.new_tracking_code(), "0000", "1.2.3.4, 203.0.113.9")
    assert spoofed.status_code == 429


def test_misses_on_one_code_lock_that_code_from_every_address(client, cast, register):
    case = register()
    code = case._sub.tracking_code
    for i in range(3):
        assert track(client, code, f"000{i}", f"203.0.113.{i + 20}").status_code == 404
    locked = track(client, code, "1234", "198.51.100.50")  # even the right factor, from a fresh address
    assert locked.status_code == 429 and "次数过多" in locked.content.decode()
    other = register(phone="13900005678")
    assert track(client, other._sub.tracking_code, "5678", "198.51.100.50").status_code == 302
