from django.contrib import admin

from gongkai.core.audit_actions import grouped_choices

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


class ActionFilter(admin.SimpleListFilter):
    """By the Chinese name of the action (the one registry), never the code."""

    title = "操作"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        codes = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
        return [(code, f"{group} · {label}") for group, items in grouped_choices(codes) for code, label in items]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: administrators may look, nobody may change or delete."""

    list_display = ("at", "actor_label", "action_name", "object_kind", "object_repr", "agency")
    list_filter = (ActionFilter, "agency")
    exclude = ("action", "object_type")
    readonly_fields = ("action_name", "object_kind")

    @admin.display(description="操作")
    def action_name(self, obj):
        return obj.action_label

    @admin.display(description="对象类型")
    def object_kind(self, obj):
        return obj.object_type_label
    search_fields = ("actor_label", "action", "object_repr", "object_id")
    date_hierarchy = "at"
