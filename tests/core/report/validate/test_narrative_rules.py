"""X1–X3: numbers quoted in the narrative against the tables (docs/law.md §2.10); warnings."""

from gongkai.core.report.schema import Fact
from gongkai.core.report.validate import FACT_KEYS, validate

from .helpers import clean, fact, rules_of, sample


def test_x1_accepts_the_narrative_of_the_shuyang_report():
    # 「受理749件（新收713＋上年结转36）…办理718件…结转31件」 (sample layout notes)
    report = clean()
    for key, value in {"received_total": 749, "new_received": 713, "carried_over": 36, "handled": 718,
                       "carried_forward": 31, "remedy_cases": 74}.items():
        fact(report, key, value)
    assert validate(report, rules=["X1", "X2", "X3"]) == []


def test_x1_flags_a_quoted_count_that_differs_from_table_three():
    report = clean()
    report.facts["handled"] = Fact(720, source="第3段", quote="办理政府信息公开申请720件")
    findings = validate(report, rules=["X1"])
    assert len(findings) == 1 and findings[0].severity == "warning"
    assert findings[0].message == "正文所述本年办理（答复）申请数为720（「办理政府信息公开申请720件」），但表三「（七）总计」为718"
    assert findings[0].cells == ["facts.handled", "table3.R3g.total"]


def test_x1_reads_a_quoted_intake_as_new_or_as_new_plus_carried_over():
    report = clean()
    fact(report, "new_received", 749)  # 713 新收 + 36 上年结转
    assert validate(report, rules=["X1"]) == []
    fact(report, "new_received", 713)
    assert validate(report, rules=["X1"]) == []
    fact(report, "new_received", 740)
    assert rules_of(validate(report, rules=["X1"])) == ["X1"]


def test_x1_sums_outcome_groups():
    report = clean()
    fact(report, "denied", 32)  # 0+0+2+2+13+2+4+9
    fact(report, "unable", 113)
    fact(report, "other_handling", 159)
    assert validate(report, rules=["X1"]) == []
    fact(report, "unable", 111)  # only 三(四)1
    assert rules_of(validate(report, rules=["X1"])) == ["X1"]


def test_x2_flags_case_counts_and_a_false_all_upheld_claim():
    report = clean()
    fact(report, "review_cases", 61)
    fact(report, "litigation_cases", 13)
    assert validate(report, rules=["X2"]) == []
    fact(report, "litigation_cases", 3)
    fact(report, "all_upheld", 1)
    findings = validate(report, rules=["X2"])
    assert [f.cells[0] for f in findings] == ["facts.litigation_cases", "facts.all_upheld"]
    assert "行政复议结果纠正10件" in findings[1].message


def test_x3_accepts_either_the_issued_or_the_valid_count():
    report = clean()
    fact(report, "normative_documents", 6)
    assert validate(report, rules=["X3"]) == []
    fact(report, "normative_documents", 32)
    assert validate(report, rules=["X3"]) == []
    fact(report, "normative_documents", 7)
    assert rules_of(validate(report, rules=["X3"])) == ["X3"]


def test_x3_reads_the_2019_columns():
    report = sample("012_shanghai_szfbgt_2019")
    fact(report, "regulations", 13)
    fact(report, "normative_documents", 60)
    assert validate(report, rules=["X3"]) == []


def test_unknown_fact_keys_are_ignored_and_every_known_key_names_its_rule():
    report = clean()
    fact(report, "something_else", 5)
    assert validate(report, rules=["X1", "X2", "X3"]) == []
    assert {rule for rule, *_ in FACT_KEYS.values()} == {"X1", "X2", "X3", "W5"}
