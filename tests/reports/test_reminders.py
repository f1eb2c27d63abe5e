"""第四十九条 deadline reminders: due soon / overdue, once per stage (idempotent)."""

from datetime import date

from django.core import mail
from django.core.management import call_command

from gongkai.agencies.models import Role, RoleAssignment
from gongkai.reports.models import AnnualReport, ReminderSent, ReportKind, ReportStatus
from gongkai.reports.services import send_report_reminders


def _emails(cast):
    for user, address in ((cast.handler_a, "a@example.cn"), (cast.head_a, "head@example.cn"),
                          (cast.handler_b, "b@example.cn"), (cast.supervisor, "sup@example.cn"),
                          (cast.other_supervisor, "other@example.cn")):
        user.email = address
        user.save()


def test_it_reminds_departments_before_31_january_and_is_idempotent(cast):
    _emails(cast)
    sent = send_report_reminders(date(2025, 1, 20))
    agencies = {r.agency for r in sent}
    assert cast.dept_a in agencies and cast.dept_b in agencies
    assert cast.gov not in agencies  # the government's deadline (3月31日) is still far
    assert cast.sub_a not in agencies  # 下属机构 report through their department
    mine = [m for m in mail.outbox if "a@example.cn" in m.to]
    assert len(mine) == 1 and "2024年度" in mine[0].subject and "还剩11天" in mine[0].subject
    assert "sup@example.cn" not in mine[0].to
    count = len(mail.outbox)
    assert send_report_reminders(date(2025, 1, 20)) == []
    assert send_report_reminders(date(2025, 1, 25)) == []
    assert len(mail.outbox) == count


def test_overdue_reports_are_escalated_to_the_supervisor(cast):
    _emails(cast)
    send_report_reminders(date(2025, 2, 3))
    overdue = ReminderSent.objects.get(agency=cast.dept_a, stage="overdue")
    assert "sup@example.cn" in overdue.recipients and "other@example.cn" not in overdue.recipients
    message = next(m for m in mail.outbox if "a@example.cn" in m.to)
    assert "已逾期3天" in message.subject and "第四十九条" in message.body


def test_a_submitted_report_is_not_reminded(cast):
    AnnualReport.objects.create(agency=cast.dept_a, year=2024, status=ReportStatus.SUBMITTED,
                                submitted_at="2025-01-10T10:00:00+08:00")
    sent = send_report_reminders(date(2025, 1, 20))
    assert cast.dept_a not in {r.agency for r in sent}


def test_the_government_report_is_due_31_march_to_its_supervisors(cast):
    _emails(cast)
    RoleAssignment.objects.get_or_create(user=cast.supervisor, role=Role.SUPERVISOR)
    sent = send_report_reminders(date(2025, 3, 20))
    gov = next(r for r in sent if r.agency == cast.gov)
    assert gov.kind == ReportKind.GOVERNMENT and gov.stage == "due_soon"
    assert gov.recipients == ["sup@example.cn"]


def test_the_command_prints_what_it_sent(cast, capsys):
    call_command("report_reminders", "--today", "2025-01-20")
    out = capsys.readouterr().out
    assert "共发出" in out and "due_soon" in out
    call_command("report_reminders", "--today", "2025-01-20")
    assert "共发出0条" in capsys.readouterr().out
