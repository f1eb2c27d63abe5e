"""Shared fixtures: a small cast of agencies and users (healthchecks' Alice/Bob/Charlie idea).

    区人民政府 (gov)
    ├── 区政务公开办 (office)          supervisor
    ├── 区科信局 (dept_a)              handler_a, reviewer_a, head_a
    │   └── 区科信局信息中心 (sub_a)
    └── 区教委 (dept_b)                handler_b
    市人民政府 (other_gov)             other_supervisor (in 市政府办公室)
"""

import os
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live_server tests

# -- Hypothesis: a suite that cannot go red by chance ---------------------------------------------
# "ci" (the default, locally and in CI): the same examples on every run (derandomize; seeds from
# the test's own source), no example database carried between runs, no wall-clock limits (a loaded
# machine must not fail a test), a failure prints the blob that reproduces it. "long" (the fuzz run,
# HYPOTHESIS_PROFILE=long or --hypothesis-profile=long): random examples (--hypothesis-seed picks
# them), GONGKAI_FUZZ_EXAMPLES of them (default 10 000) in the tests that opt in with
# `fuzzing.examples(n)` — the robustness tests of the report parser and validator.
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "long", derandomize=False, database=None, print_blob=True, deadline=None,
    max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES") or 10_000),
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")

def make_uscc(seed: str) -> str:
    """A valid 统一社会信用代码 built around `seed` (test helper)."""
    import hashlib

    from gongkai.core.codes import org_code_check_char, uscc_check_char

    body8 = str(int(hashlib.sha256(seed.encode()).hexdigest(), 16))[:8]
    org = body8 + org_code_check_char(body8)
    first17 = "11110109" + org
    return first17 + uscc_check_char(first17)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Pages cache what every visitor sees alike (gongkai.publiccache); no test sees another's entries."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db):
    from gongkai.agencies.models import Agency, AgencyKind, Role, RoleAssignment, User

    def agency(key, name, kind, parent=None, **kw):
        return Agency.objects.create(
            name=name, short_name=kw.pop("short", ""), slug=key.replace("_", "-"), kind=kind,
            parent=parent, uscc=make_uscc(key), **kw,
        )

    gov = agency("gov", "北京市门头沟区人民政府", AgencyKind.GOVERNMENT, short="门头沟区政府")
    office = agency("office", "北京市门头沟区人民政府办公室", AgencyKind.OFFICE, gov, short="区政府办")
    dept_a = agency(
        "dept_a", "北京市门头沟区科学技术和信息化局", AgencyKind.DEPARTMENT, gov, short="区科信局",
        doc_prefix="门科信公开",
    )
    dept_b = agency("dept_b", "北京市门头沟区教育委员会", AgencyKind.DEPARTMENT, gov, short="区教委")
    sub_a = agency("sub_a", "北京市门头沟区科技信息中心", AgencyKind.SUBORDINATE, dept_a)
    other_gov = agency("other_gov", "北京市房山区人民政府", AgencyKind.GOVERNMENT, short="房山区政府")
    other_office = agency("other_office", "北京市房山区人民政府办公室", AgencyKind.OFFICE, other_gov)

    def user(username, agency, *roles, **kw):
        u = User.objects.create_user(username=username, password="test-pass-123", agency=agency, full_name=kw.get("name", username))
        for role in roles:
            RoleAssignment.objects.create(user=u, role=role)
        return u

    return SimpleNamespace(
        gov=gov, office=office, dept_a=dept_a, dept_b=dept_b, sub_a=sub_a, other_gov=other_gov,
        other_office=other_office,
        handler_a=user("handler_a", dept_a, Role.HANDLER, name="张经办"),
        reviewer_a=user("reviewer_a", dept_a, Role.REVIEWER, name="李审核"),
        head_a=user("head_a", dept_a, Role.HEAD, name="王负责"),
        handler_b=user("handler_b", dept_b, Role.HANDLER, name="赵经办"),
        supervisor=user("supervisor", office, Role.SUPERVISOR, name="钱主管"),
        other_supervisor=user("other_supervisor", other_office, Role.SUPERVISOR, name="孙主管"),
        admin=user("admin", None, Role.ADMIN, name="周管理"),
        public=User.objects.create_user(username="citizen", password="test-pass-123"),
    )


# -- transactional tests keep the rows that data migrations seed ------------------------------------


def pytest_collection_modifyitems(items):
    """Give every transactional test (live_server, transaction=True) a serialized rollback.

    Such tests end with a flush that also deletes rows seeded by data migrations (the national
    working-day calendar of workcal 0002). With serialized rollback pytest-django reloads those rows
    before each transactional test; `./dev test` runs with `--dist load`, so that pytest-django's
    ordering (transactional tests last on each worker) holds under xdist.
    """
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        marker = item.get_closest_marker("django_db")
        by_marker = bool(marker and marker.kwargs.get("transaction"))
        if not (by_marker or "transactional_db" in names or "live_server" in names):
            continue
        if by_marker and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}))
        if "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Make the serialized test database visible to every connection object.

    Playwright's sync API runs the test in another greenlet, where Django hands out a fresh
    connection object without `_test_serialized_contents`, so serialized rollback silently did
    nothing in browser tests. On the class, the contents are found from any context.
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if contents := getattr(conn, "_test_serialized_contents", None):
            type(conn)._test_serialized_contents = contents
    yield


# -- browser tests (pytest-playwright with Debian's chromium; no browser download) ----------------

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"浏览器测试需要 Chromium：{CHROMIUM} 不存在（Debian: apt-get install chromium）。")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }


@pytest.fixture
def staff_login(live_server, page):
    """Log a user in through the real login form of the live server: `staff_login(user)`."""

    def login(user, password="test-pass-123"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/staff/")
        return page

    return login
