"""Staff accounts through the services: roles validated, changes audited, passwords hashed."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Role
from gongkai.agencies.services import change_password, create_staff_user, set_user_roles
from gongkai.audit.models import AuditEvent


def test_create_staff_user_returns_a_working_password_and_logs_no_secret(cast):
    user, password = create_staff_user(acting_user=cast.admin, username="li", agency=cast.dept_a, roles=[Role.HANDLER])
    assert user.check_password(password) and len(password) >= 16
    event = AuditEvent.objects.get(action="user.created")
    assert password not in str(event.details) and event.details["roles"] == ["handler"]


def test_the_supervisor_role_belongs_to_a_government_or_its_office(cast):
    with pytest.raises(ValidationError) as exc:
        set_user_roles(cast.handler_a, [Role.HANDLER, Role.SUPERVISOR], acting_user=cast.admin)
    assert "主管部门" in str(exc.value)
    set_user_roles(cast.handler_b, [], acting_user=cast.admin)
    assert cast.handler_b.roles == frozenset()


def test_role_changes_are_audited_and_take_effect_at_once(cast):
    from gongkai.agencies.permissions import Perm, has_perm

    assert not has_perm(cast.handler_a, Perm.CASE_APPROVE)
    set_user_roles(cast.handler_a, [Role.HANDLER, Role.HEAD], acting_user=cast.admin)
    assert has_perm(cast.handler_a, Perm.CASE_APPROVE, cast.dept_a)
    event = AuditEvent.objects.get(action="user.roles_changed")
    assert event.details == {"before": ["handler"], "after": ["handler", "head"]}
    set_user_roles(cast.handler_a, [Role.HEAD, Role.HANDLER], acting_user=cast.admin)  # no change, no event
    assert AuditEvent.objects.filter(action="user.roles_changed").count() == 1


def test_self_service_password_change_is_audited(client, cast):
    client.force_login(cast.handler_a)
    response = client.post("/accounts/password/", {
        "old_password": "test-pass-123", "new_password1": "Quite-long-new-pass-9", "new_password2": "Quite-long-new-pass-9",
    })
    assert response.status_code == 302
    cast.handler_a.refresh_from_db()
    assert cast.handler_a.check_password("Quite-long-new-pass-9")
    assert AuditEvent.objects.filter(action="user.password_changed", actor=cast.handler_a).exists()
    # Still logged in (session hash updated).
    assert client.get("/staff/").status_code == 200


def test_a_weak_new_password_is_refused_in_chinese(client, cast):
    client.force_login(cast.handler_a)
    response = client.post("/accounts/password/", {
        "old_password": "test-pass-123", "new_password1": "12345678", "new_password2": "12345678",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "密码" in body and ("太短" in body or "过短" in body or "常见" in body)


def test_change_password_by_an_administrator_is_logged_as_set(cast):
    change_password(cast.handler_b, "Another-long-pass-1", acting_user=cast.admin)
    assert AuditEvent.objects.get(action="user.password_set").actor == cast.admin
