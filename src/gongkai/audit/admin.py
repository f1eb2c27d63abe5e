from django.contrib import admin

from .models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages that only show records: every change goes through an app's audited services
    (audit log, year locks, validation, the statutory clock), never through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: administrators may look, nobody may change or delete."""

    list_display = ("at", "actor_label", "action", "object_type", "object_repr", "agency")
    list_filter = ("action", "object_type", "agency")
    search_fields = ("actor_label", "action", "object_repr", "object_id")
    date_hierarchy = "at"
