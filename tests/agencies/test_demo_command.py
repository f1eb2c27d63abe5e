"""`gongkai demo`: the demo government, its departments and a user for every role; idempotent."""

import datetime as dt
import importlib.machinery
import io
import re
import sys
import types

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from gongkai.agencies.management.commands import demo as demo_command
from gongkai.agencies.models import Agency, AgencyKind, Role, User
from gongkai.audit.models import AuditEvent
from gongkai.core import codes

SLUGS = {"mtg", "mtg-office", "mtg-kxj", "mtg-jw", "mtg-czj", "mtg-sthjj"}
USERS = {"kxj_handler": Role.HANDLER, "kxj_reviewer": Role.REVIEWER, "kxj_head": Role.HEAD,
         "jw_handler": Role.HANDLER, "supervisor": Role.SUPERVISOR, "admin": Role.ADMIN}
GUIDE = ("disclosure_office", "address", "postcode", "office_hours", "phone", "fax", "email", "website")


def _run(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def agencies_only(monkeypatch):
    monkeypatch.setattr(demo_command, "DEMO_APPS", ())


@pytest.mark.django_db
def test_it_creates_the_demo_government_and_departments(agencies_only):
    _run()
    assert set(Agency.objects.values_list("slug", flat=True)) == SLUGS
    gov = Agency.objects.get(slug="mtg")
    assert gov.name == "北京市门头沟区人民政府" and gov.kind == AgencyKind.GOVERNMENT
    office = Agency.objects.get(slug="mtg-office")
    assert office.kind == AgencyKind.OFFICE and office.parent == gov
    assert Agency.objects.get(slug="mtg-kxj").name == "北京市门头沟区科学技术和信息化局"
    for agency in Agency.objects.all():
        agency.full_clean()  # hierarchy and codes are valid
        assert codes.check_uscc(agency.uscc) is None
        assert agency.uscc[2:8] == "110109"  # 门头沟区
        assert all(getattr(agency, f) for f in GUIDE), agency  # every 第十二条 fact is filled in


@pytest.mark.django_db
def test_it_creates_a_user_for_every_role_and_prints_each_password_once(agencies_only):
    output = _run()
    for username, role in USERS.items():
        user = User.objects.get(username=username)
        assert user.roles == {role}
        password = re.search(rf"^\s+{username}\s+(\S+)", output, re.M).group(1)
        assert user.check_password(password), username
        assert user.password.startswith("md5$")  # hashed (test settings use the fast hasher)
    assert User.objects.get(username="kxj_handler").agency.slug == "mtg-kxj"
    assert User.objects.get(username="supervisor").agency.slug == "mtg-office"
    assert User.objects.get(username="admin").is_staff
    assert not User.objects.get(username="kxj_head").is_staff
    assert "密码只显示这一次" in output


@pytest.mark.django_db
def test_a_second_run_changes_nothing(agencies_only):
    first = _run()
    counts = [m.objects.count() for m in (Agency, User, AuditEvent)]
    hashes = dict(User.objects.values_list("username", "password"))
    second = _run()
    assert [m.objects.count() for m in (Agency, User, AuditEvent)] == counts
    assert dict(User.objects.values_list("username", "password")) == hashes
    assert "机关已存在：北京市门头沟区科学技术和信息化局" in second
    assert "演示用户均已存在，密码未改动" in second
    assert not any(line.split()[1:2] and line.split()[1] in first for line in second.splitlines()
                   if line.startswith("  "))


@pytest.mark.django_db
def test_it_hands_a_context_to_every_app_loader_in_order_and_reports_failures(monkeypatch):
    calls = []

    def fake_app(name, load):
        module = types.ModuleType(f"gongkai.{name}.demo")
        module.__spec__ = importlib.machinery.ModuleSpec(module.__name__, None)
        module.load = load
        monkeypatch.setitem(sys.modules, module.__name__, module)

    def good(ctx):
        calls.append(("good", set(ctx.agencies), set(ctx.users), ctx.today))
        ctx.log("演示：good 已载入")

    def broken(ctx):
        Agency.objects.filter(slug="mtg-czj").update(short_name="改坏了")  # rolled back
        raise RuntimeError("boom")

    def after(ctx):
        calls.append(("after",))

    fake_app("fake_good", good)
    fake_app("fake_broken", broken)
    fake_app("fake_after", after)
    monkeypatch.setattr(demo_command, "DEMO_APPS", ("fake_good", "fake_missing", "fake_broken", "fake_after"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="fake_broken"):
        call_command("demo", "--today", "2025-03-04", stdout=out, stderr=out)
    assert calls[0] == ("good", SLUGS, set(USERS), dt.date(2025, 3, 4))
    assert calls[1] == ("after",)
    assert "演示：good 已载入" in out.getvalue() and "RuntimeError('boom')" in out.getvalue()
    assert Agency.objects.get(slug="mtg-czj").short_name == "区财政局"
    assert User.objects.count() == len(USERS)  # the agencies' part committed


@pytest.mark.django_db
def test_the_whole_demo_with_every_app_is_idempotent():
    """Runs the real loaders of every app that has one: a second run must not add or change rows."""
    _run()
    models = [m for m in apps.get_models() if m.__module__.startswith("gongkai.")]
    before = {m._meta.label: m.objects.count() for m in models}
    _run()
    assert {m._meta.label: m.objects.count() for m in models} == before
