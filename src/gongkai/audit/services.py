"""`record_event`: the one way to write the audit log. Call it inside the service's transaction."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEvent

#: actor_label of events written by the system itself (commands, cron) rather than a person.
SYSTEM_LABEL = "系统"


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder, ensure_ascii=False))


def _agency_of(obj: models.Model | None):
    from gongkai.agencies.models import Agency

    if obj is None:
        return None
    if isinstance(obj, Agency):
        return obj
    agency = getattr(obj, "agency", None)
    return agency if isinstance(agency, Agency) else None


def record_event(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    agency=None,
    details: dict[str, Any] | None = None,
    request=None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append one audit event. `action` is a dotted verb such as "case.reply_approved".

    `actor` is the user who acted; None (or an anonymous user) is recorded by `actor_label`,
    which defaults to 「公众」. Commands pass `actor_label=SYSTEM_LABEL`.
    The agency defaults to `obj.agency` (or `obj` itself when it is an Agency).
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # anonymous public users are recorded by label only
    if agency is None:
        agency = _agency_of(obj)
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    if actor_label is None:
        actor_label = str(actor) if actor is not None else "公众"
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor_label[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        agency=agency,
        details=_jsonable(details or {}),
        ip=ip or None,
    )
