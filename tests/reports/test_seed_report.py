"""Acceptance (issue 7): one year of activity for 区科信局 reproduces the seed report's tables.

The seed (北京市门头沟区科学技术和信息化局2022年政府信息公开工作年度报告): 70 items published, 4 of them
行政规范性文件, no applications, no remedies. The generated report must match the seed's tables
(shared/samples/expected/seed.json) and pass validation; its draft narrative quotes the figures.
"""

import pytest

from gongkai.core.report.schema import Report
from gongkai.reports import services
from gongkai.reports.models import ReportStatus


@pytest.mark.slow  # 70 catalogue items through 保密审查 and publication (about 3 s)
def test_the_generated_2022_report_matches_the_seed_and_passes_validation(cast, publish_items, seed_expected):
    assert cast.dept_a.name == seed_expected["agency"]
    publish_items(cast.dept_a, 2022, 70, normative=4)
    publish_items(cast.dept_a, 2023, 3)  # another year's items must not count
    obj = services.compute_report(cast.dept_a, 2022, acting_user=cast.head_a)

    values = Report.from_json(obj.data).values()
    for table in ("table2", "table3", "table4", "fees"):
        assert values[table] == seed_expected[table], table
    assert values["year"] == 2022 and values["format_version"] == "2021"

    assert obj.error_count == 0, obj.findings
    assert "主动公开政府信息70条" in obj.section1
    assert "行政规范性文件4件" in obj.section1
    assert "本年新收政府信息公开申请0件" in obj.section1
    assert "没有发生与政府信息公开有关的行政复议案件、行政诉讼案件" in obj.section1
    assert "发出收费通知的件数为0件" in obj.section6
    # The narrative's numbers are read back and agree with the tables (X1–X3): no X finding.
    assert not [f for f in obj.findings if f["rule"].startswith("X")]


def test_staff_text_is_kept_when_the_figures_are_recomputed(cast, publish_items):
    publish_items(cast.dept_a, 2022, 2)
    obj = services.compute_report(cast.dept_a, 2022, acting_user=cast.head_a)
    assert "主动公开政府信息2条" in obj.section1
    publish_items(cast.dept_a, 2022, 1)
    obj = services.compute_report(cast.dept_a, 2022, acting_user=cast.head_a)
    assert "主动公开政府信息3条" in obj.section1  # untouched draft follows the figures
    services.save_report_text(obj, acting_user=cast.head_a, section1="本年度主动公开政府信息3条。其余由工作人员撰写。",
                              section5="问题与改进。", section6=obj.section6)
    publish_items(cast.dept_a, 2022, 1)
    obj = services.compute_report(cast.dept_a, 2022, acting_user=cast.head_a)
    assert obj.section1 == "本年度主动公开政府信息3条。其余由工作人员撰写。"  # staff text is never overwritten
    assert obj.status == ReportStatus.DRAFT
