"""The 补正 action suggests a default 补正期限 from the setting (条例第三十条; docs/law.md §9.5).

Registered 2026-03-02 (Mon): 15 working days after it end on 2026-03-23 (no holiday in March).
"""

import datetime as dt
import re

import pytest

from gongkai.cases import registry
from gongkai.cases.actions.correction import suggested_deadline

pytestmark = pytest.mark.django_db
D = dt.date


def _deadline_input(page: str) -> str:
    m = re.search(r'<input[^>]*name="correction-deadline"[^>]*>', page)
    assert m, "the 补正 form has a deadline field"
    value = re.search(r'value="([^"]*)"', m.group(0))
    return value.group(1) if value else ""


def test_the_form_suggests_15_working_days_by_default(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    page = client.get(f"/staff/cases/{case.pk}/do/correction/", headers={"HX-Request": "true"}).content.decode()
    assert _deadline_input(page) == "2026-03-23"
    assert "建议补正期限：自告知日期次日起15个工作日" in page and "GONGKAI_CORRECTION_DAYS" in page


def test_the_setting_changes_the_suggestion(cast, register, settings):
    case = register()
    settings.GONGKAI_LAW = {**settings.GONGKAI_LAW, "CORRECTION_WORKING_DAYS": 10}
    day, note = suggested_deadline(case, D(2026, 3, 2))
    assert day == D(2026, 3, 16) and "10个工作日" in note
    form = registry.make_form(registry.CASE_ACTIONS.get("correction"), case)
    assert form["deadline"].value() == D(2026, 3, 16)


def test_no_suggestion_in_a_year_nobody_entered(cast, register, clock):
    case = register()
    day, note = suggested_deadline(case, D(2026, 12, 20))  # 15 working days later is in 2027
    assert day is None and "2027年" in note and "请手工填写" in note


def test_staff_may_choose_another_date_and_the_notice_states_it(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    resp = client.post(f"/staff/cases/{case.pk}/do/correction/", {
        "correction-version": case.version, "correction-items": "请写明项目名称", "correction-deadline": "2026-03-30",
        "correction-on": "2026-03-02",
    })
    assert resp.status_code == 302
    doc = case.documents.get(kind="correction")
    assert "2026年3月30日" in doc.body
