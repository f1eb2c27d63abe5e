"""Deadline reminders to handlers (「即将到期」「已逾期」), one background task per reminder.

    due_for_reminder(day)              the cases to remind today (states overdue / due_soon)
    send_handler_reminder(case_id, on) one reminder: e-mailed once, recorded, audited (tasks.send_handler_reminder)
    remind_all(today, send)            the daily pass of `gongkai remind`: refresh paused clocks, then one
                                       task per handler reminder and per unsent notice to an applicant

Idempotent: each reminder is recorded in `ReminderSent` under a unique (case, kind, key) in the same
transaction as the e-mail; a second run (a task delivered twice, the command run twice, the task and
the command both) finds the row and sends nothing. A failed send rolls the row back, so the next run
tries again. Keys: the due date (a moved deadline is reminded again), `p<date>` for a provisional one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.services import SYSTEM_LABEL, record_event
from gongkai.mail import render_mail

from . import clock, delivery, states
from .documents import templates
from .models import Application, ReminderSent, TrackingAttempt

NOTICE_LOOKBACK_DAYS = 30


def due_for_reminder(day: states.Day):
    # sort_due is the certain due date, else the provisional one (「期限待定」, docs/law.md): a case
    # whose year is not entered is reminded by its estimate, labelled as such.
    return (
        Application.objects.filter(states.q("overdue", day) | states.q("due_soon", day))
        .select_related("agency", "handler")
        .order_by("sort_due", "id")
    )


def handler_reminder(case: Application, day: states.Day) -> tuple[str, str, str, str, str] | None:
    """(recipient, kind, key, subject, body) of the case's reminder today, or None (nobody to tell)."""
    recipient = (case.handler.email if case.handler_id else "") or case.agency.email
    if not recipient:
        return None
    state = states.state_of(case, day)
    if state.key not in ("overdue", "due_soon"):
        return None
    when = case.due_date or case.provisional_due
    what = "答复期限" if case.due_date else f"预计答复期限（{when.year}年安排未录入，期限待定）"
    subject, body = render_mail("cases/email/handler_reminder", {
        "case": case, "label": state.label, "due": templates.d(when), "what": what,
        "url": settings.SITE_URL + reverse("cases:detail", args=[case.pk]),
    })
    key = when.isoformat() if case.due_date else f"p{when.isoformat()}"
    return recipient, f"handler_{state.key}", key, subject, body


def send_handler_reminder(case_id: int, on: dt.date | None = None) -> str:
    """E-mail one case's handler reminder of `on` (today) at most once; 'sent', 'already' or 'none'."""
    day = states.Day.of(on or timezone.localdate())
    case = Application.objects.select_related("agency", "handler").filter(pk=case_id).first()
    reminder = handler_reminder(case, day) if case is not None else None
    if reminder is None:
        return "none"  # closed, moved or no address since the pass listed it
    recipient, kind, key, subject, body = reminder
    try:
        with transaction.atomic():
            ReminderSent.objects.create(case=case, kind=kind, key=key, recipient=recipient)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
            record_event(None, "case.reminder_sent", case, actor_label=SYSTEM_LABEL,
                         details={"kind": kind, "due": key, "recipient": recipient})
    except IntegrityError:
        return "already"
    return "sent"


def remind_all(today: dt.date, send: Callable[[object, tuple], None]) -> tuple[int, int]:
    """The daily pass: `send(task, args)` for each handler reminder and unsent applicant notice
    (the command enqueues them, or runs them in place). Returns (handler reminders, notices)."""
    from .tasks import send_handler_reminder as reminder_task
    from .tasks import send_notice_email

    # A paused clock's provisional due date moves every working day: bring them up to date first.
    for case in states.in_state(Application.objects.all(), "paused", states.Day.of(today)).select_related("agency"):
        clock.refresh(case, today)
    day = states.Day.of(today)
    handlers = 0
    for case in due_for_reminder(day).iterator():
        if handler_reminder(case, day) is not None and not _reminded(case, day):
            send(reminder_task, (case.pk, today.isoformat()))
            handlers += 1
    notices = 0
    since = today - dt.timedelta(days=NOTICE_LOOKBACK_DAYS)
    for doc in delivery.unsent_email_documents(since).iterator():
        send(send_notice_email, (delivery.email_delivery_for(doc).pk,))
        notices += 1
    TrackingAttempt.objects.filter(at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    return handlers, notices


def _reminded(case: Application, day: states.Day) -> bool:
    _recipient, kind, key, _subject, _body = handler_reminder(case, day)
    return ReminderSent.objects.filter(case=case, kind=kind, key=key).exists()
