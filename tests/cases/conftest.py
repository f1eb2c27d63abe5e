"""Helpers for the case tests: valid applicant data, a case registered at a fixed date, moving time.

Dates are in 2026 (the seeded national calendar covers 2008–2026): 2026-03-02 is a Monday; 20
working days after it end on 2026-03-30 (no holiday in March).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.codes import id_card_check_char, org_code_check_char, uscc_check_char

TZ = ZoneInfo("Asia/Shanghai")
START = dt.date(2026, 3, 2)
#: The tests' "now": 10:00 Beijing on START, a Monday whose 20th working day is in an entered year.
CLOCK_START = dt.datetime(START.year, START.month, START.day, 10, 0, tzinfo=TZ)


def id_card(first17: str = "11010519491231002") -> str:
    return first17 + id_card_check_char(first17)


def uscc(body8: str = "12345678") -> str:
    org = body8 + org_code_check_char(body8)
    first17 = "91110109" + org
    return first17 + uscc_check_char(first17)


def applicant(**overrides) -> dict:
    data = {
        "applicant_kind": "natural_person",
        "applicant_name": "张三",
        "id_type": "id_card",
        "id_number": id_card(),
        "contact_person": "",
        "phone": "13800001234",
        "email": "zhangsan@example.com",
        "address": "北京市门头沟区新桥大街1号",
        "postcode": "102300",
        "needs_assistance": False,
        "info_title": "2025年度区级科技项目立项清单",
        "info_doc_number": "",
        "info_description": "2025年区科信局批准立项的科技项目名称和资助金额。",
        "provide_form": "paper",
        "delivery": "post",
    }
    data.update(overrides)
    return data


class Clock:
    """Move 'today' (services refuse dates in the future)."""

    def __init__(self, traveller):
        self.traveller = traveller

    def to(self, day: dt.date, hour: int = 10):
        self.traveller.move_to(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ), tick=False)
        return day


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(CLOCK_START, tick=False)
    return Clock(time_machine)


@pytest.fixture
def register(cast, clock):
    """`register(**applicant overrides, channel=…, on=…)` → the registered case (received unless pending)."""
    from gongkai.cases.actions.intake import register_application

    def make(channel="in_person", on=START, signed_on=None, confirmed_on=None, agency=None, actor=None, files=(), **data):
        clock.to(max(on, signed_on or on, confirmed_on or on))
        sub = register_application(
            agency or cast.dept_a, applicant(**data), acting_user=actor or cast.handler_a, channel=channel, submitted_on=on,
            signed_on=signed_on, confirmed_on=confirmed_on, files=files,
        )
        sub.case.refresh_from_db()
        sub.case._sub = sub
        return sub.case

    return make


@pytest.fixture
def agency_ready(cast):
    """The cast's 区科信局 with a 复议机关 (derived: 本级人民政府) and a court for remedy clauses."""
    cast.dept_a.court = "北京市门头沟区人民法院"
    cast.dept_a.phone = "010-69800000"
    cast.dept_a.save()
    return cast.dept_a
