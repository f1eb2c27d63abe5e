"""`gongkai report_reminders`: remind agencies of the 第四十九条 report deadlines (run daily from cron).

Idempotent: each agency, year and stage (即将到期 / 已逾期) is reminded once. Also the safety net of
the publication renderings: a published report still missing its Word or PDF gets its rendering task
enqueued again (the task renders only what is missing).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.services import enqueue_missing_renderings, send_report_reminders


class Command(BaseCommand):
    help = "提醒各机关年度报告的报送和公布期限（条例第四十九条）。可重复运行，不会重复提醒。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按此日期计算（YYYY-MM-DD），默认今天。")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from None
        sent = send_report_reminders(today)
        for reminder in sent:
            self.stdout.write(f"{reminder.agency} {reminder.year}年度 {reminder.stage} → {len(reminder.recipients)}人")
        self.stdout.write(f"共发出{len(sent)}条年度报告提醒。")
        rendering = enqueue_missing_renderings()
        if rendering:
            self.stdout.write(f"{rendering}份已公开的年度报告缺少 Word 或 PDF 文件，已重新安排生成。")
