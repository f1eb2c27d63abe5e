"""Staff pages: inbox, registration, the case page with its actions, documents, exports, statistics
and notice templates. Views parse input, check permissions through `gongkai.agencies.permissions`,
call one service and render."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.models import Agency, User
from gongkai.agencies.permissions import (
    Perm,
    agencies_for,
    agency_scope,
    authorize,
    get_object,
    has_perm,
    require_perm,
)
from gongkai.audit.services import record_event
from gongkai.core import codes
from gongkai.core.cells import csv_row, xlsx_row
from gongkai.core.law.calendar import UnknownCalendarYear
from gongkai.core.law.receipt import Channel
from gongkai.core.notice import service_receipt_docx, service_receipt_pdf
from gongkai.core.vocabulary import ApplicantKind, Outcome
from gongkai.forms import attach_errors

from .. import clock, delivery, forms, registry, reporting, selectors, states, worklists
from ..actions import notices
from ..actions.base import CaseError, ConcurrentUpdate
from ..actions.intake import register_application
from ..actions.system import record_case_view
from ..documents import rendering, templates
from ..documents.editing import reset_template, save_template
from ..documents.issuing import template_for
from ..models import (
    APPLICANT_DOC_KINDS,
    Application,
    Attachment,
    DocKind,
    Document,
    DocumentDelivery,
    DocumentTemplate,
    EventKind,
    HeldNotice,
    Status,
)

PAGE_SIZE = 50

# -- inbox ----------------------------------------------------------------------------------------


def _handlers_for(user):
    """(pk, name shown) of the handlers the user may filter by: two columns, not whole users."""
    scope = agency_scope(user, Perm.CASE_VIEW)
    if scope is not None and user.agency_id is not None and scope == Q(pk=user.agency_id):
        in_scope = Q(agency_id=user.agency_id)  # one's own agency (as selectors.inbox_queryset): no subquery
    else:
        in_scope = Q(agency__in=agencies_for(user, Perm.CASE_VIEW))
    rows = User.objects.filter(in_scope, is_active=True, role_assignments__role="handler").distinct().order_by("username")
    return [(pk, full_name or username) for pk, full_name, username in rows.values_list("pk", "full_name", "username")]


def _inbox_filters(request):
    """(bound filter form or None, cleaned filters, handler choices). Without a query string there is
    nothing to validate: no form is built (its fields are deep-copied per instance)."""
    handlers = forms.InboxFilterForm.handler_choices(_handlers_for(request.user))
    if not request.GET:
        return None, {}, handlers
    fform = forms.InboxFilterForm(request.GET, handlers=handlers)
    filters = fform.cleaned_data if fform.is_valid() else {}
    return fform, filters, handlers


_STATUS_LABELS = dict(Status.choices)
_OUTCOME_LABELS = {o.value: o.label for o in Outcome}


def _inbox_row(c: Application, day: states.Day, base: str) -> dict:
    """Plain strings for one inbox row (the page renders 50 of these; template work is the cost)."""
    state = states.state_of(c, day)
    title = c.info_title if len(c.info_title) <= 40 else c.info_title[:39] + "…"
    if c.due_date:
        due = c.due_date.isoformat()
    elif c.provisional_due:
        # 「期限待定」: an estimate, labelled (docs/law.md §9.3); never a document's date
        due = f"预计 {c.provisional_due.isoformat()}（{c.provisional_due.year}年安排未录入）"
    else:
        due = "日历未录入" if c.clock_unknown_year else "—"
    return {
        "url": f"{base}{c.pk}/", "number": c.number, "name": c.applicant_name, "masked": c.masked_id, "title": title,
        "status": _STATUS_LABELS.get(c.status, c.status), "outcome": _OUTCOME_LABELS.get(c.outcome, ""),
        "state": state.label, "badge": state.badge, "due": due,
        "handler": str(c.handler) if c.handler_id else "未分配",
    }


# One inbox row (cases/inbox.html): formatted in Python, 50 template loops of 11 lookups cost more.
_INBOX_ROW = (
    '<tr>\n    <td data-label="申请编号"><a href="{}">{}</a></td>\n'
    '    <td data-label="申请人">{}<br><span class="hint">{}</span></td>\n'
    '    <td data-label="所需信息">{}</td>\n'
    '    <td data-label="办理状态">{}{}</td>\n'
    '    <td data-label="期限状态"><span class="badge {}">{}</span></td>\n'
    '    <td data-label="答复期限">{}</td>\n'
    '    <td data-label="经办人">{}</td>\n  </tr>\n'
)


@functools.lru_cache(maxsize=256)
def _options_html(choices: tuple, value: str) -> str:
    """The <option>s of one select as one escaped string (a template loop costs more), built once per
    choice list and selected value."""
    return format_html_join("", '<option value="{}"{}>{}</option>', (
        (str(k), mark_safe(" selected") if str(k) == value else "", v) for k, v in choices))


def _filter_fields(fform, handlers: list) -> list[dict]:
    """The filter form as plain data: Django's per-option widget templates cost more than the query."""
    data = fform.data if fform is not None else {}
    errors = fform.errors if fform is not None else {}
    fields = fform.fields if fform is not None else forms.InboxFilterForm.base_fields
    out = []
    for name, field in fields.items():
        value = str(data.get(name, "") or "")
        item = {"name": name, "label": field.label, "value": value, "errors": errors.get(name, [])}
        if hasattr(field, "choices"):
            choices = tuple(handlers if name == "handler" else field.choices)
            keys = {str(k) for k, _ in choices}
            item["options"] = _options_html(choices, value if value in keys else "")
        out.append(item)
    return out


def _inbox_page(qs, number) -> Page:
    """Page `number` of the inbox. The first page reads PAGE_SIZE + 1 rows: when they are all, the total
    needs no COUNT query (most inboxes hold fewer open cases than a page)."""
    if number in (None, "", "1"):
        rows = list(qs[:PAGE_SIZE + 1])
        if len(rows) <= PAGE_SIZE:
            return Paginator(rows, PAGE_SIZE).get_page(1)
        return Page(rows[:PAGE_SIZE], 1, Paginator(qs, PAGE_SIZE))
    return Paginator(qs, PAGE_SIZE).get_page(number)


@require_perm(Perm.CASE_VIEW)
def inbox(request):
    day = states.Day.of()
    fform, filters, handlers = _inbox_filters(request)
    qs = selectors.inbox_queryset(request.user, filters, day).select_related("handler").only(
        "id", "year", "seq", "agency_id", "applicant_name", "applicant_kind", "id_number", "info_title", "status",
        "outcome", "due_date", "provisional_due", "clock_state", "received_on", "submitted_at", "handler__username",
        "handler__full_name", "clock_unknown_year",
    )
    page = _inbox_page(qs, request.GET.get("page"))
    base = reverse("cases:inbox")  # case pages live at <inbox>/<pk>/ (urls.py); one reverse per page
    rows = [_inbox_row(c, day, base) for c in page.object_list]
    rows_html = format_html_join("", _INBOX_ROW, (
        (r["url"], r["number"], r["name"], r["masked"], r["title"], r["status"],
         format_html('<br><span class="hint">{}</span>', r["outcome"]) if r["outcome"] else "",
         r["badge"], r["state"], r["due"], r["handler"]) for r in rows))
    # The list shows applicants' names: which cases were shown to whom is logged too.
    record_event(request.user, "case.list_viewed", None, agency=request.user.agency, request=request, details={
        "filters": {k: str(v) for k, v in filters.items() if v}, "page": page.number,
        "numbers": [r["number"] for r in rows],
    })
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/inbox.html", {
        "filters": _filter_fields(fform, handlers), "page": page, "rows": rows, "rows_html": rows_html, "today": day.today, "query": query.urlencode(),
        "can_register": has_perm(request.user, Perm.CASE_HANDLE),
        "can_edit_templates": has_perm(request.user, Perm.TEMPLATE_MANAGE),
        "due_soon_days": settings.GONGKAI_LAW.get("DUE_SOON_WORKING_DAYS", 3),
    })


EXPORT_HEADER = ["申请编号", "申请人类型", "申请人", "证件号码（脱敏）", "所需信息", "申请渠道", "收到申请日期",
                 "办理状态", "期限状态", "答复期限", "办理结果", "办结日期", "经办人"]


def _export_rows(qs, day: states.Day):
    for c in qs.iterator(chunk_size=2000):
        yield [
            c.number, ApplicantKind(c.applicant_kind).label, c.applicant_name, codes.mask_identity(c.id_number),
            c.info_title, Channel(c.channel).label, c.received_on.isoformat() if c.received_on else "",
            c.get_status_display(), states.state_of(c, day).label,
            c.due_date.isoformat() if c.due_date else "", c.get_outcome_display() if c.outcome else "",
            c.decided_on.isoformat() if c.decided_on else "", str(c.handler) if c.handler_id else "",
        ]


class _Echo:
    def write(self, value):
        return value


@require_perm(Perm.CASE_VIEW)
def export(request, fmt: str):
    day = states.Day.of()
    _, filters, _ = _inbox_filters(request)
    qs = selectors.inbox_queryset(request.user, filters, day).select_related("handler")
    record_event(request.user, "case.exported", None, agency=request.user.agency,
                 details={"format": fmt, "filters": {k: str(v) for k, v in filters.items() if v}}, request=request)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"  # Excel opens UTF-8 CSV correctly with a BOM
            yield writer.writerow(EXPORT_HEADER)  # cells never start a formula (gongkai.core.cells)
            for row in _export_rows(qs, day):
                yield writer.writerow(csv_row(row))

        resp = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = content_disposition_header(True, f"cases-{stamp}.csv")
        return resp
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("依申请公开")
        ws.append(EXPORT_HEADER)
        for row in _export_rows(qs, day):
            ws.append(xlsx_row(ws, row))
        buf = io.BytesIO()
        wb.save(buf)
        resp = HttpResponse(buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        resp["Content-Disposition"] = content_disposition_header(True, f"cases-{stamp}.xlsx")
        return resp
    raise Http404("未知的导出格式。")


# -- registration ---------------------------------------------------------------------------------


@require_perm(Perm.CASE_HANDLE)
def register(request):
    agency = request.user.agency
    if agency is None:
        messages.error(request, "您的账户未关联机关，不能登记申请。")
        return redirect("cases:inbox")
    authorize(request, Perm.CASE_HANDLE, agency)
    if request.method == "POST":
        form = forms.RegisterForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                sub = register_application(
                    agency, form.application_data(), acting_user=request.user, channel=d["channel"], submitted_on=d["submitted_on"],
                    signed_on=d["signed_on"], confirmed_on=d["confirmed_on"], files=d["attachments"], note=d["note"],
                )
            except CaseError as exc:
                attach_errors(form, exc)
            else:
                request.session["cases_registered"] = {"pk": sub.case.pk, "number": sub.case.number,
                                                       "code": sub.tracking_code, "hint": sub.factor_hint, "pin": sub.pin,
                                                       "warnings": sub.warnings}
                return redirect("cases:registered")
        return render(request, "cases/register.html", {"form": form, "files_lost": bool(request.FILES)}, status=400)
    return render(request, "cases/register.html", {"form": forms.RegisterForm()})


@require_perm(Perm.CASE_HANDLE)
def registered(request):
    data = request.session.pop("cases_registered", None)
    if not data:
        return redirect("cases:inbox")
    return render(request, "cases/registered.html", {"sub": data})


# -- the case page --------------------------------------------------------------------------------


def _case(request, pk: int) -> Application:
    return get_object(request, Perm.CASE_VIEW, Application.objects.select_related("agency", "handler"), pk=pk)


def _last(events, kind: str):
    """The latest event of `kind` among the case's loaded events (ordered by on, id)."""
    return next((e for e in reversed(events) if e.kind == kind), None)


# The case page's repeated markup, formatted in Python (cases/case_detail.html): a closed action panel
# (its form is fetched when opened) and a timeline row.
_CLOSED_PANEL = (
    '<details class="action" id="action-{0}" hx-get="{1}" hx-trigger="toggle once" hx-target="find .action-body">\n'
    '  <summary>{2}</summary>\n  <div class="action-body">\n'
    '  <p><a href="{1}">打开「{2}」表单</a></p>\n  </div>\n</details>'
)
_TIMELINE_ROW = '<li><time datetime="{}">{}</time> <strong>{}</strong> {}{}</li>'


def _own_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields]


def _with_names(qs, *users: str):
    """`qs` with its `users` foreign keys joined, reading of each user only what str(user) shows."""
    return qs.select_related(*users).only(
        *_own_fields(qs.model), *(f"{u}__{c}" for u in users for c in ("username", "full_name")))


def _case_page(request, case: Application, *, bound: tuple[str, object] | None = None, status: int = 200):
    """The case page. Its action panels are closed and empty: each one's form is fetched when opened
    (htmx GET of the action's URL; without JavaScript the panel links to that URL as a page of its own).
    Only a form sent back with errors is rendered here, open. Every list the page shows is read once
    and shared by the clock, the action rules (`registry.Facts`) and the template (issue 16)."""
    if request.user.agency_id == case.agency_id:
        request.user.agency = case.agency  # loaded with the case: the header and the log need no second query
    record_case_view(case, acting_user=request.user, request=request)
    day = states.Day.of()
    events = list(_with_names(case.events, "actor").order_by("on", "id"))
    extensions = list(case.extensions.order_by("id"))
    consultations = list(case.consultations.order_by("id"))
    fees = list(case.fees.order_by("id"))
    result, calendar_error = None, ""
    try:
        result = clock.compute(case, day.today, events=events)
    except UnknownCalendarYear as exc:
        calendar_error = str(exc)
    documents = list(case.documents.select_related("superseded_by").only(
        *_own_fields(Document), "superseded_by__number").prefetch_related(
        Prefetch("deliveries", queryset=_with_names(DocumentDelivery.objects.all(), "recorded_by"))).order_by("id"))
    unserved = {d.pk for d in documents if worklists.is_unserved(d, case)}
    facts = registry.Facts.of(case, events=events, extensions=extensions, fees=fees, consultations=consultations,
                              documents=documents)
    bound_key, bound_form = bound or (None, None)
    base = reverse("cases:action", args=[case.pk, "-"])[:-2]  # one reverse for every panel's URL
    action_forms = [
        (a.key, a.label, bound_form, f"{base}{a.key}/", "") if a.key == bound_key
        else (a.key, a.label, None, f"{base}{a.key}/", format_html(_CLOSED_PANEL, a.key, f"{base}{a.key}/", a.label))
        for a in registry.available(case, request.user, facts)
    ]
    if bound_key and bound_key not in {key for key, *_ in action_forms}:
        action_forms.insert(0, (bound_key, registry.CASE_ACTIONS.get(bound_key).label, bound_form,
                                f"{base}{bound_key}/", ""))
    correction = _last(events, EventKind.CORRECTION_REQUESTED)
    doc_base = reverse("cases:document", args=[case.pk, 0])[:-2]  # <case>/documents/: one reverse, not 4 a row
    return render(request, "cases/case_detail.html", {
        "case": case,
        "result": result,
        "calendar_error": calendar_error,
        "display": states.state_of(case, day),
        "action_forms": action_forms,
        "open_action": bound_key or "",
        "events": events,
        "timeline": format_html_join("", _TIMELINE_ROW, (
            (e.on.isoformat(), e.on.isoformat(), e.get_kind_display(), e.text,
             format_html(' <span class="hint">（{}）</span>', e.actor) if e.actor_id else "") for e in events)),
        "documents": documents,
        "doc_base": doc_base,
        "unserved": unserved,
        "reply_served": any((e.data or {}).get("reply_date") for e in events if e.kind == EventKind.DOCUMENT_SERVED),
        "reply_unserved": any(d.pk in unserved and d.kind == DocKind.REPLY for d in documents),
        "applicant_kinds": [k.value for k in APPLICANT_DOC_KINDS],
        "held_notices": case.held_notices.filter(document__isnull=True).order_by("id"),
        "can_handle": has_perm(request.user, Perm.CASE_HANDLE, case.agency),
        "attachments": case.attachments.order_by("id"),
        "consultations": consultations,
        "fees": fees,
        "extensions": extensions,
        "replies": _with_names(case.replies, "drafted_by", "reviewed_by").order_by("id"),
        "correction_deadline": dt.date.fromisoformat(correction.data["deadline"]) if correction else None,
    }, status=status)


@require_perm(Perm.CASE_VIEW)
def case_detail(request, pk: int):
    # of the handler, only the name the page shows
    case = get_object(request, Perm.CASE_VIEW, _with_names(Application.objects.select_related("agency"), "handler"),
                      pk=pk)
    return _case_page(request, case)


def _action_form(request, case: Application, action):
    """GET of an action: its form, as a fragment for the case page's panel (htmx) or as a page of its
    own (no JavaScript). An action the case's state no longer allows says so instead."""
    partial = request.headers.get("HX-Request") == "true"
    if action not in registry.available(case, request.user):
        message = f"「{action.label}」现在不能进行：申请的办理状态已经变化，请刷新页面。"
        if partial:
            return render(request, "cases/_action_unavailable.html", {"message": message})
        messages.warning(request, message)
        return redirect("cases:detail", pk=case.pk)
    context = {"case": case, "key": action.key, "label": action.label, "form": registry.make_form(action, case)}
    return render(request, "cases/_action_form.html" if partial else "cases/case_action.html", context)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.CASE_VIEW)
def case_action(request, pk: int, key: str):
    case = _case(request, pk)
    action = registry.CASE_ACTIONS.get(key)
    authorize(request, action.perm, case)
    if request.method == "GET":
        return _action_form(request, case, action)
    form = registry.make_form(action, case, request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, case, bound=(key, form), status=400)
    try:
        done = action.run(case, form, acting_user=request.user)
    except ConcurrentUpdate as exc:
        form.add_error(None, exc.message)
        return _case_page(request, Application.objects.select_related("agency", "handler").get(pk=case.pk),
                          bound=(key, form), status=409)
    except CaseError as exc:
        attach_errors(form, exc)
        return _case_page(request, case, bound=(key, form), status=400)
    messages.success(request, action.success(done))
    for w in done.warnings:
        messages.warning(request, w)
    if done.document is not None:
        messages.info(request, f"已生成{done.document.title}（{done.document.number}）。")
    return redirect("cases:detail", pk=case.pk)


# -- 作废并重新出具, 待出具 (docs/law.md §9.3) ---------------------------------------------------------


@require_POST
@require_perm(Perm.CASE_HANDLE)
def document_supersede(request, pk: int, doc: int):
    case = _case(request, pk)
    authorize(request, Perm.CASE_HANDLE, case)
    old = get_object_or_404(Document, pk=doc, case=case)
    try:
        done = notices.supersede_document(old, acting_user=request.user, reason=request.POST.get("reason", ""))
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{old.title}（{old.number}）已作废，重新出具为{done.document.number}，并按原方式送达申请人。")
    return redirect("cases:detail", pk=case.pk)


@require_POST
@require_perm(Perm.CASE_HANDLE)
def held_issue(request, pk: int, held: int):
    case = _case(request, pk)
    authorize(request, Perm.CASE_HANDLE, case)
    row = get_object_or_404(HeldNotice, pk=held, case=case)
    try:
        done = notices.issue_held_notice(row, acting_user=request.user)
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已出具{done.document.title}（{done.document.number}）。")
    return redirect("cases:detail", pk=case.pk)


# -- documents and files --------------------------------------------------------------------------


@require_perm(Perm.CASE_VIEW)
def document(request, pk: int, doc: int, fmt: str = "html"):
    case = _case(request, pk)
    d = Document.objects.filter(case=case, pk=doc).select_related("agency").first()
    if d is None or fmt not in ("html", "docx", "pdf"):
        raise Http404("未找到。")
    record_event(request.user, "case.document_viewed", case, details={"document": d.number, "format": fmt}, request=request)
    rendered = rendering.Rendered.of(d)
    name = f"{d.title}-{d.number}".replace("/", "-")
    if fmt == "docx":
        resp = HttpResponse(rendering.to_docx(rendered),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        resp["Content-Disposition"] = content_disposition_header(True, f"{name}.docx")
        return resp
    if fmt == "pdf":
        resp = HttpResponse(rendering.to_pdf(rendered), content_type="application/pdf")
        resp["Content-Disposition"] = content_disposition_header(False, f"{name}.pdf")
        return resp
    return render(request, "cases/document.html", {"case": case, "doc": d, "html": rendering.to_html(rendered, standalone=False)})


@require_perm(Perm.CASE_VIEW)
def service_receipt(request, pk: int, doc: int, fmt: str):
    """送达回证 of a notice for the applicant (PDF or DOCX; filled once a 直接/留置送达 is recorded)."""
    case = _case(request, pk)
    d = Document.objects.filter(case=case, pk=doc, kind__in=APPLICANT_DOC_KINDS).select_related("agency").first()
    if d is None or fmt not in ("pdf", "docx"):
        raise Http404("未找到。")
    record_event(request.user, "case.service_receipt_viewed", case, details={"document": d.number, "format": fmt},
                 request=request)
    receipt = delivery.service_receipt(d)
    name = f"送达回证-{d.number}".replace("/", "-")
    if fmt == "docx":
        resp = HttpResponse(service_receipt_docx(receipt),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        resp["Content-Disposition"] = content_disposition_header(True, f"{name}.docx")
        return resp
    resp = HttpResponse(service_receipt_pdf(receipt), content_type="application/pdf")
    resp["Content-Disposition"] = content_disposition_header(False, f"{name}.pdf")
    return resp


@require_perm(Perm.CASE_VIEW)
def attachment(request, pk: int, att: int):
    case = _case(request, pk)
    a = Attachment.objects.filter(case=case, pk=att).first()
    if a is None:
        raise Http404("未找到。")
    record_event(request.user, "case.attachment_viewed", case, details={"attachment": a.pk}, request=request)
    try:
        fh = a.file.open("rb")
    except FileNotFoundError:
        raise Http404("文件不存在。") from None
    return FileResponse(fh, as_attachment=True, filename=a.original_name, content_type=a.content_type)


# -- aggregate statistics (supervisors: figures only) ---------------------------------------------------


@require_perm(Perm.CASE_STATS)
def stats(request):
    day = states.Day.of()
    today = day.today
    agencies = agencies_for(request.user, Perm.CASE_STATS).order_by("path")
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    # Columns that add up: 上年结转 + 本年收到 − 本年办结 = 结转下年 (办理中 at the year's end, or today).
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    received = Q(received_on__isnull=False)
    counts = {
        row["agency"]: row
        for row in Application.objects.filter(agency__in=agencies).values("agency").annotate(
            carried=Count("id", filter=received & Q(received_on__lt=start)
                          & (Q(decided_on__isnull=True) | Q(decided_on__gte=start))),
            received=Count("id", filter=Q(received_on__range=(start, end))),
            decided=Count("id", filter=received & Q(decided_on__range=(start, end))),
            open=Count("id", filter=received & Q(received_on__lte=end) & (Q(decided_on__isnull=True) | Q(decided_on__gt=end))),
            overdue=Count("id", filter=states.q("overdue", day)),
            unconfirmed=Count("id", filter=states.q("unconfirmed", day)),
        )
    }
    rows = [(a, counts.get(a.pk, {})) for a in agencies]
    table = None
    chosen = None
    if agency_id := request.GET.get("agency"):
        chosen = agencies.filter(pk=agency_id).first()
        if chosen is not None:
            table = reporting.table3_rows(reporting.table3_for(chosen, year))
    return render(request, "cases/stats.html", {"rows": rows, "year": year, "table": table, "chosen": chosen})


# -- notice templates (administrators) -------------------------------------------------------------


def _template_agency(request) -> Agency:
    allowed = agencies_for(request.user, Perm.TEMPLATE_MANAGE)
    agency_id = request.GET.get("agency") or request.POST.get("agency") or request.user.agency_id
    agency = allowed.filter(pk=agency_id).first() if agency_id else None
    if agency is None:
        raise Http404("请选择机关。")
    return agency


@require_perm(Perm.TEMPLATE_MANAGE)
def templates_list(request):
    allowed = agencies_for(request.user, Perm.TEMPLATE_MANAGE).order_by("path")
    agency = None
    if request.GET.get("agency") or request.user.agency_id:
        agency = _template_agency(request)
    custom = set(DocumentTemplate.objects.filter(agency=agency).values_list("kind", flat=True)) if agency else set()
    keys = [(k, label, k in custom) for k, label in templates.template_keys()]
    return render(request, "cases/templates_list.html", {"agency": agency, "agencies": allowed, "keys": keys})


@require_perm(Perm.TEMPLATE_MANAGE)
def template_edit(request, key: str):
    if key not in templates.TEMPLATE_KEYS:
        raise Http404("未知的文书模板。")
    agency = _template_agency(request)
    authorize(request, Perm.TEMPLATE_MANAGE, agency)
    preview = None
    if request.method == "POST":
        if "reset" in request.POST:
            reset_template(agency, key, acting_user=request.user)
            messages.success(request, "已恢复为系统默认模板。")
            return redirect(f"{reverse('cases:template-edit', args=[key])}?agency={agency.pk}")
        form = forms.TemplateForm(request.POST)
        if form.is_valid():
            try:
                save_template(agency, key, acting_user=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"])
            except CaseError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, "模板已保存。之后生成的文书使用新模板；已发出的文书不受影响。")
                return redirect(f"{reverse('cases:template-edit', args=[key])}?agency={agency.pk}")
        status = 400
    else:
        title, body = template_for(agency, key)
        form, status = forms.TemplateForm(initial={"title": title, "body": body}), 200
        ctx = templates.sample_context()
        ctx["agency_name"] = agency.name
        try:
            preview = [html.unescape(p) for p in templates.paragraphs(templates.render_text(body, ctx))]  # shown as text
        except templates.TemplateError as exc:
            messages.error(request, str(exc))
    return render(request, "cases/template_edit.html", {
        "form": form, "key": key, "label": templates.TEMPLATE_KEYS[key], "agency": agency, "preview": preview,
        "help": templates.CONTEXT_HELP.items(), "custom": DocumentTemplate.objects.filter(agency=agency, kind=key).exists(),
    }, status=status)

