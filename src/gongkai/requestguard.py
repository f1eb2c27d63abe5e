"""Requests no page can answer are refused before any view sees them.

A NUL character (U+0000) in the path or the query string: no legitimate link or form produces one,
PostgreSQL refuses it in any text parameter ("cannot contain NUL bytes", a 500 wherever a view passes a
query parameter to a lookup), and SQLite would store it silently. Refusing it here, with the Chinese
400 page, covers every view at once instead of one check per parameter. Form bodies are checked by
Django's form fields themselves (CharField's ProhibitNullCharactersValidator).
"""

from __future__ import annotations

from django.core.exceptions import BadRequest


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise BadRequest("请求中含有不允许的空字符（NUL）。")
        return self.get_response(request)
