"""信息处理费 (国办函〔2020〕109号, docs/law.md §3.3)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.law.fees import (
    FeeMethod,
    choose,
    fee_by_piece,
    fee_by_volume,
    fee_per_piece,
    monthly_total,
    validate_single_method,
)


@pytest.mark.parametrize(
    ("n", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)]
)
def test_per_piece_tiers(n, fee):
    assert fee_per_piece(n) == fee


def test_the_law_md_example_45_pieces_is_5500_yuan():
    calc = fee_by_piece(0, 45)
    assert calc.amount_yuan == monthly_total(45) == 5500
    assert calc.method is FeeMethod.PER_PIECE
    assert "第11—30件：11—30件档，20件 × 100元/件 = 2000元" in calc.text
    assert "第41—45件：41—50件档，5件 × 300元/件 = 1500元" in calc.text
    assert calc.lines[-1] == "合计：5500元。"


def test_the_count_continues_across_the_month():
    assert fee_by_piece(10, 1).amount_yuan == 100  # the 11th
    assert fee_by_piece(9, 1).amount_yuan == 0
    assert fee_by_piece(29, 2).amount_yuan == 300  # 30th (100) + 31st (200)


@given(st.integers(0, 200), st.integers(1, 60))
def test_splitting_a_month_never_changes_the_total(before, pieces):
    assert monthly_total(before) + fee_by_piece(before, pieces).amount_yuan == monthly_total(before + pieces)


@pytest.mark.parametrize(("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)])
def test_per_volume_tiers(pages, fee):
    assert fee_by_volume(pages).amount_yuan == fee


def test_volume_calculation_is_shown():
    text = fee_by_volume(250).text
    assert "第201—250页：201页以上部分，50页 × 40元/页 = 2000元" in text
    assert "合计：4700元。" in text


def test_one_method_per_application():
    assert choose("per_piece", already_this_month=12).amount_yuan == 100
    assert choose(FeeMethod.PER_VOLUME, pages=31).amount_yuan == 10
    assert choose("none").amount_yuan == 0
    with pytest.raises(ValueError, match="不得同时按照两种标准"):
        choose("per_piece", already_this_month=12, pages=40)
    with pytest.raises(ValueError, match="不得同时按照两种标准"):
        choose("per_volume", pages=40, pieces=1)
    with pytest.raises(ValueError, match="不得同时按照两种标准"):
        validate_single_method(["per_piece", "per_volume"])
    validate_single_method(["per_piece", "none", "per_piece"])


def test_bad_input_is_a_chinese_error():
    with pytest.raises(ValueError, match="页数"):
        fee_by_volume(-1)
    with pytest.raises(ValueError, match="件数"):
        fee_by_piece(-1)
    with pytest.raises(ValueError, match="未知的计费方式"):
        choose("both")
    with pytest.raises(ValueError, match="须填写页数"):
        choose("per_volume")
