"""Read-mostly admin for 系统管理员: cases change only through the services (audit, clock, concurrency)."""

from django.contrib import admin

from gongkai.audit.admin import ReadOnlyAdmin

from .models import Application, CaseEvent, Document, DocumentTemplate


class EventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("on", "kind", "text", "actor")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "applicant_kind", "status", "outcome", "received_on", "due_date")
    list_filter = ("status", "outcome", "applicant_kind", "channel")
    search_fields = ("applicant_name", "info_title")
    exclude = ("tracking_hash", "tracking_factor_hash", "id_number")
    inlines = [EventInline]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "case", "issued_on")


class _AgencyFilter(admin.RelatedFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "机关"


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ("template_agency", "kind", "updated_at", "updated_by")
    list_filter = (("agency", _AgencyFilter),)

    @admin.display(description="机关", ordering="agency")
    def template_agency(self, obj):
        return obj.agency
