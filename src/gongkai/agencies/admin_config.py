"""App config of the Django admin with gongkai's site (a module of its own: it is imported while
the app registry loads, before any model may be imported)."""

from django.contrib.admin.apps import AdminConfig

#: Names of third-party apps in /admin/ (their AppConfig.verbose_name is not translatable). Their model and
#: field names are translated in gongkai/locale/zh_Hans (LOCALE_PATHS).
APP_NAMES = {
    "axes": "登录失败锁定",
    "django_tasks_database": "后台任务",
    "django_rq": "后台任务队列（RQ）",
    "auth": "认证和授权",
}


class GongkaiAdminConfig(AdminConfig):
    """Listed in INSTALLED_APPS instead of "django.contrib.admin"."""

    default_site = "gongkai.agencies.admin_site.GongkaiAdminSite"

    def ready(self):
        super().ready()
        from django.apps import apps

        for label, name in APP_NAMES.items():
            if label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name
        if "axes" in apps.app_configs:
            # axes names a log entry in English (「Access Log for …」, not translatable): the page title.
            from axes.models import AccessLog

            AccessLog.__str__ = lambda self: f"{self.username} 的登录记录（{self.attempt_time:%Y-%m-%d %H:%M}）"
