"""The Django admin is for 系统管理员 only; is_staff follows the role; admin saves are audited."""

import pytest

from gongkai.agencies.models import Agency, Role, RoleAssignment, User
from gongkai.agencies.services import sync_staff_flag
from gongkai.audit.models import AuditEvent


def test_only_administrators_enter_the_admin(client, cast):
    for user in (cast.handler_a, cast.reviewer_a, cast.head_a, cast.supervisor, cast.public):
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 403, user.username
        assert "系统管理仅限系统管理员使用" in response.content.decode()
    client.force_login(cast.admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/agencies/agency/").status_code == 200


def test_anonymous_visitors_are_sent_to_the_staff_login(client):
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/agencies/agency/")
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_is_staff_alone_does_not_open_the_admin(client, cast):
    User.objects.filter(pk=cast.handler_a.pk).update(is_staff=True)
    client.force_login(User.objects.get(pk=cast.handler_a.pk))
    assert client.get("/admin/").status_code == 403


def test_is_staff_is_derived_from_the_administrator_role(cast):
    sync_staff_flag(cast.admin)
    sync_staff_flag(cast.handler_a)
    assert User.objects.get(pk=cast.admin.pk).is_staff
    assert not User.objects.get(pk=cast.handler_a.pk).is_staff


def test_an_administrator_adds_a_user_with_roles_through_the_admin(client, cast):
    client.force_login(cast.admin)
    response = client.post("/admin/agencies/user/add/", {
        "username": "new_handler", "full_name": "新经办", "agency": cast.dept_a.pk,
        "password1": "Ab3-long-password", "password2": "Ab3-long-password",
        "role_assignments-TOTAL_FORMS": "1", "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-0-role": "handler",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new_handler")
    assert user.roles == {Role.HANDLER} and not user.is_staff
    actions = set(AuditEvent.objects.for_object(user).values_list("action", flat=True))
    assert actions == {"user.created", "user.roles_changed"}


def test_the_admin_refuses_a_supervisor_role_outside_an_office(client, cast):
    client.force_login(cast.admin)
    user = cast.handler_a
    data = {
        "username": user.username, "full_name": "张经办", "agency": cast.dept_a.pk, "is_active": "on",
        "role_assignments-TOTAL_FORMS": "2", "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-0-id": user.role_assignments.get().pk, "role_assignments-0-user": user.pk,
        "role_assignments-0-role": "handler",
        "role_assignments-1-role": "supervisor", "role_assignments-1-user": user.pk,
    }
    response = client.post(f"/admin/agencies/user/{user.pk}/change/", data)
    assert response.status_code == 200
    assert "「主管部门」角色只能授予" in response.content.decode()
    assert set(user.role_assignments.values_list("role", flat=True)) == {"handler"}


def test_granting_the_administrator_role_in_the_admin_sets_is_staff(client, cast):
    client.force_login(cast.admin)
    user = cast.supervisor
    response = client.post(f"/admin/agencies/user/{user.pk}/change/", {
        "username": user.username, "full_name": "钱主管", "agency": cast.office.pk, "is_active": "on",
        "role_assignments-TOTAL_FORMS": "2", "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-0-id": user.role_assignments.get().pk, "role_assignments-0-user": user.pk,
        "role_assignments-0-role": "supervisor",
        "role_assignments-1-role": "admin", "role_assignments-1-user": user.pk,
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(pk=user.pk)
    assert user.is_staff and user.roles == {Role.SUPERVISOR, Role.ADMIN}
    event = AuditEvent.objects.get(action="user.roles_changed")
    assert event.details == {"before": ["supervisor"], "after": ["admin", "supervisor"]}


def test_agency_changes_in_the_admin_are_audited_and_nothing_can_be_deleted(client, cast):
    client.force_login(cast.admin)
    data = {
        "name": cast.dept_b.name, "short_name": "区教委", "slug": cast.dept_b.slug, "kind": "department",
        "parent": cast.gov.pk, "uscc": cast.dept_b.uscc, "is_active": "on", "phone": "010-69850000",
    }
    response = client.post(f"/admin/agencies/agency/{cast.dept_b.pk}/change/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="agency.updated")
    assert event.details["changed"]["phone"] == ["", "010-69850000"]
    assert client.post(f"/admin/agencies/agency/{cast.dept_b.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/agencies/user/{cast.handler_b.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Agency.objects.filter(pk=cast.dept_b.pk).exists()


@pytest.mark.parametrize("role", [Role.HANDLER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR])
def test_agency_roles_need_an_agency(cast, role):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        RoleAssignment(user=cast.public, role=role).clean()
    assert "须先为用户指定所属机关" in exc.value.message_dict["role"][0]
