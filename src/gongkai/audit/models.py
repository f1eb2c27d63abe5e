"""The append-only audit log.

Every service function that changes state appends one `AuditEvent` in the same transaction.
Rows are never changed or deleted by the application: `save()` refuses updates, `delete()` and
the queryset's `update()`/`delete()` raise, and the admin is read-only. Below the application,
database triggers (migration 0003, PostgreSQL and SQLite) refuse UPDATE, DELETE and TRUNCATE from
anyone — raw SQL, `dbshell`, `_raw_delete` — and each event carries the SHA-256 of its content and of
the event before it (`prev_hash`, `hash`), so `gongkai audit verify` finds a row changed or removed
even by someone who dropped the triggers.
"""

import datetime as dt
import hashlib
import ipaddress
import json

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.audit_actions import action_label


def object_type_label(label_lower: str) -> str:
    if not label_lower:
        return ""
    try:
        return str(apps.get_model(label_lower)._meta.verbose_name)
    except (LookupError, ValueError):
        return "其他对象"


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("审计日志只能追加，不能删除。")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能修改。")

    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    at = models.DateTimeField("时间", default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_label = models.CharField("操作人（记录时）", max_length=150, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    details = models.JSONField("详情", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    prev_hash = models.CharField("上一条的哈希", max_length=64, blank=True, editable=False)
    hash = models.CharField("哈希", max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["agency", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action_label} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能删除。")

    @property
    def action_label(self) -> str:
        """The Chinese name of the action (gongkai.core.audit_actions); the code is never shown."""
        return action_label(self.action)

    @property
    def object_type_label(self) -> str:
        """The object's kind in Chinese (the model's verbose_name), e.g. 「政府信息公开申请」."""
        return object_type_label(self.object_type)

    def content_hash(self) -> str:
        """SHA-256 over the previous event's hash and this event's content (not its id)."""
        return chain_hash(self.prev_hash, {
            "at": self.at.astimezone(dt.UTC).isoformat() if self.at else "",
            "actor": self.actor_id, "actor_label": self.actor_label, "action": self.action,
            "object_type": self.object_type, "object_id": self.object_id, "object_repr": self.object_repr,
            "agency": self.agency_id, "details": self.details, "ip": normalise_ip(self.ip),
        })


def normalise_ip(ip) -> str:
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(str(ip))
    except ValueError:
        return str(ip)
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def chain_hash(prev_hash: str, content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()
