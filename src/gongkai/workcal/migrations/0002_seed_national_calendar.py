"""Seed 2008–2026 from chinese-calendar (docs/stack.md §1.2): the explicit entries only — holidays on
weekdays and 调休 working weekend days — and each year marked as entered. 2008 is the year the
first 条例 took effect; chinese-calendar 1.11 stops at 2026. Later years are entered by
administrators from the 国务院办公厅 notice (workcal pages)."""

from django.db import migrations

FIRST, LAST = 2008, 2026


def seed(apps, schema_editor):
    from gongkai.core.law.calendar import chinese_calendar_entries

    CalendarYear = apps.get_model("workcal", "CalendarYear")
    CalendarDay = apps.get_model("workcal", "CalendarDay")
    CalendarRevision = apps.get_model("workcal", "CalendarRevision")
    if CalendarYear.objects.exists():
        return
    years = range(FIRST, LAST + 1)
    entries = chinese_calendar_entries(years)
    CalendarYear.objects.bulk_create(
        CalendarYear(
            year=y, status="complete", source="library",
            notice_title=f"国务院办公厅关于{y}年部分节假日安排的通知",
        )
        for y in years
    )
    CalendarDay.objects.bulk_create(
        # A December 元旦 entry belongs to the next year's notice (the 2012 notice made 2011-12-31 a
        # working day).
        CalendarDay(date=d, is_off_day=off, name=name, year=d.year + (d.month == 12 and name == "元旦"), source="library")
        for d, (off, name) in sorted(entries.items())
    )
    CalendarRevision.objects.create(
        actor_label="系统", action="seed", summary=f"初始数据：{FIRST}—{LAST}年全国节假日安排（chinese-calendar），{len(entries)}条",
        years=list(years), source_name="chinese-calendar",
    )


def unseed(apps, schema_editor):
    for model in ("CalendarRevision", "CalendarDay", "CalendarYear"):
        apps.get_model("workcal", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workcal", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
