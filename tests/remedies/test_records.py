"""Recording 复议/诉讼: validation, audit, privacy of the applicant's name."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.core.vocabulary import RemedyKind, RemedyResult
from gongkai.remedies import services
from gongkai.remedies.models import Remedy


def _data(**kw):
    data = {"kind": RemedyKind.REVIEW, "applicant_name": "张三", "filed_on": date(2024, 3, 1), "body": "北京市门头沟区人民政府"}
    data.update(kw)
    return data


def test_it_records_a_remedy_and_audits_it(cast):
    remedy = services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data(case_number="门政复字〔2024〕1号"))
    event = AuditEvent.objects.get(action="remedy.recorded")
    assert event.object_id == str(remedy.pk) and event.agency == cast.dept_a
    assert "张三" not in str(event.details)


def test_it_records_the_result_with_its_date(cast):
    remedy = services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data())
    services.record_remedy_result(remedy, RemedyResult.UPHELD, date(2024, 5, 20), "维持原答复", acting_user=cast.handler_a)
    remedy.refresh_from_db()
    assert remedy.result == RemedyResult.UPHELD and remedy.decided_on == date(2024, 5, 20)
    assert "维持原答复" in remedy.notes
    assert AuditEvent.objects.filter(action="remedy.result_recorded", object_id=str(remedy.pk)).exists()


@pytest.mark.parametrize(
    "kw, field",
    [
        ({"result": RemedyResult.UPHELD}, "decided_on"),
        ({"decided_on": date(2024, 5, 1)}, "decided_on"),
        ({"result": RemedyResult.UPHELD, "decided_on": date(2024, 2, 1)}, "decided_on"),
        ({"accepted_on": date(2024, 2, 1)}, "accepted_on"),
        ({"act_known_on": date(2024, 4, 1)}, "act_known_on"),
    ],
)
def test_it_refuses_inconsistent_dates_with_chinese_messages(cast, kw, field):
    with pytest.raises(ValidationError) as info:
        services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data(**kw))
    assert field in info.value.message_dict
    assert all("\u4e00" <= m[0] <= "\u9fff" for m in info.value.message_dict[field])
    assert not Remedy.objects.exists()


def test_a_suit_after_review_links_only_a_review_of_the_same_agency(cast):
    review_b = services.record_remedy(cast.dept_b, acting_user=cast.handler_b, **_data())
    with pytest.raises(ValidationError) as info:
        services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data(kind=RemedyKind.SUIT_AFTER_REVIEW, review=review_b))
    assert "review" in info.value.message_dict
    review_a = services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data())
    suit = services.record_remedy(
        cast.dept_a, acting_user=cast.handler_a, **_data(kind=RemedyKind.SUIT_AFTER_REVIEW, review=review_a, body="门头沟区人民法院")
    )
    assert suit.review == review_a


def test_update_audits_changes_without_the_applicants_name(cast):
    remedy = services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data())
    services.update_remedy(remedy, acting_user=cast.handler_a, applicant_name="李四", body="北京市人民政府")
    event = AuditEvent.objects.get(action="remedy.updated")
    assert event.details["changes"]["body"] == ["北京市门头沟区人民政府", "北京市人民政府"]
    assert "李四" not in str(event.details) and "张三" not in str(event.details)


def test_delete_keeps_the_record_in_the_audit_log(cast):
    remedy = services.record_remedy(cast.dept_a, acting_user=cast.handler_a, **_data(case_number="X-1"))
    services.delete_remedy(remedy, "重复录入", acting_user=cast.handler_a)
    assert not Remedy.objects.exists()
    event = AuditEvent.objects.get(action="remedy.deleted")
    assert event.details["reason"] == "重复录入" and event.details["record"]["case_number"] == "X-1"
