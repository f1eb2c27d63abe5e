"""State changes of agencies and staff accounts. Each one is atomic and leaves an audit event."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from gongkai.audit.services import record_event

from .models import Agency, Role, RoleAssignment, User

#: The 第十二条 facts of the 政府信息公开指南 that agency staff may keep up to date.
GUIDE_FIELDS = (
    "disclosure_office", "address", "postcode", "office_hours", "phone", "fax", "email", "website",
)
#: Every field an administrator may set on an agency.
AGENCY_FIELDS = (
    "name", "short_name", "slug", "kind", "parent", "uscc", "org_code", *GUIDE_FIELDS,
    "review_body", "court", "doc_prefix", "is_active",
)


def _value(value: Any) -> Any:
    return value.pk if isinstance(value, Agency) else value


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _snapshot(agency: Agency, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _value(getattr(agency, f if f != "parent" else "parent_id")) for f in fields}


@transaction.atomic
def create_agency(*, acting_user, actor_label: str | None = None, request=None, **fields: Any) -> Agency:
    """Create an agency after full validation (codes, hierarchy)."""
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    agency = Agency(**fields)
    agency.full_clean()
    agency.save()
    record_event(
        acting_user, "agency.created", agency, request=request, actor_label=actor_label,
        details={"fields": _snapshot(agency, fields)},
    )
    return agency


@transaction.atomic
def update_agency(agency: Agency, changes: dict[str, Any], *, acting_user, request=None) -> Agency:
    """Change some fields of `agency`; records which fields changed (old and new values)."""
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = _snapshot(agency, changes)
    for field, value in changes.items():
        setattr(agency, field, value)
    agency.full_clean()
    agency.save()
    changed = _diff(before, _snapshot(agency, changes))
    if changed:
        record_event(acting_user, "agency.updated", agency, request=request, details={"changed": changed})
    return agency


@transaction.atomic
def save_agency(agency: Agency, *, acting_user, changed_fields: Iterable[str], request=None) -> Agency:
    """Save an agency edited in the Django admin (already validated by the admin form)."""
    created = agency.pk is None
    before = {} if created else _snapshot(Agency.objects.get(pk=agency.pk), changed_fields)
    agency.save()
    after = _snapshot(agency, changed_fields)
    if created:
        record_event(acting_user, "agency.created", agency, request=request, details={"fields": after})
    elif changed := _diff(before, after):
        record_event(acting_user, "agency.updated", agency, request=request, details={"changed": changed})
    return agency


def generate_password() -> str:
    """A random initial password, easy to type (no 0/O, 1/l/I)."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def sync_staff_flag(user: User) -> None:
    """`is_staff` (Django admin access) belongs to 系统管理员 only; derive it from the roles."""
    user.forget_roles()
    wanted = user.is_superuser or Role.ADMIN in user.roles
    if user.is_staff != wanted:
        user.is_staff = wanted
        User.objects.filter(pk=user.pk).update(is_staff=wanted)


def _check_roles(user: User, roles: Iterable[str]) -> list[str]:
    roles = sorted({Role(r).value for r in roles})
    for role in roles:
        RoleAssignment(user=user, role=role).clean()  # raises ValidationError with a Chinese message
    return roles


@transaction.atomic
def create_staff_user(
    *,
    acting_user, username: str,
    agency: Agency | None,
    roles: Iterable[str],
    password: str | None = None,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    actor_label: str | None = None,
    request=None,
) -> tuple[User, str]:
    """Create a staff account with its roles. Returns the user and the (initial) password."""
    password = password or generate_password()
    user = User(username=username, agency=agency, full_name=full_name, email=email, phone=phone)
    user.full_clean(exclude=["password"])
    user.set_password(password)
    user.save()
    roles = _check_roles(user, roles)
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in roles])
    sync_staff_flag(user)
    record_event(
        acting_user, "user.created", user, agency=agency, request=request, actor_label=actor_label,
        details={"username": username, "roles": roles},
    )
    return user, password


@transaction.atomic
def set_user_roles(user: User, roles: Iterable[str], *, acting_user, request=None) -> User:
    """Replace the roles of `user` (validated: agency roles need an agency, 主管部门 an office)."""
    before = sorted(user.role_assignments.values_list("role", flat=True))
    wanted = _check_roles(user, roles)
    user.role_assignments.exclude(role__in=wanted).delete()
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, role=r) for r in wanted if r not in before]
    )
    sync_staff_flag(user)
    if before != wanted:
        record_event(
            acting_user, "user.roles_changed", user, agency=user.agency, request=request,
            details={"before": before, "after": wanted},
        )
    return user


@transaction.atomic
def save_user(user: User, *, acting_user, changed_fields: Iterable[str], request=None) -> User:
    """Save a user edited in the Django admin (without roles; see `record_roles_changed`)."""
    created = user.pk is None
    user.save()
    changed = sorted(set(changed_fields) - {"password", "password1", "password2"})
    if created or changed:
        record_event(
            acting_user, "user.created" if created else "user.updated", user, agency=user.agency,
            request=request, details={"fields": changed},
        )
    return user


@transaction.atomic
def record_roles_changed(user: User, before: Iterable[str], *, acting_user, request=None) -> None:
    """After the admin saved the role inlines: derive is_staff and log the change of roles."""
    sync_staff_flag(user)
    before = sorted(before)
    after = sorted(user.roles)
    if before != after:
        record_event(
            acting_user, "user.roles_changed", user, agency=user.agency, request=request,
            details={"before": before, "after": after},
        )


@transaction.atomic
def change_password(user: User, password: str, *, acting_user, request=None) -> User:
    """Set a new password (already validated by the form). The password itself is never logged."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record_password_changed(user, acting_user=acting_user, request=request)
    return user


@transaction.atomic
def record_password_changed(user: User, *, acting_user, request=None) -> None:
    """Log a password change: by the user (changed) or by an administrator (set)."""
    record_event(
        acting_user, "user.password_changed" if acting_user == user else "user.password_set", user,
        agency=user.agency, request=request,
    )

