"""`gongkai remind`: handlers about due-soon and overdue cases, applicants about notices; each once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.cases.actions.correction import request_correction
from gongkai.cases.actions.intake import assign_handler
from gongkai.cases.models import ReminderSent

pytestmark = pytest.mark.django_db
D = dt.date


def run():
    mail.outbox.clear()
    call_command("remind", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(mail.outbox)


def test_reminders_go_out_once(cast, register, clock):
    cast.handler_a.email = "zhang@kxj.example"
    cast.handler_a.save()
    case = register()  # due 2026-03-30; the applicant gave an e-mail address
    assign_handler(case, cast.handler_a, acting_user=cast.handler_a)
    first = run()
    assert [m.to for m in first] == [["zhangsan@example.com"]]  # the 受理回执
    assert "受理回执" in first[0].subject and "2026年3月30日" in first[0].body
    assert run() == []  # idempotent

    clock.to(D(2026, 3, 25))  # three working days before the due date
    soon = run()
    assert [m.to for m in soon] == [["zhang@kxj.example"]] and "即将到期" in soon[0].subject
    assert run() == []

    clock.to(D(2026, 3, 31))
    late = run()
    assert len(late) == 1 and "已逾期" in late[0].subject
    assert run() == []
    assert ReminderSent.objects.filter(case=case).count() == 2  # handler reminders; notices: DocumentDelivery
    assert case.documents.get().deliveries.get().status == "sent"


def test_every_new_notice_reaches_the_applicant(cast, register, clock):
    case = register()
    run()
    request_correction(case, acting_user=cast.handler_a, items=["请写明年度"], deadline=D(2026, 3, 16))
    sent = run()
    assert len(sent) == 1 and "补正告知书" in sent[0].subject and "请写明年度" in sent[0].body


def test_cases_without_an_address_are_skipped(cast, register, clock):
    register(email="", phone="13800001234")
    clock.to(D(2026, 3, 31))
    assert run() == []  # no handler, no agency e-mail, no applicant e-mail


def test_a_failed_send_is_retried_next_time(cast, register, settings, monkeypatch):
    case = register()
    from django.core.mail import EmailMessage

    def boom(*args, **kwargs):
        raise OSError("SMTP down")

    settings.MAIL_DELIVERY_ATTEMPTS = 1
    monkeypatch.setattr(EmailMessage, "send", boom)
    call_command("remind", stdout=open("/dev/null", "w"))  # noqa: SIM115  (the failure is recorded, not raised)
    delivery = case.documents.get().deliveries.get()
    assert delivery.status == "failed" and "SMTP down" in delivery.last_error
    monkeypatch.undo()
    assert len(run()) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent"
