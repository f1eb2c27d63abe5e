"""Services of the 政府信息公开专栏 (issue 17): the 指南's staff-written texts and the readers' error
reports. Each is atomic, checks the permission itself and appends an audit event."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.limits import exceeded
from gongkai.audit.services import record_event
from gongkai.errors import ServiceError

from .models import ErrorReport, ErrorStatus, GuideText

GUIDE_FIELDS = ("foreword", "classification", "arrangement", "obtaining", "procedure", "fees", "remedies", "rules")
ERROR_REPORTED = "portal.error_reported"  # the event the limits count (written as a literal below)


class PortalError(ServiceError):
    pass


def guide_text_of(agency: Agency) -> GuideText:
    """The agency's staff-written 指南 texts (an unsaved, empty one when nobody wrote any)."""
    return GuideText.objects.filter(agency=agency).first() or GuideText(agency=agency)


def update_guide(agency: Agency, *, acting_user, changes: dict[str, str]) -> GuideText:
    """Save the staff-written parts of the 政府信息公开指南 (条例第十二条: 指南 kept up to date)."""
    if not has_perm(acting_user, Perm.CATALOG_EDIT, agency):
        raise PortalError("只有本机关的经办人可以修改政府信息公开指南。")
    unknown = set(changes) - set(GUIDE_FIELDS)
    if unknown:
        raise PortalError(f"指南没有这些栏目：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        text, _ = GuideText.objects.select_for_update().get_or_create(agency=agency)
        changed = [f for f in GUIDE_FIELDS if f in changes and (changes[f] or "").strip() != getattr(text, f)]
        for f in changed:
            setattr(text, f, (changes[f] or "").strip())
        text.updated_by = acting_user
        text.save()
        record_event(acting_user, "portal.guide_updated", text, agency=agency, details={"fields": changed})
    return text


def error_report_refused(request) -> str | None:
    """Abuse limits of the error report form (settings.GONGKAI_LIMITS, README「访问限制」), counted on the
    audit events as the application form's are (gongkai.audit.limits)."""
    limits = settings.GONGKAI_LIMITS
    per_hour = int(limits["ERROR_REPORT_PER_CLIENT_PER_HOUR"])
    hit = exceeded(ERROR_REPORTED, request, per_minute=int(limits["ERROR_REPORT_GLOBAL_PER_MINUTE"]),
                   per_client_per_hour=per_hour)
    if hit == "global":
        return "当前留言较多，请稍候一分钟再提交。您填写的内容仍在本页，无需重新填写。"
    if hit == "client":
        return (f"同一网络地址一小时内最多提交{per_hour}条纠错留言，请稍后再提交。"
                "您填写的内容仍在本页，无需重新填写。")
    return None


def submit_error_report(agency: Agency, data: dict, *, acting_user=None, request=None) -> ErrorReport:
    """A reader reports an error on a page (「我为政府网站找错」); the agency's staff see it in the 待办."""
    if not agency.is_active:
        raise PortalError("该机关已停用，请选择其他机关。", "agency")
    with transaction.atomic():
        report = ErrorReport.objects.create(
            agency=agency, page_url=data["page_url"][:500], kind=data["kind"], description=data["description"],
            contact_name=data.get("contact_name", ""), contact=data.get("contact", ""),
        )
        record_event(acting_user, "portal.error_reported", report, agency=agency, request=request,
                     details={"kind": report.kind, "page_url": report.page_url})
    return report


def handle_error_report(report: ErrorReport, *, acting_user, reply: str, valid: bool) -> ErrorReport:
    """Mark a reader's error report handled, with what was done (and whether the error was real)."""
    if not has_perm(acting_user, Perm.CATALOG_EDIT, report.agency):
        raise PortalError("只有处理机关的经办人可以处理纠错留言。")
    reply = (reply or "").strip()
    if not reply:
        raise PortalError("请写明处理结果（如已更正的内容，或不属实的理由）。", "reply")
    with transaction.atomic():
        report = ErrorReport.objects.select_for_update().get(pk=report.pk)
        if report.status == ErrorStatus.HANDLED:
            raise PortalError("这条留言已经处理过了。")
        report.status = ErrorStatus.HANDLED
        report.handled_at = timezone.now()
        report.handled_by = acting_user
        report.reply = reply
        report.valid = bool(valid)
        report.save()
        record_event(acting_user, "portal.error_report_handled", report, agency=report.agency,
                     details={"valid": report.valid})
    return report
