"""The read-only audit log for staff: /staff/audit/ (Perm.AUDIT_VIEW, scoped by agency)."""

import json

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.agencies.permissions import Perm, agencies_for, get_object, require_perm, scoped

from .forms import AuditFilterForm
from .models import AuditEvent

PAGE_SIZE = 50


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
    details_json = json.dumps(event.details, ensure_ascii=False, indent=2, sort_keys=True)
    return render(request, "audit/event_detail.html", {"event": event, "details_json": details_json})
