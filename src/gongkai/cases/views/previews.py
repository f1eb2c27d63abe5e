"""Previews of what an action would produce, before it is taken (issue 12): the 答复书 the reviewer is
about to approve. A preview is not a document: no 文号, nothing stored or sent; its view is permission-checked
(the case's agency, 404 for another agency's case) and logged like the view of an issued document."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from gongkai.agencies.permissions import Perm, get_object, require_perm
from gongkai.audit.services import record_event

from ..actions import reply
from ..actions.base import CaseError
from ..documents import rendering
from ..models import Application


@require_perm(Perm.CASE_VIEW)
def reply_preview(request, pk: int):
    """The 答复书 waiting for review, as the PDF `approve_reply` would issue today, marked 「预览 · 未出具」."""
    case = get_object(request, Perm.CASE_VIEW, Application.objects.select_related("agency"), pk=pk)
    try:
        rendered = reply.preview_reply(case, acting_user=request.user)
    except CaseError as exc:
        raise Http404(exc.message) from None
    record_event(request.user, "case.document_previewed", case, request=request,
                 details={"document": rendered.title, "format": "pdf", "issued": False})
    resp = HttpResponse(rendering.to_pdf(rendered), content_type="application/pdf")
    resp["Content-Disposition"] = content_disposition_header(False, f"预览-{rendered.title}-{case.number}.pdf")
    return resp
