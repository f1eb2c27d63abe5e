"""Aggregation: summing the reports of many agencies into a government-level report."""

import pytest

from gongkai.core.report.aggregate import AggregationError, aggregate
from gongkai.core.report.schema import Cell, Report

from .helpers import clean, put, sample


def dept(name: str, new: int, fee: str = "1.5", collected: int | None = 100) -> Report:
    report = Report.blank(year=2024, agency=name)
    for col in ("natural_person", "total"):
        put(report, f"table3.R1.{col}", new)
        put(report, f"table3.R3a.{col}", new)
        put(report, f"table3.R3g.{col}", new)
    put(report, "table2.行政事业性收费.本年收费金额（单位：万元）", float(fee))
    put(report, "table4.review.upheld", 1)
    put(report, "table4.review.total", 1)
    stated = collected is not None
    report.fees.notices = Cell(1 if stated else None)
    report.fees.noticed_total_yuan = Cell(collected)
    report.fees.collected_yuan = Cell(collected)
    return report


def test_sums_every_table_and_lists_who_contributed_what():
    a, b = dept("某区教育局", 3, "1.25"), dept("某区财政局", 4, "2.5", collected=None)
    result = aggregate([a, b], agency="某区人民政府（全区汇总）")
    report = result.report
    assert report.agency == "某区人民政府（全区汇总）" and report.year == 2024
    assert [c.value for c in report.table3["R1"]] == [7, 0, 0, 0, 0, 0, 7]
    assert str(report.table2["行政事业性收费"]["本年收费金额（单位：万元）"].value) == "3.75"
    assert [c.value for c in report.table4["review"]] == [2, 0, 0, 0, 2]
    assert report.findings == []  # the sum of consistent reports is consistent
    first = result.contributions[0]
    assert first.agency == "某区教育局"
    assert first.cells["table3.R1.total"] == 3 and "table3.R2.total" not in first.cells  # zeros are not listed
    # Section 六: the 财政局 did not state its fee; the sum says so instead of counting it as 0.
    assert report.fees.collected_yuan.value == 100 and report.fees.collected_yuan.confidence < 1
    assert any("某区财政局" in note and "fees.collected_yuan" in note for note in result.notes)


def test_each_input_is_validated_and_its_errors_travel_with_it():
    hongze = sample("003_hongze_qzf_2023_layout")
    other = clean()
    other.year = 2023
    result = aggregate([hongze, other])
    assert [f.rule for f in result.contributions[0].errors] == ["H4", "H4"]
    assert result.contributions[1].errors == []
    assert {f.rule for f in result.report.errors} == {"H4"}  # the wrong printed totals are summed too
    # 洪泽区 printed （六）其他处理 as one row of zeros: nothing to split, the sum keeps sub-rows 1–3.
    assert result.report.table3_extra_rows == {}
    assert result.report.table3["R3f3"][6].value == 143


def test_a_single_other_row_with_values_makes_the_sum_print_one_row():
    a = dept("甲局", 2)
    b = dept("乙局", 3)
    for key in ("R3f1", "R3f2", "R3f3"):
        b.table3[key] = [Cell(None) for _ in range(7)]
    b.table3_extra_rows["（六）其他处理"] = [Cell(1), Cell(0), Cell(0), Cell(0), Cell(0), Cell(0), Cell(1)]
    put(b, "table3.R3a.natural_person", 2)
    put(b, "table3.R3a.total", 2)
    put(a, "table3.R3f3.natural_person", 1)
    put(a, "table3.R3f3.total", 1)
    put(a, "table3.R3a.natural_person", 1)
    put(a, "table3.R3a.total", 1)
    result = aggregate([a, b])
    assert [c.value for c in result.report.table3_extra_rows["（六）其他处理"]] == [2, 0, 0, 0, 0, 0, 2]
    assert all(c.value is None for c in result.report.table3["R3f1"])
    assert result.report.errors == []


def test_missing_and_text_cells_are_not_invented_but_noted():
    a, b = dept("甲局", 2), dept("乙局", 3)
    put(b, "table3.R1.commercial", "missing")
    put(a, "table4.review.pending", "两件")
    result = aggregate([a, b])
    assert result.report.table3["R1"][1].value == 0 and result.report.table3["R1"][1].confidence < 1
    assert any("table3.R1.commercial" in n and "乙局（缺失）" in n for n in result.notes)
    assert any("「两件」不是数字" in n for n in result.notes)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a, b: setattr(b, "year", 2023), "不能汇总不同年度的报告"),
        (lambda a, b: setattr(b, "format_version", "2019"), "不能汇总不同格式版本的报告"),
        (lambda a, b: setattr(b, "agency", "甲局"), "出现了两次"),
        (lambda a, b: setattr(b, "year", None), "没有年度"),
    ],
)
def test_refuses_to_mix_years_formats_or_double_count(change, message):
    a, b = dept("甲局", 2), dept("乙局", 3)
    change(a, b)
    with pytest.raises(AggregationError, match=message):
        aggregate([a, b])


def test_refuses_a_year_other_than_the_requested_one_and_an_empty_list():
    with pytest.raises(AggregationError, match="只能汇总2025年度"):
        aggregate([dept("甲局", 1)], year=2025)
    with pytest.raises(AggregationError, match="没有可汇总的报告"):
        aggregate([])


def test_to_json_carries_the_contributions():
    data = aggregate([dept("甲局", 1), dept("乙局", 2)], agency="汇总").to_json()
    assert [c["agency"] for c in data["aggregation"]["contributions"]] == ["甲局", "乙局"]
    assert data["table3"]["一、本年新收政府信息公开申请数量"][6] == 3


def test_aggregated_json_follows_the_published_schema():
    import jsonschema

    from gongkai.core.report import json_schema

    data = aggregate([dept("甲局", 1), dept("乙局", 2)], agency="汇总").to_json()
    jsonschema.validate(data, json_schema())
