"""Error pages are Chinese and never show a traceback."""

import pytest
from django.test import Client, override_settings
from django.urls import include, path


def boom(request):
    raise RuntimeError("internal detail that must not leak")


urlpatterns = [path("boom/", boom), path("", include("gongkai.urls"))]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.django_db
def test_a_server_error_shows_a_chinese_page_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "系统出错" in body and "internal detail" not in body and "Traceback" not in body


def test_not_found_and_forbidden_are_chinese(client, cast):
    assert "未找到" in client.get("/no-such-page/").content.decode()
    client.force_login(cast.handler_a)
    response = client.get("/staff/audit/")
    assert response.status_code == 403 and "您没有执行此操作的权限" in response.content.decode()
