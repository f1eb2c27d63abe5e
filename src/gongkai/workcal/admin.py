"""Read-only admin views: every change goes through the audited services (staff pages)."""

from django.contrib import admin

from gongkai.audit.admin import ReadOnlyAdmin

from .models import CalendarDay, CalendarRevision, CalendarYear, LocalDayOff, Region


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "status", "notice_title", "notice_no", "source", "updated_at")
    list_filter = ("status", "source")


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("date", "is_off_day", "name", "year", "source")
    list_filter = ("year", "is_off_day", "source")
    date_hierarchy = "date"


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("name", "code")


@admin.register(LocalDayOff)
class LocalDayOffAdmin(ReadOnlyAdmin):
    list_display = ("region", "date", "name", "basis")
    list_filter = ("region",)


@admin.register(CalendarRevision)
class CalendarRevisionAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "actor_label", "action", "summary")
    list_filter = ("action",)
