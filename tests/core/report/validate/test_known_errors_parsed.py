"""End to end: the published sample documents, parsed, then validated, give exactly the errors
their `known_errors` list (tests/core/report/validate/test_known_errors.py checks the validator alone,
from the expected JSON)."""

from pathlib import Path

import pytest

from gongkai.core.report.validate import validate

parse = pytest.importorskip("gongkai.core.report.parse", reason="the parser is not available yet")

REPORTS = Path(__file__).resolve().parents[5] / "shared" / "samples" / "reports"
SEED = REPORTS.parent.parent / "seed" / "000_eea4a711c55947f4.txt"
pytestmark = pytest.mark.skipif(not REPORTS.is_dir(), reason="shared/samples is not available")

ERRORS = {
    "001_huaian_szf_2024.pdf": set(),
    "001_huaian_szf_2024_layout.txt": set(),
    "003_hongze_qzf_2023.pdf": {("H4", "table4.review.total"), ("H4", "table4.suit_after_review.total")},
    "003_hongze_qzf_2023_layout.txt": {("H4", "table4.review.total"), ("H4", "table4.suit_after_review.total")},
    "012_shanghai_szfbgt_2019.html": {
        ("H2", f"table3.{k}.total")
        for k in ("R3a", "R3b", "R3c1", "R3c5", "R3c6", "R3c8", "R3d1", "R3d2", "R3d3", "R3e1", "R3e2")
    },
    "026_pingtan_qu_2021_pagetxt.txt": set(),
    "034_shuyang_xzf_2025_mdtxt.txt": set(),
}


# Narrative mismatches (X1/X2 warnings) that known_errors lists: 012's 「予以公开及部分公开258件」
# (table: 272 + 3) and 「均获维持」 (table: 3 cases 尚未审结).
NARRATIVE = {"012_shanghai_szfbgt_2019.html": {("X1", "facts.disclosed_or_partial"), ("X2", "facts.all_upheld")}}
# True but unlisted: 「无法提供265件」 is only 三(四)1 (the group adds up to 337), if the parser reads it.
JUSTIFIED = {("X1", "facts.unable")}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_parsed_sample_has_exactly_its_known_errors(name):
    report = parse.parse_file(REPORTS / name)
    findings = validate(report)
    errors = [f for f in findings if f.severity == "error"]
    assert {(f.rule, f.cells[0]) for f in errors if f.rule != "H6"} == ERRORS[name]
    narrative = {(f.rule, f.cells[0]) for f in findings if f.rule.startswith("X")}
    expected = NARRATIVE.get(name, set())
    assert expected <= narrative <= expected | JUSTIFIED
    # H6 states what the parser could not read. It is an error exactly for the cells the document
    # lacks; cells it prints but the reader cannot decide (e.g. 平潭 表二 「693665」, which no 勾稽
    # relation splits uniquely) are a warning that makes the verdict 「无法判定」 (issue 18).
    # (A （六） printed as one row, as in 洪泽区, is a format note, not 21 missing cells.)
    collapsed = ("R3f1", "R3f2", "R3f3") if report.table3_extra_rows else ()
    unread = {p for p, c in report.cells() if not c.found and p.split(".")[1] not in collapsed}
    undecided = report.undecided_paths()
    assert {p for f in errors if f.rule == "H6" for p in f.cells} == unread - undecided
    unsure = {p for f in findings if f.rule == "H6" and f.severity == "warning" and "无法判定" in f.message
              for p in f.cells}
    assert unsure == unread & undecided


def test_the_seed_is_clean():
    report = parse.parse_file(SEED)
    assert [f for f in validate(report) if f.severity == "error"] == []
