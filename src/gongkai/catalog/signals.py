"""Stored 第二十六条 deadlines follow the working-day calendar (ARCHITECTURE.md, "Law engine")."""

from __future__ import annotations

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def on_calendar_changed(sender, changed_dates=None, **kwargs):
    from .services import recompute_publication_deadlines

    moved = recompute_publication_deadlines(set(changed_dates or ()))
    if moved:
        log.info("calendar change moved %s catalogue publication deadlines", moved)


def connect() -> None:
    try:
        from gongkai.workcal.signals import calendar_changed
    except ImportError:  # the calendar app is older than the contract: nothing to follow yet
        log.warning("gongkai.workcal.signals.calendar_changed missing; catalogue deadlines will not follow calendar changes")
        return
    calendar_changed.connect(_after_commit, dispatch_uid="catalog.recompute_deadlines")


def _after_commit(sender, changed_dates=None, **kwargs):
    # The contract sends after the calendar change commits; on_commit also covers a sender
    # that fires inside its transaction.
    transaction.on_commit(lambda: on_calendar_changed(sender, changed_dates=changed_dates))
