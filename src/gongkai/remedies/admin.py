from django.contrib import admin

from .models import Remedy, RemedyDocument


class DocumentInline(admin.TabularInline):
    model = RemedyDocument
    extra = 0
    readonly_fields = ("uploaded_by", "uploaded_at")


@admin.register(Remedy)
class RemedyAdmin(admin.ModelAdmin):
    """Read-mostly: changes go through the staff pages so that locks and the audit log apply."""

    list_display = ("__str__", "agency", "kind", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result", "agency")
    search_fields = ("case_number", "body")
    inlines = [DocumentInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
