from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: administrators may look, nobody may change or delete."""

    list_display = ("at", "actor_label", "action", "object_type", "object_repr", "agency")
    list_filter = ("action", "object_type", "agency")
    search_fields = ("actor_label", "action", "object_repr", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
