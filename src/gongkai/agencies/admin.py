from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Agency, RoleAssignment, User


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "uscc", "org_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "uscc", "org_code")
    prepopulated_fields = {}
    autocomplete_fields = ("parent",)


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "agency", "is_active", "last_login")
    list_filter = ("is_active", "agency", "role_assignments__role")
    search_fields = ("username", "full_name", "email")
    fieldsets = BaseUserAdmin.fieldsets + (("机关与角色", {"fields": ("full_name", "agency", "phone")}),)
    inlines = [RoleInline]
