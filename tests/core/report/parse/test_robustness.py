"""Random text and bytes never raise anything but ParseError (and never an internal one).

The long run (≥ 100 000 inputs) is `bench/fuzz_parse.py`; this keeps a quick version in the suite.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import examples
from gongkai.core.report.parse import ParseError, parse_bytes, parse_text

from .rp_builders import FRAGMENTS, STYLES, layout, random_values

fragments = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)


def _quiet(fn, arg, *rest):
    try:
        fn(arg, *rest)
    except ParseError as exc:
        assert not exc.internal, str(exc)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_random_report_like_text_only_raises_parse_error(text):
    _quiet(parse_text, text)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.binary(max_size=400), st.sampled_from([None, "a.txt", "a.html", "a.pdf", "a.docx", "a.json", "a.xlsx"])
)
def test_random_bytes_only_raise_parse_error(data, name):
    _quiet(parse_bytes, data, name)


@settings(max_examples=examples(150), deadline=None)
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


@settings(max_examples=examples(40), deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(STYLES))
def test_random_valid_reports_round_trip_through_every_text_layout(seed, style):
    values = random_values(random.Random(seed), big=seed % 2 == 0)
    report = parse_text(layout(values, style))
    for key, row in values["t3"].items():
        assert [c.value for c in report.table3[key]] == row
    assert not report.missing
