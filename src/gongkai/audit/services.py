"""`record_event`: the one way to write the audit log. Call it inside the service's transaction.

Action codes and their Chinese names live in `gongkai.core.audit_actions` (one registry); under the
test settings an unregistered code is refused, so every code a service writes has a label.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.clientip import client_ip
from gongkai.core.audit_actions import caused_label, is_registered

from .models import AuditEvent, normalise_ip

#: PostgreSQL advisory lock held while an event is chained: appends are serialised until commit.
#: (SQLite serialises writers already: transactions begin IMMEDIATE.)
CHAIN_LOCK = 0x6A6B5F61  # "gk_a"

log = logging.getLogger(__name__)

#: actor_label of events written by the system itself (commands, cron) rather than a person.
SYSTEM_LABEL = "系统"

#: The event whose consequences are being recorded (see `caused_by`).
_cause: contextvars.ContextVar[AuditEvent | None] = contextvars.ContextVar("audit_cause", default=None)


class UnregisteredAction(ValueError):
    pass


@contextlib.contextmanager
def caused_by(event: AuditEvent | None):
    """Events recorded without a person inside this block are consequences of `event`.

    They are logged with the actor 「系统（因周敏修改工作日历）」 and `details["cause"]` pointing at
    the event, e.g. the deadlines recomputed after an administrator changed the working-day calendar.
    """
    token = _cause.set(event)
    try:
        yield event
    finally:
        _cause.reset(token)


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
    which defaults to 「公众」. Commands pass `actor_label=SYSTEM_LABEL`. Inside `caused_by(event)` an
    event without a person is labelled 「系统（因<event 的操作人><操作>）」.
    The agency defaults to `obj.agency` (or `obj` itself when it is an Agency).
    """
    if not is_registered(action):
        message = f"审计操作「{action}」没有中文名称：请在 gongkai/core/audit_actions.py 中登记。"
        if getattr(settings, "TESTING", False):
            raise UnregisteredAction(message)
        log.warning(message)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # anonymous public users are recorded by label only
    details = dict(details or {})
    cause = _cause.get()
    if actor is None and actor_label in (None, SYSTEM_LABEL) and cause is not None:
        actor_label = caused_label(cause.actor_label, cause.action)
        details.setdefault("cause", {"event": cause.pk, "action": cause.action, "actor": cause.actor_label})
    if agency is None:
        agency = _agency_of(obj)
    ip = client_ip(request) if request is not None else None  # the real client behind the proxies
    ip = None if ip == "unknown" else ip
    if actor_label is None:
        actor_label = str(actor) if actor is not None else "公众"
    event = AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_label=actor_label[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        agency=agency,
        details=_jsonable(details),
        ip=normalise_ip(ip) or None,
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        event.prev_hash = _last_hash()
        event.hash = event.content_hash()
        event.save(force_insert=True)
    return event


def _last_hash() -> str:
    """The newest event's hash (the chain's head), read inside record_event's transaction. Plain SQL: every
    audited page pays for this read, and building the ORM query cost more than running it (issue 16)."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return (row[0] if row else "") or ""


def verify_chain(*, batch: int = 2000):
    """(events checked, first broken event or None, reason in Chinese) over the whole log, in id order."""
    previous = ""
    checked = 0
    last_id = 0
    while True:
        chunk = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not chunk:
            return checked, None, ""
        for event in chunk:
            if event.prev_hash != previous:
                return checked, event, "与上一条记录的哈希不相连（之前的记录被删除或修改）"
            if event.content_hash() != event.hash:
                return checked, event, "内容与哈希不符（记录被修改）"
            previous = event.hash
            checked += 1
            last_id = event.id
