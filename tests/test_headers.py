"""Security headers: CSP (no inline script), Permissions-Policy, no-store on personal pages, check --deploy."""

import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
            for part in (p.strip() for p in response["Content-Security-Policy"].split(";")) if part}


@pytest.mark.parametrize("url", ["/", "/apply/", "/track/", "/accounts/login/"])
def test_public_pages_carry_a_strict_csp_and_no_inline_script(client, cast, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    body = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline <script> would be blocked by the CSP"
    assert not re.search(r"\sstyle=\"", body) and "<style" not in body
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_application_form_with_errors_uses_a_script_file(client, cast):
    body = client.post("/apply/", {}).content.decode()
    assert "gongkai/apply.js" in body and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)


def test_pages_with_personal_data_are_not_stored(client, cast):
    for url in ("/apply/", "/track/"):
        assert "no-store" in client.get(url)["Cache-Control"]
    client.force_login(cast.handler_a)
    staff = client.get("/staff/cases/")
    assert staff.status_code == 200 and "no-store" in staff["Cache-Control"] and "private" in staff["Cache-Control"]


def test_public_catalogue_pages_stay_cacheable(client, cast):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_production_with_https_declared_passes_check_deploy(tmp_path):
    env = {**os.environ, "GONGKAI_ENV": "production", "GONGKAI_HTTPS": "1", "SECRET_KEY": "k" * 20 + "Xy7#" * 10,
           "ALLOWED_HOSTS": "gk.example.gov.cn", "GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    for var in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the test runner sets the latter for Playwright
        env.pop(var, None)
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/deadline/?year=%00", "/zhaocuo/?q=a%00b", "/gk/?%00=1", "/track/%00/"])
def test_a_nul_character_in_the_path_or_query_is_a_400_in_chinese(client, url):
    """PostgreSQL refuses NUL in any text parameter; a view that looked a query parameter up gave 500."""
    response = client.get(url)
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()
