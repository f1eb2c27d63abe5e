"""Who may do what with an annual report — the rules of the reports app on top of
`gongkai.agencies.permissions`, used by its views and its services alike."""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import Perm, has_perm

from .models import AnnualReport, ReportKind


def can(user, perm: Perm, obj: AnnualReport) -> bool:
    return has_perm(user, perm, obj.agency)


def can_edit(user, obj: AnnualReport) -> bool:
    # The government's own report is drafted by its 主管部门 (第四十九条第二款).
    perm = Perm.REPORT_SUPERVISE if obj.kind == ReportKind.GOVERNMENT else Perm.REPORT_EDIT
    return can(user, perm, obj)


def can_submit(user, obj: AnnualReport) -> bool:
    perm = Perm.REPORT_SUPERVISE if obj.kind == ReportKind.GOVERNMENT else Perm.REPORT_SUBMIT
    return can(user, perm, obj)


def can_supervise(user, obj: AnnualReport) -> bool:
    return can(user, Perm.REPORT_SUPERVISE, obj)


def can_publish(user, obj: AnnualReport) -> bool:
    return can_supervise(user, obj) or (obj.kind == ReportKind.DEPARTMENT and can(user, Perm.REPORT_SUBMIT, obj))


def is_admin(user) -> bool:
    return user.is_superuser or Role.ADMIN in user.roles
