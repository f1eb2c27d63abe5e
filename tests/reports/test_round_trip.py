"""Acceptance (issue 7): rendering the generated report and parsing it back gives the same values."""

import datetime as dt
import random

import pytest

from gongkai.core.report.parse import parse_bytes
from gongkai.core.vocabulary import ApplicantKind, Outcome, RemedyKind, RemedyResult
from gongkai.remedies import services as remedy_services
from gongkai.reports import services


@pytest.fixture
def generated(cast, bulk_cases, publish_items):
    rng = random.Random(3)
    rows = []
    for i in range(160):
        received = dt.date(2024, 11, 1) + dt.timedelta(days=rng.randrange(0, 420))
        decided = None if i % 11 == 0 else received + dt.timedelta(days=rng.randrange(1, 40))
        rows.append((list(ApplicantKind)[i % 6].value, received, decided, list(Outcome)[i % len(Outcome)].value if decided else ""))
    bulk_cases(cast.dept_a, rows)
    publish_items(cast.dept_a, 2025, 6, normative=2)
    remedy_services.record_remedy(cast.dept_a, acting_user=cast.handler_a, kind=RemedyKind.REVIEW, applicant_name="甲",
                                  filed_on=dt.date(2025, 4, 1), body="北京市门头沟区人民政府",
                                  result=RemedyResult.UPHELD, decided_on=dt.date(2025, 6, 1))
    remedy_services.record_remedy(cast.dept_a, acting_user=cast.handler_a, kind=RemedyKind.DIRECT_SUIT, applicant_name="乙",
                                  filed_on=dt.date(2025, 9, 1), body="北京市门头沟区人民法院")
    obj = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    obj = services.save_report_text(obj, acting_user=cast.head_a, section1=obj.section1.replace("（请填写）", "加强平台建设。"),
                                    section5="存在问题与改进措施。", section6=obj.section6)
    report = services.as_report(obj)
    assert report.t3("R1", "total").value > 50 and report.t4("review", "total").value == 1
    return report


def _tables(values):
    return {k: values[k] for k in ("table2", "table3", "table4", "fees", "year", "format_version")}


@pytest.mark.parametrize("fmt", ["html", "docx", "json"])
def test_render_then_parse_gives_the_same_values(generated, fmt):
    content = services.render_files(generated, (fmt,))[fmt]
    parsed = parse_bytes(content, f"report.{fmt}")
    assert _tables(parsed.values()) == _tables(generated.values())
    assert parsed.agency == generated.agency and parsed.missing == []
    if fmt != "json":
        assert parsed.facts["new_received"].value == generated.t3("R1", "total").value


@pytest.mark.slow
def test_the_pdf_parses_back_to_the_same_values(generated):
    content = services.render_files(generated, ("pdf",))["pdf"]
    assert content.startswith(b"%PDF")
    parsed = parse_bytes(content, "report.pdf")
    assert _tables(parsed.values()) == _tables(generated.values())
