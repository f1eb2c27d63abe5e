"""Random text and bytes never raise anything but ParseError (and never an internal one).

The long run (≥ 100 000 inputs) is `bench/fuzz_parse.py`; this keeps a quick version in the suite.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rp_builders import STYLES, layout, random_values

from gongkai.core.report.parse import ParseError, parse_bytes, parse_text

# Pieces of real reports, so that random input reaches deep into the extractor.
FRAGMENTS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "第二十条第(一)项",
    "信息内容",
    "本年制发件数",
    "规章",
    "行政规范性文件",
    "三、收到和处理政府信息公开申请情况",
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "(一)予以公开",
    "1.属于国家秘密",
    "(六)其他处理",
    "3.其他",
    "(七)总计",
    "四、结转下年度继续办理",
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "尚未审结",
    "总计",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "发出收费通知的件数为",
    "件",
    "元",
    "2023年政府信息公开工作年度报告",
    "本年新制作数量",
    "当面申请数",
    "|",
    " | ",
    "||",
    "\n",
    " ",
    "0",
    "7",
    "713000074",
    "12.5",
    "-4-",
    "/",
    "<table>",
    "<td rowspan=9>",
    "</tr>",
    "區(qū)",
    "\u00a0",
    "？",
    "万元",
]

fragments = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)


def _quiet(fn, arg, *rest):
    try:
        fn(arg, *rest)
    except ParseError as exc:
        assert not exc.internal, str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_random_report_like_text_only_raises_parse_error(text):
    _quiet(parse_text, text)


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=400), st.sampled_from([None, "a.txt", "a.html", "a.pdf", "a.docx", "a.json", "a.xlsx"])
)
def test_random_bytes_only_raise_parse_error(data, name):
    _quiet(parse_bytes, data, name)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 10**6),
    st.sampled_from(STYLES),
    st.integers(0, 4000),
    st.sampled_from(["", "x", "|", "\n\n", "9"]),
)
def test_cut_or_damaged_reports_never_crash(seed, style, cut, junk):
    text = layout(random_values(random.Random(seed)), style)
    damaged = text[:cut] + junk + text[cut + len(junk) * 3 :]
    _quiet(parse_text, damaged)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(STYLES))
def test_random_valid_reports_round_trip_through_every_text_layout(seed, style):
    values = random_values(random.Random(seed), big=seed % 2 == 0)
    report = parse_text(layout(values, style))
    for key, row in values["t3"].items():
        assert [c.value for c in report.table3[key]] == row
    assert not report.missing
