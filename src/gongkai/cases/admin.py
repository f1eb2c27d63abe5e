"""Read-mostly admin for 系统管理员: cases change only through the services (audit, clock, concurrency)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from gongkai.audit.admin import ReadOnlyAdmin
from gongkai.forms import attach_errors

from .documents.editing import clean_template, reset_template, save_template
from .documents.templates import TEMPLATE_KEYS
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


class DocumentTemplateForm(forms.ModelForm):
    """The admin's template form checks what the service checks (cases.documents.editing.clean_template),
    so a refused template comes back with the message on its field."""

    class Meta:
        model = DocumentTemplate
        fields = ("agency", "kind", "title", "body")

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] not in TEMPLATE_KEYS:
            self.add_error("kind", "该文书没有可编辑的模板。")
        if data.get("title") and data.get("body"):
            try:
                data["title"], data["body"] = clean_template(data["title"], data["body"])
            except ValidationError as exc:
                attach_errors(self, exc)
        return data


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """Edits in /admin/ go through the services like the template page: permission, sanitising,
    placeholder check, audit (case.template_saved / case.template_reset)."""

    form = DocumentTemplateForm
    list_display = ("template_agency", "kind", "updated_at", "updated_by")
    list_filter = (("agency", _AgencyFilter),)

    def save_model(self, request, obj, form, change):
        if change and {"agency", "kind"} & set(form.changed_data):
            old = DocumentTemplate.objects.get(pk=obj.pk)
            reset_template(old.agency, old.kind, acting_user=request.user)
        saved = save_template(obj.agency, obj.kind, acting_user=request.user, title=obj.title, body=obj.body)
        obj.pk, obj.updated_by, obj.updated_at = saved.pk, saved.updated_by, saved.updated_at

    def delete_model(self, request, obj):
        reset_template(obj.agency, obj.kind, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("agency"):
            reset_template(obj.agency, obj.kind, acting_user=request.user)

    @admin.display(description="机关", ordering="agency")
    def template_agency(self, obj):
        return obj.agency
