"""What every visitor sees alike, cached until something public changes (issue 16).

One number, the *public version*, names the state of everything the public surfaces show (published items
and their attachments, agencies, published annual reports). Each app marks its models with `watch(model)`
in its `AppConfig.ready()`; saving or deleting one of them bumps the version at once and again when the
transaction commits (a page read in between is cached under the older version, never under the newer one).
Cached fragments, menu counts, the feed and the ETags of feeds, sitemaps and the API carry the version in
their key, so a publication or a withdrawal makes every old entry unreachable.

The cache is Django's default cache (settings.CACHES: local memory per process unless CACHE_URL names a
Redis server). With local memory each worker process keeps its own entries: the worker that published
shows the change at once, the others within PUBLIC_CACHE_SECONDS (README「性能」). With Redis every
worker sees the new version at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "gongkai:public-version"
_MISSING = object()


def ttl() -> int:
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 300)


def _now_us() -> int:
    return time.time_ns() // 1000


def version() -> int:
    """The current public version: the time of the last change, in microseconds since the epoch (or of
    the first use after a start or a cache flush: a version is never reused)."""
    v = cache.get(VERSION_KEY)
    if v is None:
        cache.add(VERSION_KEY, _now_us(), None)
        v = cache.get(VERSION_KEY)
    return v


def changed_at() -> dt.datetime:
    """When the public data last changed (as far as this cache knows): the Last-Modified of feeds and the API."""
    return dt.datetime.fromtimestamp(version() / 1e6, tz=dt.UTC)


def bump() -> None:
    """Something public changed: every entry cached so far is out of date."""
    cache.set(VERSION_KEY, max(_now_us(), (cache.get(VERSION_KEY) or 0) + 1), None)


def _changed(**kwargs) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    bump()
    transaction.on_commit(bump)


def watch(model, *m2m_fields: str) -> None:
    """Bump the version whenever a `model` row (or one of its many-to-many `m2m_fields`) changes."""
    uid = f"publiccache:{model._meta.label_lower}"
    post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save", weak=False)
    post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete", weak=False)
    for name in m2m_fields:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"{uid}:{name}", weak=False)


def key(*parts: Any) -> str:
    """A cache key valid for the current public version."""
    raw = ":".join(str(p) for p in parts)
    if len(raw) > 120 or not raw.isascii():
        raw = hashlib.sha1(raw.encode()).hexdigest()
    return f"gongkai:public:{version()}:{raw}"


def get_or_build(parts: tuple, build: Callable[[], Any]) -> Any:
    """The value cached under `parts` for the current version, built (and stored) on a miss."""
    k = key(*parts)
    value = cache.get(k, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(k, value, ttl())
    return value


def etag(*parts: Any) -> str:
    """An entity tag for a response that depends only on public data and `parts` (e.g. the URL)."""
    raw = ":".join(str(p) for p in (version(), *parts))
    return '"' + hashlib.sha1(raw.encode()).hexdigest()[:20] + '"'
