"""Import from a holiday-cn JSON file and from a simple CSV, with Chinese errors for bad files."""

import json
from datetime import date

import pytest

from gongkai.workcal.models import CalendarDay, CalendarRevision, CalendarYear
from gongkai.workcal.services import (
    CalendarInputError,
    get_calendar,
    import_calendar_csv,
    import_holiday_cn_json,
)

D = date


def holiday_cn(year, days, papers=("https://www.gov.cn/zhengce/example.htm",)):
    return {"year": year, "papers": list(papers), "days": [{"name": n, "date": d, "isOffDay": o} for n, d, o in days]}


# 2025 as in docs/law.md §6.1 (国办发明电〔2024〕12号), holiday-cn style: every day of each range listed
DAYS_2025 = (
    [("元旦", "2025-01-01", True)]
    + [("春节", "2025-01-26", False)]
    + [("春节", f"2025-{m:02d}-{d:02d}", True) for m, d in ((1, 28), (1, 29), (1, 30), (1, 31), (2, 1), (2, 2), (2, 3), (2, 4))]
    + [("春节", "2025-02-08", False)]
    + [("清明节", f"2025-04-0{d}", True) for d in (4, 5, 6)]
    + [("劳动节", "2025-04-27", False)] + [("劳动节", f"2025-05-0{d}", True) for d in range(1, 6)]
    + [("端午节", "2025-05-31", True), ("端午节", "2025-06-01", True), ("端午节", "2025-06-02", True)]
    + [("国庆节、中秋节", "2025-09-28", False)]
    + [("国庆节、中秋节", f"2025-10-0{d}", True) for d in range(1, 9)]
    + [("国庆节、中秋节", "2025-10-11", False)]
)


def test_the_2025_json_matches_the_seeded_year_and_changes_nothing(cast, changes):
    with changes() as sent:
        revision = import_holiday_cn_json(json.dumps(holiday_cn(2025, DAYS_2025)), acting_user=cast.admin, filename="2025.json")
    assert revision.changed_dates == [] and sent == []
    assert revision.source_name == "2025.json" and revision.action == "import_json"
    year = CalendarYear.objects.get(year=2025)
    assert year.source == "holiday_cn" and year.notice_url == "https://www.gov.cn/zhengce/example.htm"


def test_importing_a_new_year(cast, changes):
    days = [("元旦", "2027-01-01", True), ("春节", "2027-02-08", True), ("春节", "2027-02-20", False)]
    with changes() as sent:
        import_holiday_cn_json(json.dumps(holiday_cn(2027, days)).encode(), acting_user=cast.admin)
    cal = get_calendar()
    assert cal.is_known_year(2027) and cal.is_working_day(D(2027, 2, 20)) and not cal.is_working_day(D(2027, 2, 8))
    assert len(sent[0]["changed_dates"]) == 365


def test_an_empty_year_stays_unknown(cast):
    """holiday-cn's placeholder for a year not yet announced is `days: []` (docs/law.md §6.1)."""
    with pytest.raises(CalendarInputError, match="未导入"):
        import_holiday_cn_json(holiday_cn(2027, [], papers=()), acting_user=cast.admin)
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not get_calendar().is_known_year(2027)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "不是有效的 JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        ("[1, 2]", "最外层应为对象"),
        ({"days": []}, "year"),
        ({"year": 2027, "days": "x"}, "days"),
        ({"year": 2027, "days": [{"name": "元旦", "date": "2027-02-30", "isOffDay": True}]}, "日期「2027-02-30」无效"),
        ({"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": "yes"}]}, "isOffDay"),
        ({"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True},
                                 {"name": "元旦", "date": "2027-01-01", "isOffDay": False}]}, "同时被列为"),
        ({"year": 2027, "days": [{"name": "x", "date": "2030-01-01", "isOffDay": True}]}, "不在2027年安排的范围内"),
    ],
)
def test_bad_json_files_get_chinese_errors(cast, data, message):
    before = CalendarRevision.objects.count()
    with pytest.raises(CalendarInputError) as exc:
        import_holiday_cn_json(data, acting_user=cast.admin)
    assert any(message in e for e in exc.value.errors), exc.value.errors
    assert CalendarRevision.objects.count() == before


def test_csv_with_header_gbk_and_year_column(cast, changes):
    text = (
        "date,is_off_day,name,year\n"
        "2027-01-01,1,元旦\n"
        "2027-02-08,是,春节\n"
        "2027-02-20,班,春节\n"
        "2026-12-31,1,元旦,2027\n"
    )
    with changes() as sent:
        revision = import_calendar_csv(text.encode("gb18030"), acting_user=cast.admin, filename="2027.csv")
    assert revision.years == [2027]
    assert CalendarDay.objects.get(date=D(2026, 12, 31)).year == 2027
    cal = get_calendar()
    assert not cal.is_working_day(D(2026, 12, 31))
    assert D(2026, 12, 31) in sent[0]["changed_dates"]


def test_csv_errors_name_the_line(cast):
    with pytest.raises(CalendarInputError) as exc:
        import_calendar_csv("date,is_off_day,name\n2027/01/01,1,元旦\n2027-13-01,1,x\n2027-01-04,maybe,x\n", acting_user=cast.admin)
    assert any("第3行：日期「2027-13-01」格式错误" in e for e in exc.value.errors)
    assert any("第4行：是否休息「maybe」无法识别" in e for e in exc.value.errors)
    with pytest.raises(CalendarInputError, match="没有任何日期"):
        import_calendar_csv("date,is_off_day,name\n", acting_user=cast.admin)
    with pytest.raises(CalendarInputError, match="至少需要"):
        import_calendar_csv("2027-01-01\n", acting_user=cast.admin)
