"""The one permission helper every view calls.

Permissions are named (`Perm`), granted by roles (`ROLE_PERMISSIONS`) and scoped by agency:

- 经办人 / 审核人 / 负责人 act on their own agency only;
- 主管部门 reads every agency below its 人民政府 (its own office's government), and never sees
  applicants' personal data (条例 + 个人信息保护法: only the handling agency does);
- 系统管理员 manages everything.

Objects outside a user's scope are reported as "not found" (404), never as "forbidden", so that
staff of one agency cannot even learn which case numbers another agency has.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Agency, Role


class Perm(enum.StrEnum):
    AGENCY_READ = "agency.read"  # see the agency and its figures
    AGENCY_MANAGE = "agency.manage"  # edit agencies and staff
    AUDIT_VIEW = "audit.view"
    CALENDAR_MANAGE = "calendar.manage"
    TEMPLATE_MANAGE = "template.manage"  # notice templates
    CASE_VIEW = "case.view"  # cases with the applicant's personal data
    CASE_HANDLE = "case.handle"  # register, 补正, consult, draft replies
    CASE_REVIEW = "case.review"  # approve a reply before it goes out
    CASE_APPROVE = "case.approve"  # head: extensions, fee notices
    CASE_STATS = "case.stats"  # aggregate figures only, no personal data
    CATALOG_EDIT = "catalog.edit"
    CATALOG_REVIEW = "catalog.review"  # 保密审查
    REMEDY_EDIT = "remedy.edit"  # 复议 / 诉讼 records
    REPORT_EDIT = "report.edit"
    REPORT_SUBMIT = "report.submit"
    REPORT_SUPERVISE = "report.supervise"  # return / approve reports, aggregate, unlock a year


P = Perm
_AGENCY_STAFF = {P.AGENCY_READ, P.CASE_STATS}
ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.HANDLER: frozenset(_AGENCY_STAFF | {P.CASE_VIEW, P.CASE_HANDLE, P.CATALOG_EDIT, P.REMEDY_EDIT, P.REPORT_EDIT}),
    Role.REVIEWER: frozenset(_AGENCY_STAFF | {P.CASE_VIEW, P.CASE_REVIEW, P.CATALOG_REVIEW, P.REPORT_EDIT}),
    Role.HEAD: frozenset(
        _AGENCY_STAFF | {P.CASE_VIEW, P.CASE_APPROVE, P.CASE_REVIEW, P.CATALOG_REVIEW, P.REPORT_EDIT, P.REPORT_SUBMIT, P.AUDIT_VIEW}
    ),
    Role.SUPERVISOR: frozenset(_AGENCY_STAFF | {P.REPORT_SUPERVISE, P.AUDIT_VIEW}),
    Role.ADMIN: frozenset(Perm),
}
del P

# Roles whose permissions reach every agency below the user's government (the others: own agency).
WIDE_ROLES = {Role.SUPERVISOR}


def _roles_granting(user, perm: Perm) -> set[str]:
    return {role for role in user.roles if perm in ROLE_PERMISSIONS.get(role, ())}


def agency_scope(user, perm: Perm) -> Q | None:
    """A Q on Agency for the agencies where `user` holds `perm`; None means "all agencies"."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    roles = _roles_granting(user, perm)
    if user.is_superuser or Role.ADMIN in roles:
        return None
    if not roles or user.agency_id is None:
        return Q(pk__in=[])
    if roles & WIDE_ROLES:
        gov = user.agency.government
        if gov is not None:
            return Q(path__startswith=gov.path)
    return Q(pk=user.agency_id)


def has_perm(user, perm: Perm, agency: Agency | None = None) -> bool:
    """Whether `user` holds `perm` at all (agency=None) or for `agency`."""
    scope = agency_scope(user, perm)
    if scope is None:
        return True
    if not _roles_granting(user, perm) or user.agency_id is None:
        return False
    if agency is None:
        return True
    return Agency.objects.filter(scope, pk=agency.pk).exists()


def agencies_for(user, perm: Perm) -> QuerySet[Agency]:
    scope = agency_scope(user, perm)
    return Agency.objects.all() if scope is None else Agency.objects.filter(scope)


def scoped(user, perm: Perm, queryset: QuerySet, agency_field: str = "agency") -> QuerySet:
    """Restrict `queryset` to the objects whose agency lies in the user's scope for `perm`."""
    scope = agency_scope(user, perm)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{agency_field}__in": Agency.objects.filter(scope).values("pk")})


def authorize(request, perm: Perm, target: Model | Agency | None = None, agency_field: str = "agency") -> None:
    """Raise unless the request's user holds `perm` for `target` (an agency or an object with one).

    Objects out of scope raise Http404 (not PermissionDenied) so their existence stays private.
    """
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("请先登录。")
    agency = target if isinstance(target, Agency) or target is None else _agency_of(target, agency_field)
    if has_perm(user, perm, agency):
        return
    if target is not None and not isinstance(target, Agency):
        raise Http404("未找到。")
    raise PermissionDenied("您没有执行此操作的权限。")


def get_object(request, perm: Perm, queryset: QuerySet, agency_field: str = "agency", **lookup: Any):
    """Fetch one object the user may act on with `perm`, or 404."""
    if not request.user.is_authenticated:
        raise PermissionDenied("请先登录。")
    try:
        return scoped(request.user, perm, queryset, agency_field).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到。") from None


def _agency_of(obj: Model, agency_field: str) -> Agency | None:
    value: Any = obj
    for part in agency_field.split("__"):
        value = getattr(value, part, None)
    return value
