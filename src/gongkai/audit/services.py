"""`record_event`: the one way to write the audit log. Call it inside the service's transaction."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEvent

import json


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder, ensure_ascii=False))


def record_event(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    agency=None,
    details: dict[str, Any] | None = None,
    request=None,
) -> AuditEvent:
    """Append one audit event. `action` is a dotted verb such as "case.reply_approved"."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # anonymous public users are recorded by label only
    if agency is None and obj is not None:
        agency = getattr(obj, "agency", None)
        if agency is None and obj.__class__.__name__ == "Agency":
            agency = obj
    ip = None
    if request is not None:
        ip = request.META.get("REMOTE_ADDR")
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=str(actor) if actor is not None else "公众",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        agency=agency,
        details=_jsonable(details or {}),
        ip=ip,
    )
