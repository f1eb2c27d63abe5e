"""The published JSON Schema describes the interchange format of every sample."""

import json

import jsonschema
import pytest

from gongkai.core.report import SCHEMA_PATH, json_schema
from gongkai.core.report.schema import Report
from gongkai.core.report.validate import validate
from gongkai.core.vocabulary import TABLE3_ROWS, TABLE3_ROWS_2019

from .helpers import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.json"))


def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_to_json_of_every_sample_validates(path):
    report = Report.from_json(json.loads(path.read_text(encoding="utf-8")))
    validate(report)  # with findings, so they are covered too
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    validator().validate(data)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_the_expected_files_themselves_validate(path):
    validator().validate(json.loads(path.read_text(encoding="utf-8")))


def test_schema_rejects_wrong_labels_and_shapes():
    data = json.loads((SAMPLES / "seed.json").read_text(encoding="utf-8"))
    v = validator()
    bad_label = json.loads(json.dumps(data))
    bad_label["table3"]["一、本年新收申请"] = bad_label["table3"].pop("一、本年新收政府信息公开申请数量")
    assert not v.is_valid(bad_label)
    short_row = json.loads(json.dumps(data))
    short_row["table4"]["行政复议"] = [0, 0, 0]
    assert not v.is_valid(short_row)
    wrong_format = json.loads(json.dumps(data))
    wrong_format["format_version"] = "2019"  # 2021 labels under the 2019 format
    assert not v.is_valid(wrong_format)


def test_schema_row_labels_are_the_vocabulary():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    branch = schema["allOf"][0]
    assert list(branch["else"]["properties"]["table3"]["properties"]) == [r.label for r in TABLE3_ROWS]
    assert list(branch["then"]["properties"]["table3"]["properties"]) == [r.label for r in TABLE3_ROWS_2019]
