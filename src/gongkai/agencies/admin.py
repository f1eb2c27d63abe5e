"""Admin for agencies and staff accounts (系统管理员 only, see admin_site.py).

Saves go through the service functions so that every change leaves an audit event. Agencies and
users are never deleted (the audit log refers to them): deactivate them instead.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet

from . import services
from .forms import CodeFieldsMixin, formfield
from .models import Agency, RoleAssignment, User


class AgencyAdminForm(CodeFieldsMixin, forms.ModelForm):
    class Meta:
        model = Agency
        fields = services.AGENCY_FIELDS
        formfield_callback = formfield


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ("name", "short_name", "kind", "parent", "uscc", "org_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "uscc", "org_code")
    autocomplete_fields = ("parent",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "parent", "is_active")}),
        ("代码（用于索引号）", {"fields": ("uscc", "org_code")}),
        (
            "政府信息公开指南（条例第十二条）",
            {"fields": services.GUIDE_FIELDS},
        ),
        ("文书", {"fields": ("doc_prefix", "review_body", "court")}),
    )

    def save_model(self, request, obj, form, change):
        services.save_agency(obj, acting_user=request.user, changed_fields=form.changed_data, request=request)

    def has_delete_permission(self, request, obj=None):
        return False  # 停用 (is_active) instead: cases, catalog items and the audit log refer to it


class RoleFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        roles = [
            f.cleaned_data.get("role") for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if len(roles) != len(set(roles)):
            raise ValidationError("同一角色只能添加一次。")


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    formset = RoleFormSet
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "agency", "roles_display", "is_active", "last_login")
    list_filter = ("is_active", "agency", "role_assignments__role")
    search_fields = ("username", "full_name", "email")
    # is_staff is derived from the 系统管理员 role (services.sync_staff_flag), never set by hand;
    # Django's groups and per-user permissions are not used (roles are).
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "email", "phone")}),
        ("机关", {"fields": ("agency",)}),
        ("状态", {"fields": ("is_active", "is_superuser", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "agency", "password1", "password2")}),
    )
    readonly_fields = ("is_staff", "last_login", "date_joined")
    inlines = [RoleInline]

    @admin.display(description="角色")
    def roles_display(self, obj):
        return "、".join(obj.role_labels())

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")  # only a superuser makes another one
        return fields

    def save_model(self, request, obj, form, change):
        obj._roles_before = set(obj.roles) if change else set()
        obj.forget_roles()
        services.save_user(obj, acting_user=request.user, changed_fields=form.changed_data, request=request)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        services.record_roles_changed(
            user, getattr(user, "_roles_before", set()), acting_user=request.user, request=request
        )

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            services.record_password_changed(self.get_object(request, id), acting_user=request.user, request=request)
        return response

    def has_delete_permission(self, request, obj=None):
        return False  # 停用 (is_active) instead: the audit log refers to every user who acted
