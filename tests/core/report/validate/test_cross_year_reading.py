"""Cross-year checks on parsed documents (issue 18): Y1 finds a carry-over that disagrees with last
year's report, and decides a printed but ambiguous split when exactly one candidate fits it.

The documents are derived at test time from the shared sample 026 (平潭综合实验区 2021, crawler text
whose digits run together)."""

import io
import json
from pathlib import Path

from gongkai.core.report.cli import main
from gongkai.core.report.parse import parse_file, parse_text
from gongkai.core.report.validate import Verdict, validate, verdict
from gongkai.core.report.validate.crossyear import check_history, pair_years

SAMPLE = Path(__file__).resolve().parent.parent / "parse" / "samples" / "026_pingtan_qu_2021_pagetxt.txt"
EXPECTED = Path(__file__).resolve().parent / "samples" / "026_pingtan_qu_2021_pagetxt.json"

R2_PRINTED = "二、上年结转政府信息公开申请数量0000000"
R4_PRINTED = "四、结转下年度继续办理1000001"
# 「110000011」 splits two ways that both satisfy 总计 = Σ columns: 1|10|0|0|0|0|11 and 11|0|0|0|0|0|11
AMBIGUOUS = "110000011"


def year_2022(text: str) -> str:
    """026 as if it were the same agency's report one year later (the 2021 report is its year N−1)."""
    return text.replace("2021", "2022")


def previous_2021(tmp_path: Path, carried_forward: list[int]) -> Path:
    """Last year's report in the interchange format, with the given 「四、结转下年度继续办理」 row
    (「一、本年新收」 adjusted so that last year's own H1 holds)."""
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    handled = data["table3"]["（七）总计"]
    data["table3"]["四、结转下年度继续办理"] = carried_forward
    data["table3"]["一、本年新收政府信息公开申请数量"] = [a + b for a, b in zip(handled, carried_forward, strict=True)]
    path = tmp_path / "2021.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(map(str, argv)), out=out), out.getvalue()


def test_a_carry_over_that_disagrees_with_last_year_is_an_error(tmp_path):
    this = tmp_path / "2022.txt"
    this.write_text(year_2022(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    last = previous_2021(tmp_path, [2, 0, 0, 0, 0, 0, 2])  # last year carried 2 forward; this year says 0
    report, previous = parse_file(this), parse_file(last)
    assert (report.year, previous.year, report.agency) == (2022, 2021, previous.agency)

    findings = validate(report, previous)
    y1 = [f for f in findings if f.rule == "Y1"]
    assert {f.severity for f in y1} == {"error"}
    assert {tuple(f.cells) for f in y1} == {
        ("table3.R2.natural_person", "previous.table3.R4.natural_person"),
        ("table3.R2.total", "previous.table3.R4.total"),
    }
    assert verdict(report) is Verdict.INCONSISTENT
    # the CLI: explicitly with --previous, and as a directory of the agency's two years
    status, text = run("check", this, "--previous", last)
    assert status == 1 and "[错误] Y1 表三「自然人」列：本年「上年结转」为0，但上年「结转下年度继续办理」为2" in text
    status, text = run("check", tmp_path)
    assert status == 1 and "[错误] Y1" in text


def _ambiguous_2022() -> str:
    text = year_2022(SAMPLE.read_text(encoding="utf-8"))
    # this year carried over 11 applications and (having handled as many as it received) carries
    # 11 forward again: both rows print 「110000011」, and H1 holds for either split of both
    text = text.replace(R2_PRINTED, R2_PRINTED[:-7] + AMBIGUOUS)
    text = text.replace(R4_PRINTED, R4_PRINTED[:-7] + AMBIGUOUS)
    text = text.replace("一、本年新收政府信息公开申请数量640020470", "一、本年新收政府信息公开申请数量630020469")
    return text


def test_alone_the_ambiguous_carry_over_is_undecidable_with_its_candidates():
    report = parse_text(_ambiguous_2022())
    for key in ("R2", "R4"):
        assert not any(c.found for c in report.table3[key])
        entry = report.undecided[f"table3.{key}"]
        assert sorted(entry.candidates) == [(1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)]
    validate(report)
    assert verdict(report) is Verdict.UNDECIDABLE


def test_last_years_carry_forward_decides_the_split(tmp_path):
    this = tmp_path / "2022.txt"
    this.write_text(_ambiguous_2022(), encoding="utf-8")
    last = previous_2021(tmp_path, [11, 0, 0, 0, 0, 0, 11])
    report, previous = parse_file(this), parse_file(last)

    findings = validate(report, previous)
    assert [c.value for c in report.table3["R2"]] == [11, 0, 0, 0, 0, 0, 11]
    assert report.t3("R2", "total").source == "依据上年报告确定"
    # with R2 decided, H1 decides this year's 「结转下年度」 too
    assert [c.value for c in report.table3["R4"]] == [11, 0, 0, 0, 0, 0, 11]
    assert report.t3("R4", "total").source == "依据勾稽关系确定"
    assert report.undecided.get("table3.R2") is None and report.undecided.get("table3.R4") is None
    assert any(n.startswith("表三「二、上年结转政府信息公开申请数量」依据上年报告确定：11|0|0|0|0|0|11") for n in report.notes)
    assert report.to_json()["provenance"]["table3.R2.total"]["source"] == "依据上年报告确定"
    assert not [f for f in findings if f.rule == "Y1"]
    # only the 表二 split that no relation decides is left: undecidable, not an error
    assert verdict(report) is Verdict.UNDECIDABLE and set(report.undecided) == {"table2.行政规范性文件"}

    status, text = run("check", tmp_path)
    assert status == 3 and "[错误]" not in text


def test_a_last_year_that_fits_no_candidate_decides_nothing(tmp_path):
    report = parse_text(_ambiguous_2022())
    previous = parse_file(previous_2021(tmp_path, [5, 0, 0, 0, 0, 0, 5]))
    validate(report, previous)
    assert not any(c.found for c in report.table3["R2"])  # no candidate fits: nothing is picked
    assert "table3.R2" in report.undecided


def test_another_agency_never_decides_a_value(tmp_path):
    report = parse_text(_ambiguous_2022())
    previous = parse_file(previous_2021(tmp_path, [11, 0, 0, 0, 0, 0, 11]))
    previous.agency = "另一个机关"
    validate(report, previous)
    assert "table3.R2" in report.undecided


def test_history_pairs_one_agencys_consecutive_years(tmp_path):
    a21, a22 = parse_file(previous_2021(tmp_path, [11, 0, 0, 0, 0, 0, 11])), parse_text(_ambiguous_2022())
    other = parse_text(_ambiguous_2022())
    other.agency = "另一个机关"
    assert pair_years([a22, other, a21]) == {0: 2}
    findings = check_history([a22, other, a21])
    assert len(findings) == 3 and a22.t3("R2", "total").value == 11 and "table3.R2" in other.undecided
