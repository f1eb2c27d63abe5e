"""The calendar gap is loud before it bites: banner, daily e-mail, monitoring command (workcal/gap.py)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.workcal import gap
from gongkai.workcal.models import CalendarAlert
from gongkai.workcal.services import enter_year_arrangement

TZ = timezone(timedelta(hours=8))
OFF_2027 = [(date(2027, 1, 1), date(2027, 1, 1), "元旦")]


def at(time_machine, y, m, d):
    time_machine.move_to(datetime(y, m, d, 9, 0, tzinfo=TZ), tick=False)


def test_the_gap_opens_on_1_november(db, time_machine):
    at(time_machine, 2026, 10, 31)
    assert gap.calendar_gap() is None
    at(time_machine, 2026, 11, 1)
    found = gap.calendar_gap()
    assert found.years == (2027,) and "2027年的节假日和调休安排尚未录入" in found.text
    at(time_machine, 2027, 1, 4)  # the new year has begun and is still missing
    assert gap.calendar_gap().years == (2027,)


def test_entering_the_year_closes_the_gap(cast, time_machine):
    at(time_machine, 2026, 12, 3)
    enter_year_arrangement(2027, OFF_2027, [], acting_user=cast.admin)
    assert gap.calendar_gap() is None


@pytest.mark.parametrize(("who", "sees", "link"), [("admin", True, True), ("supervisor", True, False),
                                                   ("handler_a", False, False)])
def test_the_banner_on_staff_pages(client, cast, time_machine, who, sees, link):
    at(time_machine, 2026, 12, 3)
    client.force_login(getattr(cast, who))
    for url in (reverse("staff-home"), reverse("audit:list") if who != "handler_a" else reverse("cases:inbox")):
        body = client.get(url).content.decode()
        assert ('id="calendar-gap"' in body) is sees, url
        assert ("录入2027年安排" in body) is link
    at(time_machine, 2026, 10, 15)
    assert 'id="calendar-gap"' not in client.get(reverse("staff-home")).content.decode()


def test_the_daily_mail_is_sent_once_a_day_until_the_year_is_entered(cast, time_machine):
    cast.admin.email, cast.supervisor.email, cast.handler_a.email = "admin@x.cn", "sup@x.cn", "h@x.cn"
    for u in (cast.admin, cast.supervisor, cast.handler_a):
        u.save()
    at(time_machine, 2026, 10, 31)
    call_command("calendar_alert")
    assert mail.outbox == []
    at(time_machine, 2026, 11, 2)
    call_command("calendar_alert")
    call_command("calendar_alert")  # idempotent
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["admin@x.cn", "sup@x.cn"]
    assert "2027年" in mail.outbox[0].subject and "/staff/calendar/enter/?year=2027" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="calendar.gap_alert").count() == 1
    at(time_machine, 2026, 11, 3)
    call_command("calendar_alert")
    assert len(mail.outbox) == 2 and CalendarAlert.objects.count() == 2
    enter_year_arrangement(2027, OFF_2027, [], acting_user=cast.admin)
    at(time_machine, 2026, 11, 4)
    call_command("calendar_alert")
    assert len(mail.outbox) == 2


def test_the_monitoring_command_exits_non_zero_while_next_year_is_missing(cast, time_machine, capsys):
    at(time_machine, 2026, 10, 31)
    call_command("check_calendar")
    at(time_machine, 2026, 11, 1)
    with pytest.raises(SystemExit) as exc:
        call_command("check_calendar")
    assert exc.value.code == 2 and "2027年" in capsys.readouterr().err
    enter_year_arrangement(2027, OFF_2027, [], acting_user=cast.admin)
    call_command("check_calendar")
