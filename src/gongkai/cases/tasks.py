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
