"""`gongkai remind` as tasks: one task per reminder (cases.tasks.send_handler_reminder), each sent at
most once and audited; the command sends in place with --inline or when the engine is unreachable."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.audit.models import AuditEvent
from gongkai.cases import tasks
from gongkai.cases.actions.intake import assign_handler
from gongkai.cases.management.commands import remind

pytestmark = pytest.mark.django_db
D = dt.date


def run(*args):
    mail.outbox.clear()
    call_command("remind", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return [m for m in mail.outbox if "受理回执" not in m.subject]


@pytest.fixture
def due_soon(cast, register, clock):
    cast.handler_a.email = "zhang@kxj.example"
    cast.handler_a.save()
    case = register()  # due 2026-03-30
    assign_handler(case, cast.handler_a, acting_user=cast.handler_a)
    run()  # the 受理回执
    clock.to(D(2026, 3, 25))  # three working days before the due date
    return case


def test_each_reminder_is_a_task_sent_once_and_audited(due_soon, monkeypatch):
    queued = []
    real = remind.enqueue_now
    monkeypatch.setattr(remind, "enqueue_now", lambda task, *a, **k: queued.append((task.name, a)) or real(task, *a, **k))
    sent = run()
    assert [m.to for m in sent] == [["zhang@kxj.example"]] and "即将到期" in sent[0].subject
    assert queued == [("send_handler_reminder", (due_soon.pk, "2026-03-25"))]
    event = AuditEvent.objects.for_object(due_soon).get(action="case.reminder_sent")
    assert event.actor is None and event.actor_label == "系统" and event.action_label == "提醒经办人答复期限"
    assert event.details["kind"] == "handler_due_soon" and event.details["due"] == "2026-03-30"

    # a second delivery of the task, and the next run of the command, send nothing
    assert tasks.send_handler_reminder.call(due_soon.pk, "2026-03-25") == "already"
    queued.clear()
    assert run() == [] and queued == []  # already reminded: not even enqueued
    assert AuditEvent.objects.filter(action="case.reminder_sent").count() == 1


def test_inline_and_an_unreachable_engine_send_from_the_command(due_soon, monkeypatch, clock):
    def down(*args, **kwargs):
        raise ConnectionError("Redis down")

    monkeypatch.setattr(remind, "enqueue_now", down)
    assert len(run()) == 1  # sent in place
    clock.to(D(2026, 3, 31))  # overdue now: a new reminder
    assert [m.subject for m in run("--inline")][0].count("已逾期") == 1
    assert run("--inline") == []
