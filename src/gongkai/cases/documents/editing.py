"""Agencies' own wording of the notices (administrators, Perm.TEMPLATE_MANAGE).
"""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.permissions import Perm
from gongkai.audit.services import record_event

from ..actions.base import CaseError, require
from ..models import (
    Application,
    DocumentTemplate,
)
from . import templates


def save_template(agency, key: str, *, acting_user, title: str, body: str) -> DocumentTemplate:
    require(acting_user, Perm.TEMPLATE_MANAGE, Application(agency=agency), "编辑文书模板")
    if key not in templates.TEMPLATE_KEYS:
        raise CaseError("未知的文书模板。")
    try:
        templates.check_template(title)
        templates.check_template(body)
        templates.render_text(body, templates.sample_context())
    except templates.TemplateError as exc:
        raise CaseError(str(exc), "body") from None
    with transaction.atomic():
        row, _ = DocumentTemplate.objects.update_or_create(
            agency=agency, kind=key, defaults={"title": title, "body": body, "updated_by": acting_user}
        )
        record_event(acting_user, "case.template_saved", row, agency=agency, details={"key": key})
    return row


def reset_template(agency, key: str, *, acting_user) -> None:
    require(acting_user, Perm.TEMPLATE_MANAGE, Application(agency=agency), "编辑文书模板")
    with transaction.atomic():
        deleted, _ = DocumentTemplate.objects.filter(agency=agency, kind=key).delete()
        if deleted:
            record_event(acting_user, "case.template_reset", agency, details={"key": key})
