"""P1–P8: within-year plausibility (docs/law.md §2.10); all warnings."""

from gongkai.core.report.validate import RULES, validate

from .helpers import clean, put, rules_of, set_fee


def test_p1_warns_when_more_documents_are_repealed_than_existed():
    report, previous = clean(), clean()
    previous.year = 2024
    put(previous, "table2.行政规范性文件.现行有效件数", 0)
    put(report, "table2.行政规范性文件.本年废止件数", 7)
    put(report, "table2.行政规范性文件.现行有效件数", 0)
    put(report, "table2.行政规范性文件.本年制发件数", 6)
    findings = validate(report, previous, rules=["P1"])
    assert [f.message for f in findings] == ["表二「行政规范性文件」本年废止7件，多于上年现行有效与本年制发之和6件"]
    assert findings[0].severity == "warning"


def test_p1_needs_last_years_report():
    report = clean()
    put(report, "table2.规章.本年废止件数", 50)
    assert validate(report, rules=["P1"]) == []


def test_p2_warns_when_issued_documents_are_neither_valid_nor_repealed():
    report = clean()
    put(report, "table2.规章.本年制发件数", 3)
    findings = validate(report, rules=["P2"])
    assert rules_of(findings) == ["P2"]
    assert findings[0].cells == ["table2.规章.本年制发件数", "table2.规章.现行有效件数", "table2.规章.本年废止件数"]


def test_p3_warns_when_more_applications_lapse_for_non_payment_than_notices_were_sent():
    report = clean()  # 7 applications 逾期未缴费
    set_fee(report, "notices", 5)
    assert rules_of(validate(report, rules=["P3"])) == ["P3"]
    set_fee(report, "notices", 7)
    assert validate(report, rules=["P3"]) == []


def test_p3_to_p6_are_silent_when_section_six_does_not_state_the_figures():
    report = clean()  # only 实际收取 380 元 is stated
    assert validate(report, rules=["P3", "P4", "P5", "P6"]) == []


def test_p4_warns_when_more_is_collected_than_noticed():
    report = clean()
    set_fee(report, "notices", 7)
    set_fee(report, "noticed_total_yuan", 300)
    set_fee(report, "collected_yuan", 380)
    assert rules_of(validate(report, rules=["P4"])) == ["P4"]


def test_p5_warns_on_amounts_without_notices():
    report = clean()
    set_fee(report, "notices", 0)
    set_fee(report, "noticed_total_yuan", 0)
    set_fee(report, "collected_yuan", 380)
    findings = validate(report, rules=["P5"])
    assert [f.cells for f in findings] == [["fees.notices", "fees.collected_yuan"]]


def test_p6_warns_on_a_noticed_total_that_no_109_tariff_gives():
    report = clean()
    set_fee(report, "noticed_total_yuan", 385)
    assert rules_of(validate(report, rules=["P6"])) == ["P6"]
    set_fee(report, "noticed_total_yuan", 4700)
    assert validate(report, rules=["P6"]) == []


def test_p7_wants_article_35_or_42_mentioned_when_fees_or_mass_requests_occur():
    report = clean()
    report.sections = {"一、总体情况": "全年收到申请713件。", "六、其他需要报告的事项": "收取信息处理费共计380元。"}
    assert validate(report, rules=["P7"]) == []  # only 实际收取 stated: the spec's triggers are not met
    set_fee(report, "notices", 2)
    findings = validate(report, rules=["P7"])
    assert rules_of(findings) == ["P7"] and findings[0].cells == ["fees.notices"]
    report.sections["六、其他需要报告的事项"] = "依据《政府信息公开信息处理费管理办法》收取信息处理费共计380元。"
    assert validate(report, rules=["P7"]) == []
    report.sections["六、其他需要报告的事项"] = "依据条例第四十二条收取信息处理费共计380元。"
    assert validate(report, rules=["P7"]) == []


def test_p7_triggers_on_mass_repeated_requests():
    report = clean()
    report.sections = {"一、总体情况": "全年收到申请713件。"}
    put(report, "table3.R3e4.total", 1)
    assert [f.cells for f in validate(report, rules=["P7"])] == [["table3.R3e4.total"]]
    report.sections["一、总体情况"] += "依据条例第三十五条要求申请人说明理由。"
    assert validate(report, rules=["P7"]) == []


def test_p7_without_narrative_is_not_checked():
    report = clean()
    set_fee(report, "notices", 2)
    assert validate(report, rules=["P7"]) == []


def test_p8_is_registered_as_skipped_with_a_reason():
    assert RULES["P8"].check is None
    assert "案件数据" in RULES["P8"].skipped
    assert validate(clean(), rules=["P8"]) == []
