"""Responses that depend only on public data (feeds, sitemaps, the open-data API): conditional GET and a
cached copy per URL, both keyed by the public version (gongkai.publiccache), so a publication or a
withdrawal changes the ETag and drops every copy at once (issue 16).
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from gongkai import publiccache

_MISSING = object()


def public_response(view):
    """Wrap a GET view whose response is the same for every visitor: answer 304 to a client holding the
    current version (If-None-Match / If-Modified-Since), else serve the cached copy or render and keep it.
    Only complete 200 responses are kept."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        url = request.build_absolute_uri()  # the host is part of the links inside
        tag = publiccache.etag(url)
        changed = publiccache.changed_at()
        last_modified = int(changed.timestamp())
        not_modified = get_conditional_response(request, etag=tag, last_modified=last_modified)
        if not_modified is not None:
            not_modified["ETag"] = tag
            not_modified["Last-Modified"] = http_date(last_modified)
            return not_modified
        key = publiccache.key("response", url)
        stored = cache.get(key, _MISSING)
        if stored is _MISSING:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or request.method != "GET":
                return response
            if hasattr(response, "render"):  # a TemplateResponse (the sitemaps)
                response.render()
            cache.set(key, (response.content, dict(response.headers)), publiccache.ttl())
        else:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
        response["ETag"] = tag
        response["Last-Modified"] = http_date(last_modified)
        return response

    return wrapped
