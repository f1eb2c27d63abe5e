"""Agency names: OCR-confused place names are corrected against the gazetteer, real ones never."""

from __future__ import annotations

import json

import jsonschema
import pytest

from gongkai.core.report import SCHEMA_PATH
from gongkai.core.report.parse import divisions, parse_text
from gongkai.core.report.parse.divisions import PlaceCorrection, correct_agency, is_division
from gongkai.core.report.schema import Report

from .rp_helpers import SAMPLES


def test_it_corrects_a_county_that_does_not_exist_to_the_one_that_does():
    assert not is_division("沐阳县") and is_division("沭阳县")
    agency, (fix,) = correct_agency("沐阳县人民政府")
    assert agency == "沭阳县人民政府"
    assert fix == PlaceCorrection("沐阳县", "沭阳县")
    assert fix.note == "机关名称中的“沐阳”按行政区划名称更正为“沭阳”（原文如此）"


def test_a_real_division_with_a_confusable_character_stays():
    # 沐川县 (四川省乐山市) is real, although 沐/沭 is the confusion corrected above
    assert correct_agency("沐川县人民政府") == ("沐川县人民政府", [])
    assert correct_agency("乐山市沐川县教育局") == ("乐山市沐川县教育局", [])
    # …and its misprint goes back to it
    assert correct_agency("乐山市沭川县教育局")[0] == "乐山市沐川县教育局"


@pytest.mark.parametrize(
    ("printed", "corrected", "note_part"),
    [
        ("宿迁市沐阳县人民政府办公室", "宿迁市沭阳县人民政府办公室", "“沐阳”按行政区划名称更正为“沭阳”"),
        ("毫州市人民政府", "亳州市人民政府", "“毫州”按行政区划名称更正为“亳州”"),
        ("安徽省毫州市谯城区人民政府", "安徽省亳州市谯城区人民政府", "“毫州”"),
        ("雎宁县财政局", "睢宁县财政局", "“雎宁”按行政区划名称更正为“睢宁”"),
        ("临沐县人民政府", "临沭县人民政府", "“临沐”"),
    ],
)
def test_synthetic_misprints(printed, corrected, note_part):
    agency, fixes = correct_agency(printed)
    assert agency == corrected
    assert len(fixes) == 1 and note_part in fixes[0].note


def test_the_correction_must_lie_under_the_province_printed_before_it():
    # 沐川县 is in 四川, so 「江苏省沭川县」 is not read as 沐川县
    assert correct_agency("江苏省沭川县人民政府") == ("江苏省沭川县人民政府", [])
    assert correct_agency("四川省沭川县人民政府")[0] == "四川省沐川县人民政府"


def test_what_is_not_a_place_name_part_is_left_alone():
    for name in (
        "国家税务总局沐阳县税务局",  # the place is not at the start
        "沪县人民政府",  # one character and a suffix: too little to go on (泸县 exists)
        "盐边县新九镇人民政府",  # towns are not in the gazetteer
        "平潭综合实验区",
        "某某县人民政府",
    ):
        assert correct_agency(name) == (name, []), name


def test_names_merged_since_2019_are_real_too():
    assert is_division("太谷县") and is_division("太谷区")  # 2019 撤县设区
    assert correct_agency("太谷县人民政府") == ("太谷县人民政府", [])


def test_two_equally_close_divisions_leave_the_name_as_printed(monkeypatch):
    one = divisions._parse("# 测试\n甲省 乙市 己城县\n")
    two = divisions._parse("# 测试\n甲省 乙市 己城县 巳城县\n")
    monkeypatch.setattr(divisions, "_gazetteer", lambda: one)
    assert correct_agency("已城县人民政府")[0] == "己城县人民政府"
    monkeypatch.setattr(divisions, "_gazetteer", lambda: two)
    assert correct_agency("已城县人民政府") == ("已城县人民政府", [])  # 己城县 or 巳城县?


def test_no_real_division_is_ever_changed():
    names = list(divisions._gazetteer().parents)
    assert len(names) > 3000
    for name in names:
        assert correct_agency(name + "人民政府") == (name + "人民政府", []), name


def test_a_misprint_goes_back_to_its_own_division_or_stays():
    changed = 0
    for name in divisions._gazetteer().parents:
        for printed in set(divisions._variants(name)):
            if is_division(printed):
                continue
            agency, fixes = correct_agency(printed + "办公室")
            assert agency in (printed + "办公室", name + "办公室"), (printed, agency)
            changed += bool(fixes)
    assert changed > 100


def test_parse_text_keeps_a_real_name_and_records_no_note():
    text = (SAMPLES / "034_shuyang_xzf_2025_mdtxt.txt").read_text(encoding="utf-8").replace("沐阳", "沭阳")
    report = parse_text(text)
    assert report.agency == "沭阳县人民政府" and report.notes == []
    assert report.to_json()["provenance"]["agency"] == {"source": "标题", "confidence": 1.0}


def test_notes_travel_through_the_interchange_json_and_fit_the_schema():
    report = parse_text((SAMPLES / "034_shuyang_xzf_2025_mdtxt.txt").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert Report.from_json(data).notes == report.notes
    with pytest.raises(ValueError, match="notes"):
        Report.from_json({**data, "notes": "更正"})
