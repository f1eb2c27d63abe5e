"""Background tasks of the cases app (gongkai.tasks; docs/ARCHITECTURE.md 「Background tasks」)."""

from __future__ import annotations

from gongkai.tasks import task


@task()
def send_notice_email(delivery_id: int) -> str:
    """E-mail one issued notice to the applicant (gongkai.cases.delivery.send_delivery); idempotent:
    a delivery already sent is not sent again; a failure re-enqueues itself with back-off until
    settings.MAIL_DELIVERY_ATTEMPTS, then stays 「发送失败」 for staff."""
    from .delivery import send_delivery

    return send_delivery(delivery_id)


@task()
def send_handler_reminder(case_id: int, on: str) -> str:
    """One 「即将到期」/「已逾期」 reminder to the case's handler (reminders.send_handler_reminder):
    e-mailed at most once (ReminderSent), audited. Enqueued by `gongkai remind`."""
    import datetime as dt

    from .reminders import send_handler_reminder as send

    return send(case_id, dt.date.fromisoformat(on))


@task()
def recompute_deadlines_for_calendar(changed_dates: list[str]) -> int:
    """After a working-day calendar change (workcal sends calendar_changed after commit): every open
    case's due date follows, each move noted on its timeline and audited. Idempotent: a second run
    finds nothing left to move. Returns how many deadlines moved."""
    import datetime as dt

    from .actions.notices import issue_held_notices
    from .actions.system import recompute_for_calendar_change

    moved = recompute_for_calendar_change({dt.date.fromisoformat(d) for d in changed_dates})
    # 「待出具」 notices whose statutory dates are now known go out (docs/law.md §9.3)
    issue_held_notices()
    return moved
