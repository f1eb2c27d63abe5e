"""Response headers that django-csp and Django's SecurityMiddleware do not set.

- `Permissions-Policy`: no camera, microphone, geolocation, payment, USB … for any page.
- `Cache-Control: no-store` (and `private`) on every page that may carry personal data: anything
  served to a signed-in user, the application form and the tracking pages. Shared caches and the
  browser's back/forward history then keep no copy of an applicant's data.

The Content-Security-Policy itself comes from django-csp (settings.CONTENT_SECURITY_POLICY): scripts
and styles only from this site, no inline script (htmx needs none), no framing, no plugins.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer", "microphone",
    "midi", "payment", "usb", "interest-cohort", "browsing-topics",
))
#: Public paths whose pages carry an applicant's own data (form echoes, tracking status, notices).
PERSONAL_PREFIXES = ("/apply/", "/track/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(PERSONAL_PREFIXES):
            patch_cache_control(response, no_store=True, private=True)
        return response
