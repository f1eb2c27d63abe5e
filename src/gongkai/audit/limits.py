"""Abuse limits of public forms counted on the audit log (README「访问限制」).

Each public submission is already an audit event carrying the client's real address (gongkai.clientip),
so the limits need no table of their own: `exceeded` counts the events of one action in the last minute
(every client) and in the last hour (this client).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.clientip import client_ip

from .models import AuditEvent


def exceeded(action: str, request, *, per_minute: int, per_client_per_hour: int) -> str | None:
    """Which limit one more submission of `action` would break: "global" (all clients, last minute),
    "client" (this address, last hour) or None. A limit of 0 is off."""
    now = timezone.now()
    recent = AuditEvent.objects.filter(action=action)
    if per_minute and recent.filter(at__gte=now - dt.timedelta(minutes=1)).count() >= per_minute:
        return "global"
    ip = client_ip(request)
    if per_client_per_hour and recent.filter(
        ip=ip if ip != "unknown" else None, at__gte=now - dt.timedelta(hours=1)
    ).count() >= per_client_per_hour:
        return "client"
    return None
