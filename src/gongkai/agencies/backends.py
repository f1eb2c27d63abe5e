"""Authentication backend: Django's ModelBackend, plus every model permission for 系统管理员.

The Django admin asks `user.has_perm("app.change_model")`. A 系统管理员 (Role.ADMIN) manages the
whole system, so it holds every model permission without being a superuser; nobody else holds
any (staff work happens in gongkai's own views, checked by `gongkai.agencies.permissions`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import Role


class RoleModelBackend(ModelBackend):
    def get_user(self, user_id):
        # The user's agency with the user: every staff page's header shows it (one query, not two).
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.select_related("agency").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def _is_admin(self, user_obj) -> bool:
        return bool(
            user_obj.is_active and not user_obj.is_anonymous and Role.ADMIN in getattr(user_obj, "roles", ())
        )

    def has_perm(self, user_obj, perm, obj=None):
        if self._is_admin(user_obj):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if self._is_admin(user_obj):
            return True
        return super().has_module_perms(user_obj, app_label)
