"""`gongkai demo` on a December date: cases due in the unentered 2027 show 「期限待定」 with their
provisional date, and administrators see the calendar-gap banner (docs/law.md §9.3)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.agencies.models import User
from gongkai.cases.models import Application, Document

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TZ = dt.timezone(dt.timedelta(hours=8))


def test_demo_in_december_shows_pending_deadlines_and_the_banner(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 10, 9, 0, tzinfo=TZ), tick=False)
    call_command("demo", "--today", "2026-12-10", stdout=io.StringIO(), stderr=io.StringIO())
    pending = Application.objects.filter(in_progress=True, due_date__isnull=True, provisional_due__isnull=False)
    assert pending.exists()
    assert all(c.provisional_due.year == 2027 for c in pending)
    # no document states a blank date
    assert not Document.objects.filter(body__contains="即前").exists()
    assert not Document.objects.filter(body__contains="于前").exists()

    client.force_login(User.objects.get(username="admin"))
    home = client.get(reverse("staff-home")).content.decode()
    assert 'id="calendar-gap"' in home and "2027年的节假日和调休安排尚未录入" in home
    client.force_login(User.objects.get(username="kxj_handler"))
    inbox = client.get(reverse("cases:inbox") + "?state=undetermined").content.decode()
    assert "期限待定" in inbox and "（2027年安排未录入）" in inbox
