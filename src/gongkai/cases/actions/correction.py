"""补正 (条例第三十条).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.core.law.calendar import UnknownCalendarYear
from gongkai.core.vocabulary import Outcome

from .. import clock
from ..documents.issuing import issue
from ..documents.templates import d
from ..models import (
    Application,
    AttachmentRole,
    DocKind,
    EventKind,
    Status,
)
from .base import (
    CaseError,
    Done,
    add_event,
    audit,
    case_service,
    check_on,
    correction_deadline,
    last_event,
    lock,
    refresh_clock,
    require,
    require_status,
    save_files,
)
from .closing import close_case


def correction_days() -> int:
    """The 补正期限 the form suggests, in working days (settings.GONGKAI_LAW["CORRECTION_WORKING_DAYS"])."""
    return int(settings.GONGKAI_LAW.get("CORRECTION_WORKING_DAYS", 15))


def suggested_deadline(case: Application, on: dt.date) -> tuple[dt.date | None, str]:
    """The default 补正期限 for a notice dated `on`, and the words that explain it.

    条例第三十条 asks for 「合理的补正期限」 and sets no number; the project's default is a number of
    working days counted from the day after the notice (docs/law.md §9.5). When that day falls in a year
    whose 节假日安排 is not entered, nothing is suggested (a guessed date must not reach a notice)."""
    n = correction_days()
    basis = (f"建议补正期限：自告知日期次日起{n}个工作日（条例第三十条要求「合理的补正期限」，"
             f"本系统默认{n}个工作日，可由 GONGKAI_CORRECTION_DAYS 设置；个案可以调整）。")
    try:
        return clock.get_calendar(case.agency).add_working_days(on, n), basis
    except UnknownCalendarYear as exc:
        return None, f"{basis}该日期落在{exc.year}年，该年节假日安排尚未录入，请手工填写。"


@case_service
def request_correction(
    case: Application, *, acting_user, items: list[str], deadline: dt.date, on: dt.date | None = None, expected_version=None
) -> Done:
    """补正告知: once (一次性), within 7 working days of receipt, with a reasonable deadline (第三十条)."""
    require(acting_user, Perm.CASE_HANDLE, case, "发出补正告知")
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise CaseError("请逐项写明需要补正的事项（第三十条：说明需要补正的事项）。", "items")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.OPEN, action="发出补正告知")
        if last_event(case, EventKind.CORRECTION_REQUESTED):
            raise CaseError("补正告知只能一次性发出（第三十条），本申请已经告知过补正。")
        on = check_on(case, on, "告知日期")
        if deadline <= on:
            raise CaseError("补正期限须晚于告知日期（第三十条：合理的补正期限）。", "deadline")
        # 第三十条: 自收到申请之日起7个工作日内一次性告知. A late notice still goes out; the law engine
        # gives the limit and words the warning.
        before = clock.compute(case)
        limit = before.deadlines.get("correction_notice") if before else None
        late = bool(limit and on > limit)
        add_event(case, EventKind.CORRECTION_REQUESTED, on, acting_user, "一次性告知补正事项：" + "；".join(items),
               items=items, deadline=deadline.isoformat(), late=late)
        case.status = Status.CORRECTION
        case.save(update_fields=["status"])
        warnings = refresh_clock(case)
        audit(acting_user, "correction_requested", case, items=items, deadline=deadline, late=late)
        doc = issue(case, DocKind.CORRECTION, on, acting_user=acting_user, correction_items=items, correction_deadline=d(deadline))
    return Done(case, doc, warnings=warnings)




@case_service
def receive_correction(
    case: Application, *, acting_user, on: dt.date | None = None, note: str = "", files=(), expected_version=None
) -> Done:
    """收到补正: the 20-working-day clock restarts from this day (第三十条)."""
    require(acting_user, Perm.CASE_HANDLE, case, "登记补正")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.CORRECTION, action="登记补正")
        requested = last_event(case, EventKind.CORRECTION_REQUESTED)
        on = check_on(case, on, "收到补正日期", not_before=requested.on)
        warnings = []
        deadline = correction_deadline(case)
        if deadline and on > deadline:
            warnings.append(f"补正在期限（{d(deadline)}）届满后收到；已按有正当理由的补正登记。")
        save_files(case, files, AttachmentRole.CORRECTION, acting_user)
        add_event(case, EventKind.CORRECTION_RECEIVED, on, acting_user, ("收到补正后的申请。" + note).strip(), note=note)
        case.status = Status.OPEN
        case.save(update_fields=["status"])
        warnings += refresh_clock(case)
        audit(acting_user, "correction_received", case, on=on)
    return Done(case, warnings=warnings)


@case_service
def expire_correction(case: Application, *, acting_user, on: dt.date | None = None, expected_version=None) -> Done:
    """逾期不补正 → 视为放弃申请 (第三十条; table 三 (六)1)."""
    require(acting_user, Perm.CASE_HANDLE, case, "登记逾期未补正")
    with transaction.atomic():
        case = lock(case, expected_version)
        require_status(case, Status.CORRECTION, action="登记逾期未补正")
        on = check_on(case, on, "日期")
        deadline = correction_deadline(case)
        if deadline and on <= deadline:
            raise CaseError(f"补正期限至{d(deadline)}，期限届满后才能视为放弃申请。")
        add_event(case, EventKind.CORRECTION_EXPIRED, on, acting_user, "申请人逾期未补正，视为放弃申请（第三十条）。")
        doc = close_case(case, Outcome.ABANDONED_NO_CORRECTION, on, acting_user=acting_user)
    return Done(case, doc)


