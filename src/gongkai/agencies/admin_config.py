"""App config of the Django admin with gongkai's site (a module of its own: it is imported while
the app registry loads, before any model may be imported)."""

from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    """Listed in INSTALLED_APPS instead of "django.contrib.admin"."""

    default_site = "gongkai.agencies.admin_site.GongkaiAdminSite"
