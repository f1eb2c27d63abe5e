"""Read-only admin: locks change only through reports.services (submit locks, unlock_year unlocks, audited)."""

from django.contrib import admin

from gongkai.audit.admin import ReadOnlyAdmin

from .models import YearLock


@admin.register(YearLock)
class YearLockAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "locked", "locked_at", "unlocked_at", "unlocked_by", "unlock_reason")
    list_filter = ("year", "locked")
