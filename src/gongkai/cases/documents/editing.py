"""Agencies' own wording of the notices (administrators, Perm.TEMPLATE_MANAGE). Every edit — the
template page and /admin/ alike — goes through `save_template` / `reset_template`: permission, HTML
stripped by the catalogue's sanitiser, placeholders checked, audited.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.audit.services import record_event
from gongkai.catalog.sanitize import strip_tags

from ..actions.base import CaseError, require
from ..models import (
    Application,
    DocumentTemplate,
)
from . import templates


def clean_template(title: str, body: str) -> tuple[str, str]:
    """The title and body as they will be stored: HTML tags removed (a notice is text; the preview and the
    documents show it as text), then checked (templates.validate_template). CaseError on the field at fault."""
    title, body = strip_tags(title).strip(), strip_tags(body).strip()
    for field, source in (("title", title), ("body", body)):
        if not source:
            raise CaseError("标题和正文都不能为空。", field)
        try:
            templates.validate_template(source)
        except templates.TemplateError as exc:
            raise CaseError(str(exc), field) from None
    return title, body


def save_template(agency, key: str, *, acting_user, title: str, body: str) -> DocumentTemplate:
    require(acting_user, Perm.TEMPLATE_MANAGE, Application(agency=agency), "编辑文书模板")
    if key not in templates.TEMPLATE_KEYS:
        raise CaseError("未知的文书模板。")
    title, body = clean_template(title, body)
    with transaction.atomic():
        row, _ = DocumentTemplate.objects.update_or_create(
            agency=agency, kind=key, defaults={"title": title, "body": body, "updated_by": acting_user}
        )
        record_event(acting_user, "case.template_saved", row, agency=agency, details={"key": key, "title": title})
    return row


def reset_template(agency, key: str, *, acting_user) -> None:
    require(acting_user, Perm.TEMPLATE_MANAGE, Application(agency=agency), "编辑文书模板")
    with transaction.atomic():
        deleted, _ = DocumentTemplate.objects.filter(agency=agency, kind=key).delete()
        if deleted:
            record_event(acting_user, "case.template_reset", agency, details={"key": key})
