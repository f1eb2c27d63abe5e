"""Read-only admin views: every change goes through the services (audit log, locks, validation)."""

from django.contrib import admin

from gongkai.audit.admin import ReadOnlyAdmin

from .models import AnnualReport, ExternalAudit, ReminderSent, ReportComment


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ("title", "year", "kind", "status", "origin", "error_count", "warning_count", "submitted_at", "published_at")
    list_filter = ("year", "kind", "status", "origin")
    search_fields = ("agency__name",)
    exclude = ("data", "findings", "contributions", "provenance")


@admin.register(ReportComment)
class ReportCommentAdmin(ReadOnlyAdmin):
    list_display = ("report", "author", "action", "created_at")


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "kind", "stage", "sent_on")
    list_filter = ("year", "kind", "stage")


@admin.register(ExternalAudit)
class ExternalAuditAdmin(ReadOnlyAdmin):
    list_display = ("title", "created_by", "created_at")
