"""The read-only audit log for staff: /staff/audit/ (Perm.AUDIT_VIEW, scoped by agency)."""

import csv
import ipaddress
import json

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from gongkai.agencies.permissions import Perm, agencies_for, get_object, has_perm, require_perm, scoped
from gongkai.core.audit_actions import action_label, is_registered
from gongkai.core.cells import csv_row

from .forms import AuditFilterForm
from .models import AuditEvent

PAGE_SIZE = 50
EXPORT_HEADER = ["时间", "操作人", "用户名", "操作", "对象类型", "对象", "机关", "IP 地址", "详情"]


class _Echo:
    def write(self, value):
        return value


def mask_ip(ip: str) -> str:
    """203.0.113.7 → 203.0.113.*; 2001:db8:1:2::7 → 2001:db8:1:*."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "*"
    if address.version == 4:
        return ".".join(str(address).split(".")[:3]) + ".*"
    return ":".join(format(int(group, 16), "x") for group in address.exploded.split(":")[:3]) + ":*"


def shown_ip(event, user) -> str:
    """An applicant's address (an event without a staff actor) only for who may see that agency's
    applicants (Perm.CASE_VIEW of the event's agency); others, e.g. the supervisor, see it masked."""
    if not event.ip:
        return ""
    if event.actor_id is None and not has_perm(user, Perm.CASE_VIEW, event.agency):
        return mask_ip(event.ip)
    return event.ip


def _readable(value):
    """Details as shown: an action code inside them (e.g. the cause of an event) reads as its label."""
    if isinstance(value, dict):
        return {k: _readable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if isinstance(value, str) and is_registered(value):
        return action_label(value)
    return value


def _csv(events, user):
    """The filtered log as CSV, with the same Chinese names as the page (never the codes)."""
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # Excel opens UTF-8 CSV correctly with a BOM
        yield writer.writerow(EXPORT_HEADER)
        for e in events.iterator(chunk_size=2000):
            yield writer.writerow(csv_row(str(v) for v in (
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor_label,
                e.actor.username if e.actor_id else "", e.action_label, e.object_type_label,
                e.object_repr, e.agency.display_name if e.agency_id else "", shown_ip(e, user),
                json.dumps(_readable(e.details), ensure_ascii=False, sort_keys=True) if e.details else "",
            )))

    resp = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = content_disposition_header(True, f"audit-{timezone.localdate():%Y%m%d}.csv")
    return resp


@require_safe  # read-only: no method changes anything here
@require_perm(Perm.AUDIT_VIEW)
def event_list(request):
    events = scoped(request.user, Perm.AUDIT_VIEW, AuditEvent.objects.all())
    form = AuditFilterForm(
        request.GET or None,
        agencies=agencies_for(request.user, Perm.AUDIT_VIEW).order_by("path"),
        events=events,
    )
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid filters still apply
    events = form.apply(events).select_related("agency", "actor")
    if request.GET.get("format") == "csv":
        return _csv(events, request.user)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/event_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require_safe  # read-only: no method changes anything here
@require_perm(Perm.AUDIT_VIEW)
def event_detail(request, pk):
    event = get_object(request, Perm.AUDIT_VIEW, AuditEvent.objects.select_related("agency", "actor"), pk=pk)
    details_json = json.dumps(_readable(event.details), ensure_ascii=False, indent=2, sort_keys=True)
    event.ip = shown_ip(event, request.user) or None  # for display only: audit events are never saved again
    return render(request, "audit/event_detail.html", {"event": event, "details_json": details_json})
