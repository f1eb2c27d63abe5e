"""Shared machinery of the case actions (`gongkai.cases.actions.*`).

Each service function:

- runs in `transaction.atomic`;
- takes the case's `version` the caller saw (`expected_version`) and bumps it with
  `UPDATE … WHERE version = n`, so that two staff acting on the same case at once cannot both
  succeed (the loser gets `ConcurrentUpdate`, a Chinese message, and nothing is half-written);
- appends a timeline entry (`CaseEvent`) and an audit event (`record_event`);
- recomputes the statutory clock through the law engine (`cases.clock`).

Business-rule violations raise `CaseError` (a `gongkai.errors.ServiceError`) with a Chinese message for
the form that called it.

Every action takes the case first and the acting user keyword-only: `fn(case, *, acting_user, …)`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.services import record_event
from gongkai.errors import ServiceError
from gongkai.uploads import content_type_for
from gongkai.yearlocks.locks import YearLocked, assert_year_unlocked

from .. import clock
from ..documents.templates import d
from ..models import (
    Application,
    Attachment,
    CaseEvent,
    Counter,
    Document,
    EventKind,
)


class CaseError(ServiceError):
    """A rule of the 依申请公开 workflow forbids the action."""


class ConcurrentUpdate(CaseError):
    def __init__(self):
        super().__init__("该申请刚刚已被其他人修改（可能有同事正在同时办理），您的操作未保存。请刷新页面查看最新情况后重试。")


@dataclass
class Done:
    case: Application
    document: Document | None = None
    obj: object = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self):
        # A notice held for an unknown statutory date (documents.issuing, 「待出具」) says so first.
        held = getattr(self.case, "held_messages", None)
        if held:
            self.warnings = [*held, *self.warnings]
            self.case.held_messages = []


@dataclass
class Submitted:
    case: Application
    tracking_code: str  # shown once; only its hash is stored
    factor_hint: str  # what the status page asks for besides the code
    pin: str = ""  # the PIN, when the applicant gave no phone number

    @property
    def warnings(self) -> list[str]:
        """E.g. the 受理回执 held for an unknown statutory date (「待出具」)."""
        return list(getattr(self.case, "held_messages", []) or [])




# -- small helpers ------------------------------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate()


def lock(case: Application, expected_version: int | None) -> Application:
    """Optimistic concurrency: bump the version only if nobody else did since the caller read it."""
    expected = case.version if expected_version is None else int(expected_version)
    bumped = Application.objects.filter(pk=case.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if bumped != 1:
        raise ConcurrentUpdate()
    return Application.objects.select_related("agency", "handler").get(pk=case.pk)


def case_service(fn):
    """After a successful call, the caller's `case` object shows the new state (and version), so a
    caller can go on using it; a failed call leaves it untouched."""

    @functools.wraps(fn)
    def wrapper(case, *args, **kwargs):
        result = fn(case, *args, **kwargs)
        if isinstance(case, Application) and case.pk:
            case.refresh_from_db()
        return result

    return wrapper


def require(acting_user, perm: Perm, case: Application, what: str) -> None:
    if acting_user is None or not has_perm(acting_user, perm, case.agency):
        raise CaseError(f"您没有{what}的权限。")


def require_status(case: Application, *allowed: str, action: str) -> None:
    if case.status not in allowed:
        raise CaseError(f"申请当前状态为「{case.get_status_display()}」，不能{action}。")


def check_on(case: Application, on: dt.date | None, label: str = "日期", *, not_before: dt.date | None = None) -> dt.date:
    on = on or today()
    if on > today():
        raise CaseError(f"{label}不能晚于今天。", "on")
    floor = not_before or case.received_on
    if floor and on < floor:
        raise CaseError(f"{label}（{d(on)}）不能早于{d(floor)}。", "on")
    return on


def add_event(case: Application, event_kind: str, on: dt.date, acting_user, text: str = "", **data) -> CaseEvent:
    # Every clock event goes through here, and table 三 of year Y counts only events dated in Y
    # (receipt, results, carry-over as of 31 Dec): refusing events dated in a locked year is
    # exactly what keeps a submitted report's figures fixed (issue 7, gongkai.yearlocks).
    try:
        assert_year_unlocked(case.agency, on)
    except YearLocked as exc:
        raise CaseError(exc.messages[0], "on") from None
    return CaseEvent.objects.create(
        case=case, kind=event_kind, on=on, actor=acting_user if is_user(acting_user) else None, text=text, data=data
    )


def is_user(acting_user) -> bool:
    return acting_user is not None and getattr(acting_user, "is_authenticated", False)


def audit(acting_user, action: str, case: Application, **details) -> None:
    record_event(acting_user, f"case.{action}", case, details={"number": case.number, **details})


def refresh_clock(case: Application) -> list[str]:
    """Recompute the stored clock; returns the engine's warnings (Chinese). The full result (its
    `deadlines`: 补正告知, 征求意见, 缴费 …) is left on `case.clock_result`."""
    result = clock.refresh(case)
    case.clock_result = result
    if case.clock_unknown_year:
        year = getattr(result, "unknown_year", None)
        guess = f"，暂按法定节假日预计为{d(case.provisional_due)}（期限待定，不写入文书）" if case.provisional_due else ""
        return [f"工作日历尚未录入{year or '相关'}年的节假日安排，答复期限无法确定{guess}；"
                f"需写明该日期的文书将暂缓出具，请系统管理员录入后自动出具。"]
    return list(getattr(result, "warnings", []) or [])


def next_seq(agency, year: int, series: str) -> int:
    """Allocate the next number of a series under a row lock (no gaps from races, no duplicates)."""
    try:
        with transaction.atomic():
            Counter.objects.get_or_create(agency=agency, year=year, series=series)
    except IntegrityError:  # created concurrently by someone else: fine
        pass
    Counter.objects.filter(agency=agency, year=year, series=series).update(last=F("last") + 1)
    return Counter.objects.select_for_update().get(agency=agency, year=year, series=series).last



def last_event(case: Application, kind: str) -> CaseEvent | None:
    return case.events.filter(kind=kind).order_by("-on", "-id").first()




def correction_deadline(case: Application) -> dt.date | None:
    ev = last_event(case, EventKind.CORRECTION_REQUESTED)
    return dt.date.fromisoformat(ev.data["deadline"]) if ev else None




def save_files(case: Application, files, role: str, acting_user) -> list[Attachment]:
    saved = []
    for f in files or ():
        name = getattr(f, "name", "附件")
        att = Attachment(
            case=case, role=role, original_name=name[:200],
            content_type=content_type_for(name), size=f.size,
            uploaded_by=acting_user if is_user(acting_user) else None,
        )
        att.file.save(f.name, f, save=False)
        att.save()
        saved.append(att)
    return saved


