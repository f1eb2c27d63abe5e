"""The JSON rendering is the interchange format and reads back to the same report."""

import json

import jsonschema
import pytest

from gongkai.core.report import json_schema
from gongkai.core.report.render import FORMATS, render, render_json
from gongkai.core.report.schema import Report

from .helpers import SAMPLE_NAMES, sample


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_json_round_trip_keeps_the_values(name):
    report = sample(name)
    text = render_json(report)
    jsonschema.validate(json.loads(text), json_schema())
    assert Report.from_json(json.loads(text)).values() == report.values()
    assert "自然人" not in text or "\\u" not in text  # Chinese stays readable


def test_dispatcher_knows_every_format_and_refuses_others_in_chinese():
    report = sample("seed")
    assert set(FORMATS) == {"html", "docx", "pdf", "xlsx", "json"}
    assert isinstance(render(report, "html"), str) and isinstance(render(report, "xlsx"), bytes)
    with pytest.raises(ValueError, match="不支持的输出格式"):
        render(report, "odt")
