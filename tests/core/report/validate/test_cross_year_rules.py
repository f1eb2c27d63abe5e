"""Y1–Y3: this year's report against last year's (docs/law.md §2.10)."""

from gongkai.core.report.validate import validate

from .helpers import clean, put, rules_of, sample


def two_years():
    previous = clean()
    previous.year = 2024
    report = clean()
    # Last year's carry-out becomes this year's carry-in: 36 自然人 in the sample.
    for col in ("natural_person", "total"):
        put(previous, f"table3.R4.{col}", 36)
    # Y2: 行政规范性文件 现行有效 32 = 27 + 6 − 1.
    put(previous, "table2.行政规范性文件.现行有效件数", 27)
    return report, previous


def test_consistent_years_pass():
    report, previous = two_years()
    previous.table3["R1"], previous.table3["R3g"] = previous.table3["R1"], previous.table3["R3g"]
    assert validate(report, previous, rules=["Y1", "Y2", "Y3", "P1"]) == []


def test_y1_flags_carry_in_that_differs_from_last_years_carry_out_as_an_error_for_the_same_agency():
    report, previous = two_years()
    put(previous, "table3.R4.natural_person", 30)
    put(previous, "table3.R4.total", 30)
    findings = validate(report, previous, rules=["Y1"])
    assert rules_of(findings, "error") == ["Y1", "Y1"]
    assert findings[0].cells == ["table3.R2.natural_person", "previous.table3.R4.natural_person"]
    assert "本年「上年结转」为36，但上年「结转下年度继续办理」为30" in findings[0].message


def test_y1_only_warns_when_the_agency_differs():
    report, previous = two_years()
    put(previous, "table3.R4.total", 30)
    previous.agency = "宿迁市沭阳县人民政府（合并前）"
    findings = validate(report, previous, rules=["Y1"])
    assert rules_of(findings) == ["Y1"] and findings[0].severity == "warning"
    assert "机关名称不同" in findings[0].message


def test_y1_refuses_a_previous_report_of_the_wrong_year():
    report, previous = two_years()
    previous.year = 2020
    findings = validate(report, previous, rules=["Y1"])
    assert len(findings) == 1 and findings[0].severity == "warning"
    assert "不是2024年" in findings[0].message


def test_y1_skips_columns_missing_last_year_and_h6_says_so():
    report, previous = two_years()
    put(previous, "table3.R4.total", "missing")
    findings = validate(report, previous, rules=["Y1", "H6"])
    assert [f.rule for f in findings] == ["H6"]
    assert "Y1：「总计」列（缺失）" in findings[0].message


def test_y2_warns_when_valid_documents_do_not_follow_from_last_year():
    report, previous = two_years()
    put(previous, "table2.行政规范性文件.现行有效件数", 20)
    findings = validate(report, previous, rules=["Y2"])
    assert len(findings) == 1 and findings[0].severity == "warning"
    assert findings[0].message == "表二「行政规范性文件」现行有效件数为32，而上年现行有效20＋本年制发6－本年废止1＝25"


def test_y3_notes_a_format_change_and_y2_p1_are_not_chained_across_it():
    report, _ = two_years()
    previous = sample("012_shanghai_szfbgt_2019")
    previous.year, previous.agency = 2024, report.agency
    findings = validate(report, previous, rules=["Y2", "Y3", "P1"])
    assert rules_of(findings) == ["Y3"]
    assert "表二口径不同" in findings[0].message
