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


def connect() -> None:
    from gongkai.workcal.signals import calendar_changed

    calendar_changed.connect(on_calendar_changed, dispatch_uid="catalog.recompute_deadlines")
