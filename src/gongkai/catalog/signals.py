"""Stored 第二十六条 deadlines follow the working-day calendar (ARCHITECTURE.md, "Law engine")."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def on_calendar_changed(sender, changed_dates=None, **kwargs):
    """Sent by workcal after the change commits: a background task recomputes and audits every moved
    deadline (tasks.recompute_publication_deadlines_for_calendar)."""
    from gongkai.tasks import enqueue_now

    from .tasks import recompute_publication_deadlines_for_calendar

    if changed_dates:
        enqueue_now(recompute_publication_deadlines_for_calendar, sorted(d.isoformat() for d in changed_dates))


def on_calendar_preview(sender, after=None, changed_dates=None, **kwargs):
    """How many stored 第二十六条 deadlines a calendar change would move (nothing is written)."""
    from .services import preview_publication_deadlines

    if after is None:
        return None
    return preview_publication_deadlines(after, set(changed_dates or ()))


def connect() -> None:
    from gongkai.workcal.signals import calendar_changed, calendar_preview

    calendar_changed.connect(on_calendar_changed, dispatch_uid="catalog.recompute_deadlines")
    calendar_preview.connect(on_calendar_preview, dispatch_uid="catalog.preview_deadlines")
