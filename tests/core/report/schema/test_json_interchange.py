import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.core.report.schema import Report

SEED = Path(__file__).resolve().parents[1] / "validate" / "samples" / "seed.json"


def seed_json():
    return json.loads(SEED.read_text(encoding="utf-8"))


def test_it_round_trips_the_interchange_values():
    data = seed_json()
    report = Report.from_json(data)
    again = Report.from_json(report.to_json())
    assert again.values() == report.values()
    assert report.table2["行政规范性文件"]["本年制发件数"].value == 4


def test_it_keeps_decimal_fee_amounts_exact():
    data = seed_json()
    data["table2"]["行政事业性收费"]["本年收费金额(单位:万元)"] = 24252.311082
    report = Report.from_json(data)
    cell = report.table2["行政事业性收费"]["本年收费金额（单位：万元）"]
    assert cell.value == Decimal("24252.311082")
    assert report.to_json()["table2"]["行政事业性收费"]["本年收费金额(单位:万元)"] == 24252.311082


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["table4"].update({"行政赔偿": [0, 0, 0, 0, 0]}), "表四行标签无法识别"),
        (lambda d: d["table3"].update({"（七）总计": [0, 0, 0]}), "应有7列"),
        (lambda d: d["table4"].update({"行政复议": [0, 0, 0, 0]}), "应有5列"),
        (lambda d: d["fees"].update({"collected_yuan": float("nan")}), "不是有限数"),
        (lambda d: d["table3"].update({"（一）予以公开": [0, 0, 0, 0, 0, 0, {"x": 1}]}), "应为数字、文本或空"),
        (lambda d: d.update({"format_version": "2008"}), "不支持的格式版本"),
        (lambda d: d.update({"year": "二〇二二"}), "年度应为整数"),
    ],
)
def test_it_refuses_malformed_interchange_with_a_chinese_message(mutate, message):
    data = seed_json()
    mutate(data)
    with pytest.raises(ValueError, match=message):
        Report.from_json(data)


def test_short_rows_read_as_missing_cells_not_index_errors():
    report = Report.blank()
    report.table3["R1"] = report.table3["R1"][:3]
    assert report.t3("R1", "total").found is False
    assert report.t4("review", 9).found is False
