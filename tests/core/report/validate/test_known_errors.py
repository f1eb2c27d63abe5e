"""The validator finds exactly the `known_errors` of the real samples, and nothing false on the
clean ones (copies of shared/samples/expected/*.json, byte for byte).

`known_errors` are free text written by hand; EXPECTED maps each of them to the findings that
state it. Findings about the narrative need `Report.facts`, which the JSON files do not carry, so
NARRATIVE adds the facts each document's text states (quoted next to them).
"""

import json

import pytest

from gongkai.core.report.schema import Fact, Report
from gongkai.core.report.validate import validate

from .helpers import SAMPLES

NARRATIVE = {
    # 「共受理政府信息公开申请859件…答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请…
    # 顺延到下年度答复）…予以公开及部分公开258件…不予公开35件…因本机关不掌握等原因无法提供265件…
    # 不予处理158件…其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持」; 「主动公开规章13件，
    # 行政规范性文件60件」
    "012_shanghai_szfbgt_2019": {
        "new_received": 859, "handled": 805, "carried_over": 18, "carried_forward": 72,
        "disclosed_or_partial": 258, "denied": 35, "unable": 265, "not_processed": 158, "other_handling": 0,
        "review_cases": 7, "litigation_cases": 9, "all_upheld": 1, "regulations": 13, "normative_documents": 60,
    },
    # layout_notes: 「受理749 (=713+36)…办理718, 结转31; 复议诉讼案件74 (=61+3+10)」
    "034_shuyang_xzf_2025_mdtxt": {"received_total": 749, "handled": 718, "carried_forward": 31, "remedy_cases": 74},
}

SHANGHAI_BLANK_TOTALS = {  # known_errors[0]: 「true totals would be 272, 3, 14, 5, 4, 12, 265, 47, 25, 149, 9」
    "R3a": 272, "R3b": 3, "R3c1": 14, "R3c5": 5, "R3c6": 4, "R3c8": 12, "R3d1": 265, "R3d2": 47, "R3d3": 25,
    "R3e1": 149, "R3e2": 9,
}

# (rule, first evidence cell) per known error; the value is the known_errors index it states.
EXPECTED = {
    "001_huaian_szf_2024_layout": {},
    "003_hongze_qzf_2023_layout": {("H4", "table4.review.total"): 0, ("H4", "table4.suit_after_review.total"): 1},
    "012_shanghai_szfbgt_2019": {
        **{("H2", f"table3.{k}.total"): 0 for k in SHANGHAI_BLANK_TOTALS},
        ("X1", "facts.disclosed_or_partial"): 1,
        ("X2", "facts.all_upheld"): 2,
        # Not in known_errors but true: 「无法提供265件」 is only 三(四)1; 三(四)1–3 add up to 265+47+25=337.
        ("X1", "facts.unable"): None,
    },
    "026_pingtan_qu_2021_pagetxt": {},
    "034_shuyang_xzf_2025_mdtxt": {},
    "seed": {},
}


def load(name: str) -> tuple[dict, Report]:
    data = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    report = Report.from_json(data)
    for key, value in NARRATIVE.get(name, {}).items():
        report.facts[key] = Fact(value, source="正文")
    return data, report


def test_every_sample_is_covered():
    assert sorted(p.stem for p in SAMPLES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validator_finds_exactly_the_known_errors(name):
    data, report = load(name)
    findings = validate(report)
    # Errors, and the narrative warnings (X) the known_errors list as errors of the document.
    found = {(f.rule, f.cells[0]) for f in findings if f.severity == "error" or f.rule.startswith("X")}
    assert found == set(EXPECTED[name])
    stated = {i for i in EXPECTED[name].values() if i is not None}
    assert stated == set(range(len(data["known_errors"])))


def test_shanghai_blank_totals_are_reported_with_their_true_sums():
    _, report = load("012_shanghai_szfbgt_2019")
    h2 = {f.cells[0].split(".")[1]: f.message for f in validate(report) if f.rule == "H2"}
    for key, total in SHANGHAI_BLANK_TOTALS.items():
        assert h2[key].endswith(f"总计栏空白，但各类申请人之和为{total}")


def test_clean_samples_raise_no_warning_either():
    for name in ("001_huaian_szf_2024_layout", "026_pingtan_qu_2021_pagetxt", "034_shuyang_xzf_2025_mdtxt", "seed"):
        _, report = load(name)
        assert validate(report) == [], name


def test_hongze_single_other_row_is_a_format_note_not_an_error():
    _, report = load("003_hongze_qzf_2023_layout")
    notes = [f for f in validate(report) if f.rule == "H6"]
    assert [f.severity for f in notes] == ["warning"]
