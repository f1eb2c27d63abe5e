"""W1–W6: formatting warnings (docs/law.md §2.10)."""

import pytest

from gongkai.core.report.validate import infer_kind, validate

from .helpers import clean, fact, put, rules_of, sample


def test_w1_counts_blank_cells_per_table():
    report = clean()
    put(report, "table3.R3c1.natural_person", None)
    put(report, "table4.review.total", None)
    findings = validate(report, rules=["W1"])
    assert [(f.message, f.cells) for f in findings] == [
        ("表三有1个空白单元格（按0计算）", ["table3.R3c1.natural_person"]),
        ("表四有1个空白单元格（按0计算），其中总计栏1个", ["table4.review.total"]),
    ]


def test_w2_flags_text_in_a_numeric_cell():
    findings = validate(sample("012_shanghai_szfbgt_2019"), rules=["W2"])
    assert [f.message for f in findings] == ["表二「政府集中采购」「采购总金额」填写了非数字内容「251000元」"]


def test_w3_suspects_yuan_in_a_small_agencys_fee_cell():
    report = clean()
    put(report, "table2.行政事业性收费.本年收费金额（单位：万元）", 40682)
    assert validate(report, rules=["W3"]) == []  # a county government may collect 4 亿元
    report.agency = "沭阳县教育局"
    assert rules_of(validate(report, rules=["W3"])) == ["W3"]
    assert validate(report, rules=["W3"], kind="government") == []


def test_w4_checks_that_the_six_sections_are_present_and_in_order():
    report = clean()
    report.sections = {
        "一、总体情况": "…", "二、主动公开政府信息情况": "…", "三、收到和处理政府信息公开申请情况": "…",
        "四、政府信息公开行政复议、行政诉讼情况": "…", "五、政府信息公开工作存在的主要问题及改进情况": "…",
        "六、其他需要报告的事项": "无。",
    }
    assert validate(report, rules=["W4"]) == []
    del report.sections["五、政府信息公开工作存在的主要问题及改进情况"]
    report.sections = dict(reversed(list(report.sections.items())))
    messages = [f.message for f in validate(report, rules=["W4"])]
    assert messages[0] == "缺少板块「五、存在的主要问题及改进情况」"
    assert messages[1].startswith("板块顺序不符合年度报告格式")


def test_w5_flags_a_title_year_that_is_not_the_data_year():
    report = clean()
    report.title = "沭阳县人民政府2025年政府信息公开工作年度报告"
    assert validate(report, rules=["W5"]) == []
    report.title = "沭阳县人民政府2024年政府信息公开工作年度报告"
    assert rules_of(validate(report, rules=["W5"])) == ["W5"]
    report.title = None
    fact(report, "data_year", 2024)
    assert rules_of(validate(report, rules=["W5"])) == ["W5"]


@pytest.mark.parametrize(
    ("agency", "published_on", "kind", "late"),
    [
        ("沭阳县人民政府", "2026-03-31", None, False),
        ("沭阳县人民政府", "2026-04-01", None, True),
        ("沭阳县教育局", "2026-01-31", None, False),
        ("沭阳县教育局", "2026-02-01", None, True),
        ("沭阳县教育局", "2026-02-01", "government", False),
        ("沭阳县某某镇人民政府", "2026-03-01", None, False),
    ],
)
def test_w6_applies_the_article_49_deadline(agency, published_on, kind, late):
    report = clean()
    report.agency, report.published_on = agency, published_on
    assert bool(validate(report, rules=["W6"], kind=kind)) is late


def test_agency_kind_is_inferred_from_the_name():
    assert infer_kind("淮安市人民政府") == "government"
    assert infer_kind("平潭综合实验区（全区汇总）") == "government"
    assert infer_kind("上海市人民政府办公厅") == "department"
    assert infer_kind("北京市门头沟区科学技术和信息化局") == "department"
    assert infer_kind("微山县两城镇人民政府") == "township"
    assert infer_kind(None) is None


def test_validate_rejects_an_unknown_kind_or_rule_in_chinese():
    with pytest.raises(ValueError, match="机关类型"):
        validate(clean(), kind="ministry")
    with pytest.raises(ValueError, match="没有这些规则"):
        validate(clean(), rules=["Z9"])
