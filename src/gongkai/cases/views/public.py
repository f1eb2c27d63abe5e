"""Public pages: the application form (no login needed) and the tracking page.

Tracking needs the unguessable code *and* a second factor; every miss gets the same 404 page and
counts towards a per-address throttle, so codes cannot be enumerated.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.clientip import client_ip
from gongkai.forms import attach_errors

from .. import applicant, clock, delivery, public_limits, states, tracking
from ..actions.base import CaseError, correction_deadline
from ..actions.intake import submit_online_application
from ..documents.rendering import Rendered, to_pdf
from ..forms import ApplicationForm, OnlineCorrectionForm, TrackForm
from ..models import PAPER_CHANNELS, Application, EventKind, Status, TrackingAttempt
from ..tracking import find_by_tracking


def _limit(name: str) -> int:
    return int(settings.GONGKAI_LIMITS[name])


TRACK_FAILURE_LIMIT = 10  # default of settings.GONGKAI_LIMITS["TRACK_FAILURES_PER_CLIENT"]

@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, slug: str | None = None):
    agency = get_object_or_404(Agency, slug=slug, is_active=True) if slug else None
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, agency=agency)
        refused = public_limits.submission_refused(request)
        if refused:  # rate limits: the bound form comes back with everything typed (files excepted)
            form.is_valid()
            form.add_error(None, refused)
            return render(request, "cases/apply.html",
                          {"form": form, "agency": agency, "files_lost": bool(request.FILES)}, status=429)
        if form.is_valid():
            try:
                sub = submit_online_application(
                    form.cleaned_data["agency"], form.application_data(), form.cleaned_data["attachments"],
                    acting_user=request.user, request=request,
                )
            except CaseError as exc:
                attach_errors(form, exc)
            else:
                request.session["cases_submitted"] = {
                    "number": sub.case.number, "agency": sub.case.agency.name, "code": sub.tracking_code,
                    "hint": sub.factor_hint, "pin": sub.pin,
                }
                return redirect("cases:apply-done")
        status = 400
        files_lost = bool(request.FILES)
    else:
        form, status, files_lost = ApplicationForm(agency=agency), 200, False
    return render(request, "cases/apply.html", {"form": form, "agency": agency, "files_lost": files_lost}, status=status)


@never_cache
def apply_done(request):
    # Shown once: the code lives only in the session until this page pops it.
    data = request.session.pop("cases_submitted", None)
    if not data:
        return redirect("cases:apply")
    return render(request, "cases/apply_done.html", {"sub": data})


def _throttled(ip: str, code_hash: str) -> bool:
    """Too many misses from this client (its real address, gongkai.clientip) or for this code."""
    since = timezone.now() - dt.timedelta(minutes=_limit("TRACK_WINDOW_MINUTES"))
    recent = TrackingAttempt.objects.filter(at__gte=since)
    if recent.filter(ip=ip).count() >= _limit("TRACK_FAILURES_PER_CLIENT"):
        return True
    return bool(code_hash) and recent.filter(code_hash=code_hash).count() >= _limit("TRACK_FAILURES_PER_CODE")


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "POST":
        ip = client_ip(request)
        code = request.POST.get("code", "")
        code_hash = tracking.tracking_hash(code) if len(tracking.normalise_tracking_code(code)) == tracking.CODE_LENGTH else ""
        if _throttled(ip, code_hash):
            form = TrackForm(initial={"code": code[:40]})  # what was typed stays; the factor is never echoed
            return render(request, "cases/track.html",
                          {"form": form, "throttled": True, "window": _limit("TRACK_WINDOW_MINUTES")}, status=429)
        form = TrackForm(request.POST)
        if form.is_valid():
            case = find_by_tracking(form.cleaned_data["code"], form.cleaned_data["factor"])
            if case is not None:
                request.session["cases_tracked"] = case.pk
                return redirect("cases:track-status")
            TrackingAttempt.objects.create(ip=ip[:64], code_hash=code_hash)
            # The same answer for a wrong code, a wrong factor and a code that never existed.
            return render(request, "cases/track.html", {"form": form, "not_found": True}, status=404)
        return render(request, "cases/track.html", {"form": form}, status=400)
    return render(request, "cases/track.html", {"form": TrackForm()})


def public_progress(case: Application) -> dict:
    """What the applicant sees: progress and deadlines, no personal data."""
    events = [
        {"on": ev.on, "label": EventKind(ev.kind).public}
        for ev in case.events.order_by("on", "id")
        if EventKind(ev.kind).public
    ]
    today = timezone.localdate()
    soon = clock.due_soon_limit(today)
    pending_fee = case.fees.filter(status="sent").first()
    correction = correction_deadline(case) if case.status == Status.CORRECTION else None
    requested = applicant.correction_request(case) if correction else None
    documents = list(delivery.applicant_documents(case).prefetch_related("deliveries"))
    for doc in documents:
        doc.paper_deliveries = [x for x in doc.deliveries.all() if x.channel in PAPER_CHANNELS]
    return {
        "case": case,
        "events": events,
        "display": states.state_of(case, states.Day(today, soon)),
        "correction_deadline": correction,
        "correction_items": (requested.data.get("items") or []) if requested else [],
        "correction_pending": applicant.pending_online_correction(case) if correction else None,
        "pay_due": pending_fee.pay_due if pending_fee else None,
        "outcome_label": case.get_outcome_display() if case.outcome else "",
        "documents": documents,
        "reply_served": _reply_served(case),
        "files": list(delivery.applicant_files(case)),
    }


def _reply_served(case: Application) -> str:
    """How the reply date was fixed, when a paper delivery fixed it (docs/law.md §4.3)."""
    ev = next((e for e in case.events.filter(kind=EventKind.DOCUMENT_SERVED).order_by("-id")
               if (e.data or {}).get("reply_date")), None)
    if ev is None:
        return ""
    return "以交邮之日为答复日期" if ev.data.get("channel") == "post" else "以送达之日为答复日期"


def _tracked_case(request) -> Application | None:
    pk = request.session.get("cases_tracked")
    return Application.objects.select_related("agency").filter(pk=pk).first() if pk else None


@never_cache
def track_status(request, form: OnlineCorrectionForm | None = None, status: int = 200):
    case = _tracked_case(request)
    if case is None:
        return redirect("cases:track")
    context = public_progress(case)
    context["correction_form"] = form or OnlineCorrectionForm()
    context["downloads"] = True
    return render(request, "cases/track_status.html", context, status=status)


@never_cache
@require_POST
def track_correction(request):
    """The applicant answers the 补正告知书 online (第三十条; receipt date: 第三十一条第（三）项)."""
    case = _tracked_case(request)
    if case is None:
        return redirect("cases:track")
    form = OnlineCorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            applicant.submit_correction_online(
                case, text=form.cleaned_data["text"], files=form.cleaned_data["files"], request=request,
            )
        except applicant.ApplicantError as exc:
            attach_errors(form, exc)
        else:
            return redirect("cases:track-status")
    return track_status(request, form=form, status=400)


def _downloadable(request, case: Application, what: str, pk: int):
    if what == "document":
        return delivery.applicant_documents(case).filter(pk=pk).first()
    return delivery.applicant_files(case).filter(pk=pk).first()


@never_cache
def track_document(request, doc: int):
    """A notice as PDF, for the applicant who opened the tracking page (each download is logged)."""
    case = _tracked_case(request)
    document = _downloadable(request, case, "document", doc) if case else None
    if document is None:
        raise Http404("没有找到该文书。")
    data = to_pdf(Rendered.of(document))
    record_event(None, "case.document_downloaded", case, request=request,
                 details={"document": document.number, "by": "申请人（申请查询）"})
    resp = HttpResponse(data, content_type="application/pdf")
    resp["Content-Disposition"] = content_disposition_header(True, delivery.pdf_name(document))
    return resp


@never_cache
def track_file(request, att: int):
    """A file the applicant submitted or was supplied with the reply (each download is logged)."""
    case = _tracked_case(request)
    attachment = _downloadable(request, case, "file", att) if case else None
    if attachment is None:
        raise Http404("没有找到该文件。")
    record_event(None, "case.file_downloaded", case, request=request,
                 details={"file": attachment.original_name, "by": "申请人（申请查询）"})
    resp = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
def my_applications(request):
    """An applicant with an (optional) account sees the applications made while logged in."""
    cases = Application.objects.filter(applicant_user=request.user).select_related("agency").order_by("-submitted_at")
    return render(request, "cases/my_applications.html", {"cases": cases})


@login_required
def my_application(request, pk: int):
    case = get_object_or_404(Application.objects.select_related("agency"), pk=pk, applicant_user=request.user)
    return render(request, "cases/track_status.html", public_progress(case))
