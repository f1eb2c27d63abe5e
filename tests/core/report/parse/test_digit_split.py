"""Digits of adjacent cells run together: split only where the 勾稽 relations make it unique."""

from __future__ import annotations

from gongkai.core.report.parse import parse_text
from gongkai.core.report.parse.split import row_total_ok, split_runs, table4_totals_ok


def test_row_total_makes_the_split_unique():
    sols, complete = split_runs(["713000074"], 7, row_total_ok)
    assert complete and sols == [(71, 3, 0, 0, 0, 0, 74)]


def test_white_space_is_a_cut_that_must_be_kept():
    sols, _ = split_runs(["500000", "5"], 7, row_total_ok)
    assert sols == [(5, 0, 0, 0, 0, 0, 5)]


def test_no_leading_zeros_and_no_solution_is_reported_empty():
    assert split_runs(["05"], 2)[0] == [(0, 5)]
    assert split_runs(["123"], 7)[0] == []  # fewer digits than cells
    assert split_runs(["1111111"], 7, row_total_ok)[0] == []  # 1×6 ≠ 1


def test_ambiguous_without_relations():
    sols, complete = split_runs(["693665"], 3)
    assert complete and (69, 3, 665) in sols and len(sols) > 1


def test_table_four_groups():
    sols, complete = split_runs(["10203120001200000"], 15, table4_totals_ok)
    assert complete and sols == [(1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)]


def test_the_search_is_bounded():
    sols, complete = split_runs(["1" * 60], 15)
    assert not complete  # too many readings: reported ambiguous, never a guess
    assert len(sols) <= 51


_T3 = (
    "一、总体情况\n三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "一、本年新收政府信息公开申请数量{r1}二、上年结转政府信息公开申请数量{r2}三、本年度办理结果（一）予以公开{r3a}"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）{r3b}（七）总计{r3g}四、结转下年度继续办理{r4}"
)


def test_split_across_rows_with_the_column_relations():
    # 「1111113」 alone has no unique split... but here each row's own total fixes it.
    text = _T3.format(
        r1="713000074", r2="0000000", r3a="600000060", r3b="1100011", r3g="713000074", r4="0000000"
    )
    r = parse_text(text)
    assert [c.value for c in r.table3["R1"]] == [71, 3, 0, 0, 0, 0, 74]
    assert [c.value for c in r.table3["R3a"]] == [60, 0, 0, 0, 0, 0, 60]
    assert r.table3["R1"][0].raw == "713000074" and r.table3["R1"][0].confidence < 1


def test_ambiguous_row_is_resolved_by_h1_or_reported():
    # 「110000011」 alone is 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11; H1 (R1+R2 = R3g+R4) picks one
    assert len(split_runs(["110000011"], 7, row_total_ok)[0]) == 2
    text = _T3.format(
        r1="110000011",
        r2="0000000",
        r3a="1 10 0 0 0 0 11",
        r3b="0000000",
        r3g="1 10 0 0 0 0 11",
        r4="0000000",
    )
    r = parse_text(text)
    assert [c.value for c in r.table3["R1"]] == [1, 10, 0, 0, 0, 0, 11]
    # when the other side of H1 is just as ambiguous, nothing is chosen
    text = _T3.format(
        r1="110000011", r2="0000000", r3a="1 10 0 0 0 0 11", r3b="0000000", r3g="110000011", r4="0000000"
    )
    r = parse_text(text)
    assert not any(c.found for c in r.table3["R1"]) and not any(c.found for c in r.table3["R3g"])
    assert any("「110000011」有2种拆分方式" in m and "一、本年新收" in m for m in r.missing)


def test_unsplittable_row_is_missing_with_the_digits_quoted():
    text = _T3.format(r1="99999999", r2="0000000", r3a="0000000", r3b="0000000", r3g="0000000", r4="0000000")
    r = parse_text(text)
    assert not any(c.found for c in r.table3["R1"])
    assert any("「99999999」" in m and "一、本年新收" in m for m in r.missing)
