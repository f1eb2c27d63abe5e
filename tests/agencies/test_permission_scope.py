"""Object-level scoping: own agency for 经办人/审核人/负责人, the whole government for 主管部门,
everything for 系统管理员; other agencies' objects are 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import (
    Perm,
    agencies_for,
    authorize,
    get_object,
    has_perm,
    scoped,
)
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record_event
from permissions import assert_no_access


def _slugs(qs):
    return set(qs.values_list("slug", flat=True))


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_handler_reads_only_its_own_agency(cast):
    assert _slugs(agencies_for(cast.handler_a, Perm.AGENCY_READ)) == {"dept-a"}
    assert has_perm(cast.handler_a, Perm.CASE_HANDLE, cast.dept_a)
    assert not has_perm(cast.handler_a, Perm.CASE_HANDLE, cast.dept_b)
    assert not has_perm(cast.handler_a, Perm.CASE_HANDLE, cast.sub_a)  # 下属机构 is another agency


def test_a_supervisor_sees_the_agencies_below_its_government_and_nothing_else(cast):
    seen = _slugs(agencies_for(cast.supervisor, Perm.AGENCY_READ))
    assert seen == {"gov", "office", "dept-a", "dept-b", "sub-a"}
    assert _slugs(agencies_for(cast.other_supervisor, Perm.AGENCY_READ)) == {"other-gov", "other-office"}
    assert not has_perm(cast.supervisor, Perm.AGENCY_READ, cast.other_gov)


def test_a_supervisor_never_gets_applicants_personal_data(cast):
    assert not has_perm(cast.supervisor, Perm.CASE_VIEW)
    assert _slugs(agencies_for(cast.supervisor, Perm.CASE_VIEW)) == set()
    assert has_perm(cast.supervisor, Perm.CASE_STATS, cast.dept_b)


def test_an_administrator_sees_everything(cast):
    assert _slugs(agencies_for(cast.admin, Perm.CASE_VIEW)) == set(Agency.objects.values_list("slug", flat=True))


def test_anonymous_inactive_and_public_users_hold_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    cast.handler_a.is_active = False
    for user in (AnonymousUser(), cast.handler_a, cast.public):
        assert not has_perm(user, Perm.AGENCY_READ)
        assert not has_perm(user, Perm.AGENCY_READ, cast.dept_a)
        assert not agencies_for(user, Perm.AGENCY_READ).exists()


def test_scoped_filters_any_queryset_by_its_agency(cast):
    a = record_event(cast.admin, "agency.updated", cast.dept_a)
    b = record_event(cast.admin, "agency.updated", cast.dept_b)
    none = record_event(cast.admin, "user.updated")
    assert set(scoped(cast.head_a, Perm.AUDIT_VIEW, AuditEvent.objects.all())) == {a}
    assert set(scoped(cast.supervisor, Perm.AUDIT_VIEW, AuditEvent.objects.all())) == {a, b}
    assert set(scoped(cast.admin, Perm.AUDIT_VIEW, AuditEvent.objects.all())) == {a, b, none}
    assert _slugs(scoped(cast.handler_a, Perm.AGENCY_READ, Agency.objects.all())) == {"dept-a"}


def test_get_object_gives_404_outside_the_scope_and_403_without_the_permission(cast):
    event_b = record_event(cast.admin, "agency.updated", cast.dept_b)
    with pytest.raises(Http404):
        get_object(_request(cast.head_a), Perm.AUDIT_VIEW, AuditEvent.objects.all(), pk=event_b.pk)
    with pytest.raises(PermissionDenied):
        get_object(_request(cast.handler_a), Perm.AUDIT_VIEW, AuditEvent.objects.all(), pk=event_b.pk)
    with pytest.raises(Http404):  # malformed lookups are "not found", not a traceback
        get_object(_request(cast.head_a), Perm.AUDIT_VIEW, AuditEvent.objects.all(), pk="abc")
    assert get_object(_request(cast.supervisor), Perm.AUDIT_VIEW, AuditEvent.objects.all(), pk=event_b.pk) == event_b


def test_authorize_distinguishes_hidden_objects_from_missing_permissions(cast):
    event_a = record_event(cast.admin, "agency.updated", cast.dept_a)
    event_b = record_event(cast.admin, "agency.updated", cast.dept_b)
    orphan = record_event(cast.admin, "user.updated")
    authorize(_request(cast.head_a), Perm.AUDIT_VIEW, event_a)
    with pytest.raises(Http404):
        authorize(_request(cast.head_a), Perm.AUDIT_VIEW, event_b)
    with pytest.raises(Http404):  # an object without agency belongs to no one's scope but the admin's
        authorize(_request(cast.head_a), Perm.AUDIT_VIEW, orphan)
    authorize(_request(cast.admin), Perm.AUDIT_VIEW, orphan)
    with pytest.raises(PermissionDenied):
        authorize(_request(cast.handler_a), Perm.AUDIT_VIEW, event_a)
    with pytest.raises(PermissionDenied):
        authorize(_request(cast.head_a), Perm.AUDIT_VIEW, cast.dept_b)


def test_a_handler_of_agency_a_gets_404_or_403_for_every_page_of_agency_b(client, cast):
    event_b = record_event(cast.admin, "agency.updated", cast.dept_b, details={"secret": "乙机关的秘密"})
    urls = [
        f"/staff/agencies/{cast.dept_b.slug}/",
        f"/staff/agencies/{cast.dept_b.slug}/edit/",
        f"/staff/audit/{event_b.pk}/",
        "/admin/agencies/agency/",
        f"/admin/agencies/agency/{cast.dept_b.pk}/change/",
        f"/admin/audit/auditevent/{event_b.pk}/change/",
    ]
    for user in (cast.handler_a, cast.reviewer_a, cast.head_a):
        assert_no_access(client, user, urls, secrets=["乙机关的秘密"])
    assert_no_access(client, cast.other_supervisor, urls, secrets=["乙机关的秘密"])
    assert_no_access(client, None, urls, secrets=["乙机关的秘密"])


def test_the_helper_itself_fails_when_access_is_granted(client, cast):
    with pytest.raises(AssertionError, match="dept-a"):
        assert_no_access(client, cast.handler_a, [f"/staff/agencies/{cast.dept_a.slug}/"], methods=["get"])
