"""`gongkai remind`: e-mail reminders, for cron (e.g. every morning at 8:00).

- Handlers: cases 「即将到期」 (due within DUE_SOON_WORKING_DAYS working days) and 「已逾期」.
- Applicants: each notice addressed to them (受理回执, 补正告知书, 延期答复告知书, 收费通知书, 答复书 …)
  still unsent, when they gave an e-mail address. Notices are e-mailed by a task when they are issued;
  this daily pass is the safety net (a failed or lost delivery is tried again).
- The database: on SQLite, the daily refresh of the query-planner statistics (gongkai.dbstats).

Each reminder is one background task (cases.reminders, cases.tasks): the command only lists and
enqueues, the workers send (and audit). `--inline` sends from the command itself, as it does when
the task engine cannot be reached. Idempotent either way: each reminder is sent once.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils import timezone

from gongkai import dbstats
from gongkai.tasks import enqueue_now

from ... import delivery, reminders, states

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "发送答复期限提醒（经办人）和文书送达提醒（申请人）；每条提醒一个后台任务，可重复运行，每条提醒只发送一次。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送。")
        parser.add_argument("--inline", action="store_true", help="在本命令中直接发送，不交给后台任务。")

    def handle(self, *args, dry_run=False, inline=False, **options):
        today = timezone.localdate()
        if dry_run:
            self._preview(today)
            self.stdout.write("预览结束，未发送任何邮件。")
            return
        queued = {"n": 0}

        def send(task_obj, task_args):
            if not inline:
                try:
                    enqueue_now(task_obj, *task_args)
                    queued["n"] += 1
                    return
                except Exception:  # the engine is unreachable (Redis down): send from here
                    log.exception("enqueue of %s failed; sending in the command", task_obj.name)
            task_obj.call(*task_args)

        handlers, notices = reminders.remind_all(today, send)
        how = "已交给后台任务发送" if queued["n"] else "已发送"
        self.stdout.write(f"经办人提醒 {handlers} 封、申请人文书 {notices} 封{how}。")
        try:
            tables = dbstats.optimize()  # the daily pass SQLite recommends (gongkai.dbstats)
        except DatabaseError as exc:  # the write lock stayed busy: the reminders stand, tomorrow tries again
            self.stderr.write(f"未能更新 SQLite 查询统计信息：{exc}")
        else:
            if tables is not None:
                self.stdout.write(f"已更新 SQLite 查询统计信息（{tables} 张表）。")

    def _preview(self, today):
        day = states.Day.of(today)
        for case in reminders.due_for_reminder(day).iterator():
            found = reminders.handler_reminder(case, day)
            if found:
                self.stdout.write(f"[预览] {found[0]} {found[3]}")
        since = today - dt.timedelta(days=reminders.NOTICE_LOOKBACK_DAYS)
        for doc in delivery.unsent_email_documents(since).iterator():
            self.stdout.write(f"[预览] {doc.addressee_email} {doc.agency.name}：{doc.title}（{doc.number}）")
