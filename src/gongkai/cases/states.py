"""The state of a case on a given day — defined ONCE, here, and read by the inbox (filter and badge),
the statistics page, the supervisors' dashboard, the reminders and the applicant's progress page.

A state is derived from stored columns (`status`, `in_progress`, `clock_state`, `due_date`/`sort_due`)
and the day (`Day`: today and the 「即将到期」 limit); nobody types it in. Each `CaseState` says it twice,
side by side: as a `Q` (to filter or count cases in the database) and as `holds(case, day)` (for one
case already loaded). `tests/cases/test_states.py` checks that the two agree for every state.

The states are exclusive and tried in the order of `STATES`: a case is in the first state that holds.

To add a state, add one `CaseState` to `STATES` at the place its priority demands. The inbox filter,
the badges, the labels (`ClockDisplay`), the counts (`count_by_state`) and the reminders follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from . import clock

PENDING = "pending"  # Status.PENDING (models imports this module, so the literal is spelt here)


@dataclass(frozen=True)
class Day:
    """The dates a state depends on: today and the last day that counts as 「即将到期」."""

    today: dt.date
    soon: dt.date

    @classmethod
    def of(cls, today: dt.date | None = None) -> Day:
        today = today or timezone.localdate()
        return cls(today, clock.due_soon_limit(today) or today)


@dataclass(frozen=True)
class CaseState:
    key: str
    label: str
    badge: str  # CSS class of the badge: ok | warn | bad | muted
    q: Callable[[Day], Q]  # the cases in this state, as a database condition
    holds: Callable[[object, Day], bool]  # the same rule for one loaded case (earlier states ruled out)
    filterable: bool = True  # offered in the inbox's 「期限状态」 filter


# in_progress__in=[True], not in_progress=True: the inbox reads the (agency, in_progress, sort_due, id)
# index in order that way on SQLite (see selectors.inbox_queryset). sort_due is due_date with 「no date」
# as 9999-12-31, so the date states are index ranges.
def _open(**kw) -> Q:
    return Q(in_progress__in=[True], **kw)


def _running(**kw) -> Q:
    return _open(clock_state="running", **kw) & ~Q(status=PENDING)


def _due_before(case, day: dt.date) -> bool:
    # a provisional date (「期限待定」, docs/law.md) ages a case like a certain one: sort_due holds either
    due = case.due_date or getattr(case, "provisional_due", None)
    return due is not None and due < day


STATES: tuple[CaseState, ...] = (
    CaseState("unconfirmed", "待确认", "warn", lambda d: Q(status=PENDING), lambda c, d: c.status == PENDING),
    CaseState("stopped", "已办结", "muted", lambda d: Q(in_progress__in=[False]), lambda c, d: not c.is_open,
              filterable=False),
    CaseState("paused", "暂停", "muted", lambda d: _open(clock_state="paused"), lambda c, d: c.clock_state == "paused"),
    CaseState("waiting", "等待申请人", "muted", lambda d: _open(clock_state="waiting"),
              lambda c, d: c.clock_state == "waiting"),
    CaseState("overdue", "已逾期", "bad", lambda d: _running(sort_due__lt=d.today),
              lambda c, d: _due_before(c, d.today)),
    CaseState("due_soon", "即将到期", "warn", lambda d: _running(sort_due__gte=d.today, sort_due__lte=d.soon),
              lambda c, d: _due_before(c, d.soon + dt.timedelta(days=1))),
    # No certain due date (its year's 节假日安排 is not entered): never 「正常」 (docs/law.md §9.3).
    CaseState("undetermined", "期限待定", "warn", lambda d: _running(sort_due__gt=d.soon, due_date__isnull=True),
              lambda c, d: c.due_date is None),
    CaseState("normal", "正常", "ok", lambda d: _running(sort_due__gt=d.soon, due_date__isnull=False),
              lambda c, d: True),
)
BY_KEY: dict[str, CaseState] = {s.key: s for s in STATES}

#: The states as Django choices (labels for templates and forms), generated from STATES.
ClockDisplay = models.TextChoices("ClockDisplay", [(s.key.upper(), (s.key, s.label)) for s in STATES])


def state_of(case, day: Day | None = None) -> CaseState:
    """The state of one loaded case."""
    day = day or Day.of()
    return next(s for s in STATES if s.holds(case, day))


def q(key: str, day: Day | None = None) -> Q:
    """The database condition of state `key` (for `filter`, `exclude` or `Count(filter=…)`)."""
    return BY_KEY[key].q(day or Day.of())


def in_state(qs: QuerySet, key: str, day: Day | None = None) -> QuerySet:
    """`qs` narrowed to the cases in state `key`; an unknown key leaves `qs` as it is."""
    state = BY_KEY.get(key)
    return qs.filter(state.q(day or Day.of())) if state else qs


def count_by_state(qs: QuerySet, day: Day | None = None, keys: Iterable[str] | None = None) -> dict[str, int]:
    """{state key: number of cases of `qs` in it}, in one query."""
    day = day or Day.of()
    wanted = [BY_KEY[k] for k in keys] if keys is not None else STATES
    return qs.aggregate(**{s.key: Count("pk", filter=s.q(day)) for s in wanted})


def annotate_counts(qs: QuerySet, day: Day | None = None, keys: Iterable[str] = ("overdue",)) -> QuerySet:
    """`qs.values(...)` grouped rows with one count per state key (e.g. per agency)."""
    day = day or Day.of()
    return qs.annotate(**{k: Count("pk", filter=BY_KEY[k].q(day)) for k in keys})
