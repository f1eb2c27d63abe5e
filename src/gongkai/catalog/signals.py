"""Stored 第二十六条 deadlines follow the working-day calendar (ARCHITECTURE.md, "Law engine")."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def on_calendar_changed(sender, changed_dates=None, **kwargs):
    """Sent by workcal after the change commits; recompute and audit every moved deadline."""
    from .services import recompute_publication_deadlines

    moved = recompute_publication_deadlines(set(changed_dates or ()))
    if moved:
        log.info("calendar change moved %s catalogue publication deadlines", moved)
    return moved


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
