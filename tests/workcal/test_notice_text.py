"""Reading the arrangement as the 国务院办公厅 notice prints it (the entry form's text)."""

from datetime import date

import pytest

from gongkai.core.law.calendar import chinese_calendar_entries
from gongkai.workcal.notice_text import NoticeTextError, format_notice_text, parse_notice_text
from gongkai.workcal.services import build_arrangement

D = date

# The 2025 notice's wording (国办发明电〔2024〕12号, docs/law.md §6.1 S20), as pasted by an administrator.
NOTICE_2025 = """一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
"""


def test_the_2025_notice_text_gives_exactly_the_seeded_2025():
    off, work = parse_notice_text(2025, NOTICE_2025)
    assert (D(2025, 1, 28), D(2025, 2, 4), "春节") in off
    assert (D(2025, 4, 4), D(2025, 4, 6), "清明节") in off  # 「至6日」: same month
    assert (D(2025, 5, 31), D(2025, 6, 2), "端午节") in off
    assert [d for d, _ in work] == [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]
    arrangement, notes = build_arrangement(2025, off, work)
    seeded = chinese_calendar_entries([2025])
    assert {d: off for d, (off, _) in arrangement.entries.items()} == {d: off for d, (off, _) in seeded.items()}
    assert notes  # the weekends inside ranges are mentioned, not stored


def test_iso_dates_and_explicit_years_work():
    off, work = parse_notice_text(2012, "元旦：2012-01-01 至 2012-01-03 放假；2011年12月31日上班")
    assert off == [(D(2012, 1, 1), D(2012, 1, 3), "元旦")]
    assert work == [(D(2011, 12, 31), "元旦")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("春节：放假七天", "第1行：没有找到日期"),
        ("元旦：1月1日放假\n春节：2月30日放假", "第2行：「2月30日」不是有效日期"),
        ("", "请按通知逐条填写"),
        ("清明：4月4日至31日放假", "不是有效日期"),
    ],
)
def test_unreadable_lines_are_named(text, message):
    with pytest.raises(NoticeTextError) as exc:
        parse_notice_text(2025, text)
    assert any(message in e for e in exc.value.errors), exc.value.errors


@pytest.mark.parametrize("year", range(2008, 2027))
def test_every_seeded_year_round_trips_through_the_form_text(year):
    """Prefill text → parse → entries gives back the stored entries (what an edit starts from)."""
    entries = {
        d: v for d, v in chinese_calendar_entries(range(year - 1, year + 2)).items()
        if (d.year + (d.month == 12 and v[1] == "元旦")) == year
    }
    text = format_notice_text(year, entries)
    off, work = parse_notice_text(year, text)
    arrangement, _ = build_arrangement(year, off, work)
    assert {d: o for d, (o, _) in arrangement.entries.items()} == {d: o for d, (o, _) in entries.items()}
