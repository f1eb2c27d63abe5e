"""The Django admin, for 系统管理员 only.

Django lets any `is_staff` user in; gongkai lets in only active superusers and users with the
系统管理员 role, and sends everyone else to the staff login or a Chinese 403 page.
"""

import functools
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse


class GongkaiAdminSite(admin.AdminSite):
    site_header = "gongkai 系统管理"
    site_title = "gongkai 系统管理"
    index_title = "系统管理"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_authenticated and getattr(user, "is_admin", False))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            # Anonymous visitors go to the staff login (with axes' lockout); a logged-in
            # non-administrator gets a plain 403, not the admin's own login form.
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                return self._refuse(request)
            return inner(request, *args, **kwargs)

        return functools.update_wrapper(wrapper, inner)

    def _refuse(self, request):
        return render(request, "403.html", {"message": "系统管理仅限系统管理员使用。"}, status=403)

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        if request.user.is_authenticated:
            return self._refuse(request)
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': next_url})}")

