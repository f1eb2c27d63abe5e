"""Acceptance (issue 14): the applicant's 受理回执 e-mail is in the outbox seconds after staff confirm
the receipt of an online application — sent by a running `gongkai worker` (as `gongkai serve` and
production run it), without `gongkai remind`."""

import email
import email.policy
import time

import pytest

from .engines import engine

SETUP = """
from conftest import make_uscc
from cases.conftest import applicant
from gongkai.agencies.models import Agency, AgencyKind, Role, RoleAssignment, User
from gongkai.cases.actions.intake import submit_online_application
gov = Agency.objects.create(name="北京市门头沟区人民政府", slug="gov", kind=AgencyKind.GOVERNMENT, uscc=make_uscc("gov"))
dept = Agency.objects.create(name="北京市门头沟区科学技术和信息化局", short_name="区科信局", slug="dept-a",
                             kind=AgencyKind.DEPARTMENT, parent=gov, uscc=make_uscc("dept_a"))
handler = User.objects.create_user(username="handler_a", password="test-pass-123", agency=dept, full_name="张经办")
RoleAssignment.objects.create(user=handler, role=Role.HANDLER)
result = submit_online_application(dept, applicant(email="zhangsan@example.com")).case.pk
"""

CONFIRM = """
from gongkai.agencies.models import User
from gongkai.cases.actions.intake import confirm_receipt
from gongkai.cases.models import Application
confirm_receipt(Application.objects.get(pk={pk}), acting_user=User.objects.get(username="handler_a"))
result = True
"""


def _messages(outbox):
    found = []
    for path in sorted(outbox.glob("*.log")) if outbox.exists() else []:
        for raw in path.read_text(encoding="utf-8").split("-" * 79):
            if raw.strip():
                found.append(email.message_from_string(raw.strip(), policy=email.policy.default))
    return found


@pytest.mark.slow
def test_the_receipt_is_emailed_by_the_worker_seconds_after_confirmation():
    with engine("database") as eng:
        pk = eng.run(SETUP)
        eng.start_worker()  # long-running, as beside `gongkai serve`
        outbox = eng.root / "outbox"
        assert _messages(outbox) == []  # the online submission itself is not yet received (待确认)
        eng.run(CONFIRM.format(pk=pk))
        confirmed = time.monotonic()
        receipt = None
        while time.monotonic() - confirmed < 60 and receipt is None:
            receipt = next((m for m in _messages(outbox) if "受理回执" in str(m["subject"])), None)
            time.sleep(0.2)
        waited = time.monotonic() - confirmed
        assert receipt is not None, eng.worker_logs()
        assert receipt["to"] == "zhangsan@example.com"
        assert any(part.get_content_type() == "application/pdf" for part in receipt.iter_attachments())
        print(f"受理回执 e-mailed {waited:.1f} s after confirmation")
        # seconds, not the next morning's `gongkai remind` (generous: the test machine may be overloaded)
        assert waited < 60
