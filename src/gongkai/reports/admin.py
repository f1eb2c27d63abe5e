"""Read-only admin views: every change goes through the services (audit log, locks, validation)."""

from django.contrib import admin

from .models import AnnualReport, ExternalAudit, ReminderSent, ReportComment, YearLock


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnly):
    list_display = ("title", "year", "kind", "status", "origin", "error_count", "warning_count", "submitted_at", "published_at")
    list_filter = ("year", "kind", "status", "origin")
    search_fields = ("agency__name",)
    exclude = ("data", "findings", "contributions", "provenance")


@admin.register(YearLock)
class YearLockAdmin(ReadOnly):
    list_display = ("agency", "year", "locked", "locked_at", "unlocked_at", "unlocked_by", "unlock_reason")
    list_filter = ("year", "locked")


@admin.register(ReportComment)
class ReportCommentAdmin(ReadOnly):
    list_display = ("report", "author", "action", "created_at")


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnly):
    list_display = ("agency", "year", "kind", "stage", "sent_on")
    list_filter = ("year", "kind", "stage")


@admin.register(ExternalAudit)
class ExternalAuditAdmin(ReadOnly):
    list_display = ("title", "created_by", "created_at")
