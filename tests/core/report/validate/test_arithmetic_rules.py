"""H1–H6: the official 勾稽 rule, the structural sums, types and completeness (docs/law.md §2.10)."""

from gongkai.core.report.schema import Cell, Report
from gongkai.core.report.validate import RULES, validate

from .helpers import clean, put, rules_of


def test_a_clean_report_has_no_findings():
    assert validate(clean()) == []


def test_h1_flags_a_column_whose_intake_differs_from_its_outcome():
    report = clean()
    # Raise 新收 自然人 and its row total together so H2 stays quiet: only the 勾稽 rule breaks.
    put(report, "table3.R1.natural_person", 706)
    put(report, "table3.R1.total", 714)
    findings = validate(report, rules=["H1", "H2"])
    assert rules_of(findings) == ["H1", "H1"]  # 自然人 and 总计 columns
    natural = findings[0]
    assert natural.severity == "error"
    assert "「自然人」列" in natural.message and "相差1" in natural.message
    assert natural.cells == [
        "table3.R1.natural_person", "table3.R2.natural_person", "table3.R3g.natural_person", "table3.R4.natural_person",
    ]


def test_h2_flags_a_row_total_that_is_not_the_sum_of_its_parts():
    report = clean()
    put(report, "table3.R3a.total", 300)
    findings = validate(report, rules=["H2"])
    assert len(findings) == 1
    assert findings[0].cells[0] == "table3.R3a.total"
    assert "总计为300，但各类申请人之和为294" in findings[0].message


def test_h2_reports_a_blank_total_whose_parts_are_not_zero_but_other_sums_do_not_cascade():
    report = clean()
    put(report, "table3.R3a.total", None)
    findings = validate(report)
    errors = [f for f in findings if f.severity == "error"]
    assert [f.rule for f in errors] == ["H2"]
    assert "总计栏空白" in errors[0].message
    assert "W1" in rules_of(findings)


def test_h2_does_not_flag_a_blank_total_of_an_all_blank_row():
    report = clean()
    for col in ("natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"):
        put(report, f"table3.R3c1.{col}", None)
    assert validate(report, rules=["H2", "H3"]) == []


def test_h3_flags_a_results_total_that_is_not_the_sum_of_the_results():
    report = clean()
    put(report, "table3.R3e1.natural_person", 13)
    put(report, "table3.R3e1.total", 13)
    findings = validate(report, rules=["H3"])
    assert [f.message for f in findings] == [
        "表三「自然人」列：（七）总计为710，但（一）至（六）各项之和为711",
        "表三「总计」列：（七）总计为718，但（一）至（六）各项之和为719",
    ]


def test_h3_uses_the_single_other_row_of_a_2019_format_report():
    report = Report.blank("2019")
    put(report, "table3.R1.natural_person", 5)
    put(report, "table3.R1.total", 5)
    put(report, "table3.R3f.natural_person", 5)
    put(report, "table3.R3f.total", 5)
    put(report, "table3.R3g.natural_person", 5)
    put(report, "table3.R3g.total", 5)
    assert validate(report, rules=["H1", "H2", "H3", "H6"]) == []
    put(report, "table3.R3f.natural_person", 4)
    put(report, "table3.R3f.total", 4)
    assert rules_of(validate(report, rules=["H3"])) == ["H3", "H3"]


def test_h3_uses_a_printed_single_other_row_when_the_2021_sub_rows_are_blank():
    report = clean()
    for key in ("R3f1", "R3f2", "R3f3"):
        for col in range(7):
            report.table3[key][col] = Cell(None)
    report.table3_extra_rows["（六）其他处理"] = [Cell(v) for v in (158, 1, 0, 0, 0, 0, 159)]
    findings = validate(report)
    assert [f.rule for f in findings if f.severity == "error"] == []
    assert any(f.rule == "H6" and "作为一行填报" in f.message for f in findings)


def test_h4_flags_each_table4_total_that_is_not_the_sum_of_its_results():
    report = clean()
    put(report, "table4.review.total", 60)
    put(report, "table4.suit_after_review.pending", None)
    findings = validate(report, rules=["H4"])
    assert [f.cells[0] for f in findings] == ["table4.review.total", "table4.suit_after_review.total"]
    assert "27＋10＋9＋15＝61" in findings[0].message


def test_h5_flags_negative_fractional_and_text_counts_but_not_the_fee_decimal():
    report = clean()
    put(report, "table3.R3c1.natural_person", -1)
    put(report, "table4.review.upheld", 2.5)
    put(report, "table3.R3c2.commercial", "三")
    findings = validate(report, rules=["H5"])
    assert sorted(f.cells[0] for f in findings) == [
        "table3.R3c1.natural_person", "table3.R3c2.commercial", "table4.review.upheld",
    ]
    assert all(f.severity == "error" for f in findings)
    # 表二 fee amounts are decimals in 万元 (4068.208 in this sample): not a type error.
    assert validate(clean(), rules=["H5"]) == []


def test_h5_allows_a_negative_change_in_the_2019_format():
    report = Report.blank("2019")
    put(report, "table2.行政许可.本年增/减", -3)
    assert validate(report, rules=["H5"]) == []
    put(report, "table2.行政许可.处理决定数量", -3)
    assert rules_of(validate(report, rules=["H5"])) == ["H5"]


def test_h6_lists_missing_cells_and_skips_the_sums_that_need_them():
    report = clean()
    put(report, "table3.R2.natural_person", "missing")
    put(report, "table4.review.total", "missing")
    findings = validate(report)
    assert [f.rule for f in findings if f.severity == "error"] == ["H6", "H6"]
    t3, t4 = (f for f in findings if f.rule == "H6" and f.severity == "error")
    assert t3.message.startswith("表三缺少1个单元格") and t3.cells == ["table3.R2.natural_person"]
    assert t4.cells == ["table4.review.total"]
    # No bogus arithmetic: H1/H2 on 自然人 and H4 on 行政复议 are skipped, and H6 says so.
    unchecked = next(f for f in findings if f.rule == "H6" and f.severity == "warning")
    assert "H1：「自然人」列" in unchecked.message and "H4：「行政复议」（缺失）" in unchecked.message
    assert "table3.R2.natural_person" in unchecked.cells


def test_h6_on_an_empty_report_does_not_crash_and_lists_every_cell():
    report = Report(format_version="2021")
    findings = validate(report)
    missing = {f.message.split("缺少")[1].split("个")[0] for f in findings if f.severity == "error"}
    assert missing == {"10", "175", "15"}


def test_malformed_rows_do_not_crash_the_validator():
    report = clean()
    report.table3["R1"] = report.table3["R1"][:3]  # a row cut short
    report.table4["review"] = []
    findings = validate(report)
    assert "H6" in rules_of(findings, "error")


def test_every_arithmetic_rule_is_registered_as_an_error():
    for rule_id in ("H1", "H2", "H3", "H4", "H5", "H6"):
        assert RULES[rule_id].severity == "error"
        assert RULES[rule_id].title and RULES[rule_id].basis


def test_a_parsed_single_other_row_with_absent_sub_rows_is_one_note_not_missing_cells():
    report = clean()
    for key in ("R3f1", "R3f2", "R3f3"):
        report.table3[key] = [Cell.missing() for _ in range(7)]
    report.table3_extra_rows["（六）其他处理"] = [Cell(v) for v in (158, 1, 0, 0, 0, 0, 159)]
    findings = validate(report)
    assert [(f.rule, f.severity) for f in findings] == [("H6", "warning")]
    assert "作为一行填报" in findings[0].message
