"""`gongkai check_calendar`: for monitoring (cron, systemd, Nagios-style checks).

Exit status 0 when the calendar has every year it needs; 2 (and a message on stderr) when the
current year is missing, or — from 1 November — the next one (gap.py).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.workcal import gap


class Command(BaseCommand):
    help = "检查工作日历：11月1日起下一年度安排未录入（或本年度未录入）时以非零状态退出，供监控使用。"

    def handle(self, *args, **options):
        found = gap.calendar_gap()
        if found is None:
            self.stdout.write("工作日历正常：本年度和（11月1日起）下一年度的安排均已录入。")
            return
        self.stderr.write(found.text)
        raise SystemExit(2)
