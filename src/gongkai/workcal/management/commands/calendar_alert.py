"""`gongkai calendar_alert`: the daily e-mail while a year's 节假日安排 is missing (gap.py).

Run it daily (cron / systemd timer). From 1 November it mails administrators and the supervising
office as long as next year is not entered. Idempotent: one `CalendarAlert` row per (year, day) is
written in the same transaction as the send; a re-run the same day sends nothing, a failed send
rolls the row back so that the next run tries again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse

from gongkai.audit.services import SYSTEM_LABEL, record_event
from gongkai.mail import render_mail
from gongkai.workcal import gap
from gongkai.workcal.models import CalendarAlert


class Command(BaseCommand):
    help = "下一年度节假日安排未录入时（11月1日起），每天向系统管理员和主管部门发送一次提醒邮件；可重复运行。"

    def handle(self, *args, **options):
        found = gap.calendar_gap()
        if found is None:
            self.stdout.write("工作日历已录入所需年份，无需提醒。")
            return
        recipients = [u.email for u in gap.alert_recipients()]
        if not recipients:
            self.stderr.write("没有可接收提醒的系统管理员或主管部门邮箱。")
            return
        url = settings.SITE_URL.rstrip("/") + reverse("workcal:enter") + f"?year={found.year}"
        subject, body = render_mail("workcal/email/calendar_gap", {"found": found, "url": url})
        try:
            with transaction.atomic():
                alert = CalendarAlert.objects.create(year=found.year, day=found.today, recipients=recipients)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                record_event(None, "calendar.gap_alert", alert, actor_label=SYSTEM_LABEL,
                             details={"years": list(found.years), "recipients": len(recipients)})
        except IntegrityError:
            self.stdout.write(f"今天已发送过{found.year}年的提醒。")
            return
        self.stdout.write(f"已向{len(recipients)}人发送{found.year}年未录入提醒。")
