"""State changes of 复议/诉讼 records. Each is atomic and appends an audit event.

A record counts in table 四 of every year from its filing to its decision (reporting.table4_for). A
change that would alter table 四 of a year locked by a submitted annual report is refused (issue 7):
the supervisor must unlock the year first (reports.services.unlock_year).
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.services import record_event
from gongkai.core.vocabulary import RemedyResult
from gongkai.errors import ServiceError
from gongkai.versioning import claim
from gongkai.yearlocks.locks import YearLocked, locked_years

from .models import Remedy, RemedyDocument

EDITABLE_FIELDS = (
    "kind", "review", "applicant_name", "act_known_on", "filed_on", "accepted_on", "body", "case_number",
    "result", "decided_on", "notes",
)
PERSONAL_FIELDS = ("applicant_name",)
LINK_FIELDS = ("case",)  # present once the cases app has its application model


def _check_locks(agency, before: Remedy | None, after: Remedy | None) -> None:
    """Refuse a change that would alter table 四 of a locked year (what a submitted report says)."""
    for year in sorted(locked_years(agency)):
        old = before.contribution(year) if before is not None else None
        new = after.contribution(year) if after is not None else None
        if old != new:
            raise YearLocked(agency, year)


def _changes(before: dict[str, Any], remedy: Remedy) -> dict[str, list[Any]]:
    changed = {}
    for name, old in before.items():
        new = getattr(remedy, name)
        if old != new:
            # The audit log is read by the supervisor too: no applicant names in it.
            changed[name] = ["（已修改）"] if name in PERSONAL_FIELDS else [old, new]
    return changed


def _snapshot(remedy: Remedy, personal: bool = True) -> dict[str, Any]:
    names = [f for f in EDITABLE_FIELDS + LINK_FIELDS if hasattr(remedy, f) and (personal or f not in PERSONAL_FIELDS)]
    return {n: getattr(remedy, n + "_id") if n in ("review", "case") else getattr(remedy, n) for n in names}


def _require(acting_user, agency) -> None:
    """Services check the permission themselves (the views check it too, for the 404/403 of the page)."""
    if not has_perm(acting_user, Perm.REMEDY_EDIT, agency):
        raise ServiceError("您没有办理本机关复议、诉讼记录的权限。")


@transaction.atomic
def record_remedy(agency, *, acting_user, **data: Any) -> Remedy:
    """Register a 行政复议 / 行政诉讼 about `agency`'s disclosure work (条例 第五十一条)."""
    _require(acting_user, agency)
    remedy = Remedy(agency=agency, created_by=acting_user, **data)
    remedy.full_clean()
    _check_locks(agency, None, remedy)
    remedy.save()
    record_event(
        acting_user, "remedy.recorded", remedy,
        details={"kind": remedy.kind, "filed_on": remedy.filed_on, "result": remedy.result},
    )
    return remedy


@transaction.atomic
def update_remedy(remedy: Remedy, *, acting_user, expected_version: int | None = None, **data: Any) -> Remedy:
    """Correct a record. Both the years it counted in before and after the change must be unlocked.
    `expected_version`: the version the editor's page showed (gongkai.versioning; stale → EditConflict)."""
    _require(acting_user, remedy.agency)
    if expected_version is None:
        expected_version = remedy.version
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    claim(remedy, expected_version, what="该复议/诉讼记录")
    original = copy.copy(remedy)
    before = _snapshot(remedy)
    for name, value in data.items():
        if name not in EDITABLE_FIELDS + LINK_FIELDS:
            raise ValueError(f"unknown field {name}")
        setattr(remedy, name, value)
    remedy.full_clean()
    _check_locks(remedy.agency, original, remedy)
    changes = _changes(before, remedy)
    remedy.save()
    if changes:
        record_event(acting_user, "remedy.updated", remedy, details={"changes": changes})
    return remedy


@transaction.atomic
def record_remedy_result(remedy: Remedy, result: str, decided_on, notes: str = "", *, acting_user) -> Remedy:
    """Record the 复议决定 / 判决 (or a withdrawal etc. as 其他结果) and its date."""
    _require(acting_user, remedy.agency)
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    original = copy.copy(remedy)
    before = (remedy.result, remedy.decided_on)
    remedy.result = result
    remedy.decided_on = decided_on if result != RemedyResult.PENDING else None
    if notes:
        remedy.notes = f"{remedy.notes}\n{notes}".strip()
    remedy.full_clean()
    _check_locks(remedy.agency, original, remedy)
    remedy.save()
    record_event(
        acting_user, "remedy.result_recorded", remedy,
        details={"result": [before[0], remedy.result], "decided_on": [before[1], remedy.decided_on]},
    )
    return remedy


@transaction.atomic
def attach_remedy_document(remedy: Remedy, title: str, file, *, acting_user) -> RemedyDocument:
    _require(acting_user, remedy.agency)
    document = RemedyDocument(remedy=remedy, title=title, file=file, uploaded_by=acting_user)
    document.full_clean()
    document.save()
    record_event(acting_user, "remedy.document_attached", remedy, details={"title": title, "file": document.file.name})
    return document


@transaction.atomic
def delete_remedy(remedy: Remedy, reason: str, *, acting_user) -> None:
    """Delete a record entered by mistake; the audit log keeps what it said."""
    _require(acting_user, remedy.agency)
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    _check_locks(remedy.agency, remedy, None)
    record_event(
        acting_user, "remedy.deleted", remedy,
        details={"reason": reason, "record": _snapshot(remedy, personal=False), "documents": list(remedy.documents.values_list("title", flat=True))},
    )
    for document in remedy.documents.all():
        document.file.delete(save=False)
    remedy.delete()


@transaction.atomic
def log_remedy_view(remedy: Remedy, *, acting_user, request=None, document: RemedyDocument | None = None) -> None:
    """Record that `acting_user` saw the record's personal data (architecture rule: every view is logged)."""
    _require(acting_user, remedy.agency)
    details = {"document": document.title} if document is not None else {}
    record_event(acting_user, "remedy.viewed", remedy, details=details, request=request)
