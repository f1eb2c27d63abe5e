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
import functools
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
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
    return {role for role in getattr(user, "roles", ()) if perm in ROLE_PERMISSIONS.get(role, ())}


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def agency_scope(user, perm: Perm) -> Q | None:
    """A Q on Agency for the agencies where `user` holds `perm`; None means "all agencies"."""
    if not _active(user):
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


_ANY = object()


def has_perm(user, perm: Perm, agency: Agency | None | object = _ANY) -> bool:
    """Whether `user` holds `perm` at all (no agency given) or for `agency`.

    `agency=None` means an object that belongs to no agency: only system-wide users (系统管理员)
    may act on it.
    """
    if not _active(user):
        return False
    roles = _roles_granting(user, perm)
    if user.is_superuser or Role.ADMIN in roles:
        return True
    if not roles or user.agency_id is None:
        return False
    if agency is _ANY:
        return True  # no query: navigation asks this for every menu entry
    if agency is None:
        return False
    if agency.pk == user.agency_id:
        return True
    return Agency.objects.filter(agency_scope(user, perm), pk=agency.pk).exists()


def agencies_for(user, perm: Perm) -> QuerySet[Agency]:
    """The agencies where `user` holds `perm` (all of them for 系统管理员)."""
    scope = agency_scope(user, perm)
    return Agency.objects.all() if scope is None else Agency.objects.filter(scope)


def _agency_field_for(queryset: QuerySet, agency_field: str) -> str:
    # An Agency queryset is scoped by the agencies themselves.
    return "pk" if queryset.model is Agency and agency_field == "agency" else agency_field


def scoped(user, perm: Perm, queryset: QuerySet, agency_field: str = "agency") -> QuerySet:
    """Restrict `queryset` to the objects whose agency lies in the user's scope for `perm`.

    Objects whose agency is empty stay visible only to system-wide users (系统管理员).
    """
    scope = agency_scope(user, perm)
    if scope is None:
        return queryset
    field = _agency_field_for(queryset, agency_field)
    if user.agency_id is not None and scope == Q(pk=user.agency_id):
        # the usual case, one's own agency: a plain comparison (a subquery costs more to build than to run)
        return queryset.filter(**{field: user.agency_id})
    return queryset.filter(**{f"{field}__in": Agency.objects.filter(scope).values("pk")})


def authorize(request, perm: Perm, target: Model | Agency | None = None, agency_field: str = "agency") -> None:
    """Raise unless the request's user holds `perm` (for `target`: an agency or an object with one).

    Objects out of scope raise Http404 (not PermissionDenied) so their existence stays private;
    lacking the permission altogether, or an agency out of scope, raises PermissionDenied (403).
    """
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("请先登录。")
    if target is None:
        agency = _ANY
    elif isinstance(target, Agency):
        agency = target
    else:
        agency = _agency_of(target, agency_field)
    if has_perm(user, perm, agency):
        return
    if target is not None and not isinstance(target, Agency) and has_perm(user, perm):
        raise Http404("未找到。")
    raise PermissionDenied("您没有执行此操作的权限。")


def get_object(request, perm: Perm | tuple[Perm, ...], queryset: QuerySet, agency_field: str = "agency",
               **lookup: Any):
    """Fetch one object the user may act on with `perm` (or with any of several), or 404.

    Without the permission at all the answer is 403; with it, an object of another agency is 404.
    """
    user = request.user
    perms = perm if isinstance(perm, tuple) else (perm,)
    if not user.is_authenticated:
        raise PermissionDenied("请先登录。")
    if not any(has_perm(user, p) for p in perms):
        raise PermissionDenied("您没有执行此操作的权限。")
    if len(perms) > 1:
        allowed = queryset.none()
        for p in perms:
            allowed = allowed | scoped(user, p, queryset.model.objects.all(), agency_field)
        queryset = queryset.filter(pk__in=allowed.values("pk"))
    else:
        queryset = scoped(user, perms[0], queryset, agency_field)
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, queryset.model.MultipleObjectsReturned, ValueError, TypeError,
            ValidationError):
        raise Http404("未找到。") from None


def require_perm(*perms: Perm):
    """View decorator: the user must be logged in and hold `perm` (any one of `perms`) somewhere
    (else login / 403)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(has_perm(request.user, perm) for perm in perms):
                raise PermissionDenied("您没有执行此操作的权限。")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _agency_of(obj: Model, agency_field: str) -> Agency | None:
    value: Any = obj
    for part in agency_field.split("__"):
        value = getattr(value, part, None)
    return value
