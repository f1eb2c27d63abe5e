"""Local extra days off per region (e.g. 民族自治地方 festivals)."""

from datetime import date

import pytest

from gongkai.workcal.services import (
    CalendarInputError,
    add_local_day_off,
    calendar_for_agency,
    create_region,
    get_calendar,
    remove_local_day_off,
)

D = date
DAY = D(2025, 6, 6)  # a Friday


def test_a_local_day_off_applies_to_the_region_and_its_agencies_only(cast, changes):
    region = create_region("110109", "门头沟区", [cast.dept_a], acting_user=cast.admin)
    with changes() as sent:
        add_local_day_off(region, DAY, "地方纪念日", "区政府通知", acting_user=cast.admin)
    assert not get_calendar(region).is_working_day(DAY)
    assert not get_calendar("110109").is_working_day(DAY)
    assert get_calendar().is_working_day(DAY)  # national calendar unchanged
    assert not calendar_for_agency(cast.sub_a).is_working_day(DAY)  # below dept_a
    assert calendar_for_agency(cast.dept_b).is_working_day(DAY)
    assert sent == [{"changed_dates": {DAY}, "region": region, "revision": sent[0]["revision"]}]
    assert sent[0]["revision"].action == "add_local"


def test_a_local_day_on_a_weekend_moves_nothing(cast, changes):
    region = create_region("r1", "某地", acting_user=cast.admin)
    with changes() as sent:
        add_local_day_off(region, D(2025, 6, 7), "周六", acting_user=cast.admin)
    assert sent == []


def test_removing_a_local_day(cast, changes):
    region = create_region("r1", "某地", acting_user=cast.admin)
    local = add_local_day_off(region, DAY, "地方纪念日", acting_user=cast.admin)
    with changes() as sent:
        remove_local_day_off(local, acting_user=cast.admin)
    assert get_calendar(region).is_working_day(DAY)
    assert sent[0]["changed_dates"] == {DAY}


def test_errors(cast):
    region = create_region("r1", "某地", acting_user=cast.admin)
    add_local_day_off(region, DAY, "地方纪念日", acting_user=cast.admin)
    with pytest.raises(CalendarInputError, match="已有"):
        add_local_day_off(region, DAY, "again", acting_user=cast.admin)
    with pytest.raises(CalendarInputError, match="名称"):
        add_local_day_off(region, D(2025, 6, 9), " ", acting_user=cast.admin)
    with pytest.raises(CalendarInputError, match="已存在"):
        create_region("r1", "别处", acting_user=cast.admin)
    with pytest.raises(CalendarInputError, match="不存在"):
        get_calendar("nowhere")
