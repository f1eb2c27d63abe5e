"""The real client address of a request, behind a configured number of reverse proxies.

    from gongkai.clientip import client_ip
    client_ip(request) -> str            # e.g. "203.0.113.7"; "unknown" when nothing usable

`settings.GONGKAI_PROXY_COUNT` (env AXES_PROXY_COUNT, README) says how many proxies stand in front of the
system. Each proxy appends the address it saw to X-Forwarded-For, so with N proxies the client is the
N-th entry from the right; entries further left are whatever the client sent and are never trusted.
Without proxies only REMOTE_ADDR counts. django-axes (login lockout), the tracking look-up throttle,
the public form's rate limits and the audit log all use this one function.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [IPv6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # IPv4:port
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def client_ip(request) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "unknown"
    proxies = int(getattr(settings, "GONGKAI_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < proxies:
        return remote  # fewer hops than configured: the request did not come through the proxies
    return _valid(chain[-proxies]) or remote


def axes_client_ip(request) -> str | None:
    """For django-axes (AXES_CLIENT_IP_CALLABLE): None when there is no usable address, as axes expects
    (its records keep addresses in an IP column that refuses anything else on PostgreSQL)."""
    ip = client_ip(request)
    return None if ip == "unknown" else ip
