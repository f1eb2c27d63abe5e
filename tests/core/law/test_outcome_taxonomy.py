"""The outcome vocabulary (core/vocabulary.py) against table 三 of the 2021 format (docs/law.md §1.5, §2.5)."""

import re

import pytest

from gongkai.core.vocabulary import (
    OUTCOMES,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_RESULT_ROWS,
    TABLE3_ROW,
    ApplicantKind,
    Outcome,
)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_maps_to_exactly_one_result_row(outcome):
    rows = [key for key in TABLE3_RESULT_ROWS if key == outcome.row]
    assert len(rows) == 1
    assert outcome.info.row in TABLE3_ROW
    assert outcome.info.row not in ("R1", "R2", "R3g", "R4")  # counts, not outcomes


def test_every_result_row_has_an_outcome():
    assert {o.row for o in Outcome} == set(TABLE3_RESULT_ROWS)


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.OTHER])
def test_every_outcome_names_its_legal_basis(outcome):
    assert re.search(r"第[一二三四五六七八九十]+条|109号|三\(五\)5", outcome.info.basis), outcome


def test_refusals_are_the_deny_rows_and_partial():
    refusals = {o for o in Outcome if o.info.refusal}
    # 36(七) 行政查询事项 (R3c8) is counted as 不予公开 and carries the 复议前置 notice by default (README「法律参数」).
    assert {o.row for o in refusals} == {"R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8"}


def test_law_md_mapping_rows():
    expected = {
        "already_public": "R3a", "disclose": "R3a", "partial": "R3b", "not_exist": "R3d1", "not_our_info": "R3d1",
        "need_creation": "R3d2", "still_unclear": "R3d3", "mass_repeat": "R3e4", "abandoned_no_fee": "R3f2",
        "abandoned_no_correction": "R3f1", "other": "R3f3", "refer_special_law": "R3c8",
    }
    assert {k: Outcome(k).row for k in expected} == expected
    assert len(OUTCOMES) == len(Outcome)


def test_applicant_categories_are_the_table_columns():
    assert TABLE3_COLUMN_LABELS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    assert TABLE3_COLUMNS[:-1] == tuple(k.value for k in ApplicantKind)
    assert [k for k in ApplicantKind if not k.is_organisation] == [ApplicantKind.NATURAL_PERSON]
