"""`gongkai remind`: e-mail reminders, for cron (e.g. every morning at 8:00).

- Handlers: cases 「即将到期」 (due within DUE_SOON_WORKING_DAYS working days) and 「已逾期」.
- Applicants: each notice addressed to them (受理回执, 补正告知书, 延期答复告知书, 收费通知书, 答复书 …),
  when they gave an e-mail address.

Idempotent: each reminder is recorded in `ReminderSent` under a unique (case, kind, key) before the
mail goes out, in the same transaction; a re-run finds the row and sends nothing. A failed send
rolls the row back, so the next run tries again. Keys: the due date for handler reminders (a moved
deadline is reminded again), the document number for notices.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.mail import render_mail

from ... import clock, delivery, states
from ...documents import templates
from ...models import Application, ReminderSent, TrackingAttempt

NOTICE_LOOKBACK_DAYS = 30


def _once(case, kind: str, key: str, recipient: str, subject: str, body: str) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(case=case, kind=kind, key=key, recipient=recipient)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except IntegrityError:
        return False  # already sent
    return True


class Command(BaseCommand):
    help = "发送答复期限提醒（经办人）和文书送达提醒（申请人）；可重复运行，每条提醒只发送一次。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送。")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        # A paused clock's provisional due date moves every working day: bring them up to date first.
        for case in states.in_state(Application.objects.all(), "paused", states.Day.of(today)).select_related("agency"):
            clock.refresh(case, today)
        handler_count = self._handlers(states.Day.of(today), dry_run)
        notice_count = self._applicants(today, dry_run)
        if not dry_run:
            TrackingAttempt.objects.filter(at__lt=timezone.now() - dt.timedelta(days=1)).delete()
        if dry_run:
            self.stdout.write("预览结束，未发送任何邮件。")
        else:
            self.stdout.write(f"已发送经办人提醒 {handler_count} 封，申请人文书提醒 {notice_count} 封。")

    def _handlers(self, day: states.Day, dry_run) -> int:
        sent = 0
        # sort_due is the certain due date, else the provisional one (「期限待定」, docs/law.md): a case
        # whose year is not entered is reminded by its estimate, labelled as such.
        due = (
            Application.objects.filter(states.q("overdue", day) | states.q("due_soon", day))
            .select_related("agency", "handler")
            .order_by("sort_due", "id")
        )
        for case in due.iterator():
            recipient = (case.handler.email if case.handler_id else "") or case.agency.email
            if not recipient:
                continue
            state = states.state_of(case, day)
            kind = f"handler_{state.key}"
            when = case.due_date or case.provisional_due
            what = "答复期限" if case.due_date else f"预计答复期限（{when.year}年安排未录入，期限待定）"
            subject, body = render_mail("cases/email/handler_reminder", {
                "case": case, "label": state.label, "due": templates.d(when), "what": what,
                "url": settings.SITE_URL + reverse("cases:detail", args=[case.pk]),
            })
            if dry_run:
                self.stdout.write(f"[预览] {recipient} {subject}")
                continue
            key = when.isoformat() if case.due_date else f"p{when.isoformat()}"
            if _once(case, kind, key, recipient, subject, body):
                sent += 1
        return sent

    def _applicants(self, today, dry_run) -> int:
        sent = 0
        since = today - dt.timedelta(days=NOTICE_LOOKBACK_DAYS)
        for doc in delivery.unsent_email_documents(since).iterator():
            if dry_run:
                self.stdout.write(f"[预览] {doc.addressee_email} {doc.agency.name}：{doc.title}（{doc.number}）")
                continue
            if delivery.send_delivery(delivery.email_delivery_for(doc).pk) == "sent":
                sent += 1
        return sent
