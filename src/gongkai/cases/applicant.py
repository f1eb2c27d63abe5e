"""What the applicant does on the tracking page (申请查询: code + second factor): answer a 补正 online.

    from gongkai.cases.applicant import submit_correction_online, pending_online_correction
    submit_correction_online(case, text="…", files=[…], request=request)

The answer is recorded (an event 「申请人在线提交补正」 with the text and the files, role 补正材料) and
waits for staff, who confirm it in one click (`confirm_online_correction` in the staff actions). The
receipt date is the day of that confirmation: an answer over the Internet is received on the day both
sides confirm it (条例第三十一条第（三）项), and the 20 working days restart from it (第三十条).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record_event
from gongkai.uploads import APPLICANT, content_type_for

from .actions.base import CaseError
from .models import Application, Attachment, AttachmentRole, CaseEvent, EventKind, Status

MAX_TEXT = 5000


class ApplicantError(CaseError):
    """Bad input from the applicant (Chinese message, optional form field)."""


def correction_request(case: Application) -> CaseEvent | None:
    """The 补正告知 of the case (一次性, 第三十条), or None."""
    return case.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("-on", "-id").first()


def pending_online_correction(case: Application) -> CaseEvent | None:
    """The applicant's online answer that staff have not confirmed yet (while the case waits for 补正)."""
    if case.status != Status.CORRECTION:
        return None
    requested = correction_request(case)
    if requested is None:
        return None
    return (
        case.events.filter(kind=EventKind.CORRECTION_SUBMITTED, id__gt=requested.id).order_by("-id").first()
    )


def submit_correction_online(case: Application, *, text: str, files=(), request=None) -> CaseEvent:
    """Record the applicant's 补正 sent from the tracking page. Files are checked by the form."""
    text = (text or "").strip()
    files = list(files or ())
    if not text and not files:
        raise ApplicantError("请填写补正内容或上传补正材料。", "text")
    if len(text) > MAX_TEXT:
        raise ApplicantError(f"补正内容不能超过{MAX_TEXT}字。", "text")
    with transaction.atomic():
        case = Application.objects.select_for_update().get(pk=case.pk)
        if case.status != Status.CORRECTION:
            raise ApplicantError("本申请目前不需要补正。")
        if pending_online_correction(case) is not None:
            raise ApplicantError("您已在线提交补正，正在等待工作人员确认；如需更正，请联系受理机关。")
        if len(files) > APPLICANT.max_files:
            raise ApplicantError(f"最多上传{APPLICANT.max_files}个文件。", "files")
        saved = []
        for f in files:
            name = getattr(f, "name", "补正材料")
            att = Attachment(
                case=case, role=AttachmentRole.CORRECTION, original_name=name[:200],
                content_type=content_type_for(name), size=f.size,
            )
            att.file.save(name, f, save=False)
            att.save()
            saved.append(att)
        event = CaseEvent.objects.create(
            case=case, kind=EventKind.CORRECTION_SUBMITTED, on=timezone.localdate(),
            text=("申请人在线提交补正：" + text)[:MAX_TEXT + 20] if text else "申请人在线提交补正材料。",
            data={"text": text, "files": [a.pk for a in saved], "names": [a.original_name for a in saved]},
        )
        case.version += 1  # a staff page opened before this answer must reload (optimistic concurrency)
        case.save(update_fields=["version", "updated_at"])
        record_event(None, "case.correction_submitted_online", case, request=request,
                     details={"files": len(saved), "chars": len(text)})
    return event


def confirm_online_correction(case: Application, *, acting_user, expected_version=None):
    """Staff confirm the applicant's online 补正 in one click. The day of confirmation is the day the
    补正 is received (第三十一条第（三）项: 双方确认之日), and the reply period restarts from it (第三十条).
    The files were stored when the applicant sent them."""
    from .actions import correction

    pending = pending_online_correction(case)
    if pending is None:
        raise ApplicantError("申请人没有在线提交待确认的补正。")
    text = pending.data.get("text") or ""
    names = "、".join(pending.data.get("names") or [])
    note = "（在线补正）" + text + (f"（补正材料：{names}）" if names else "")
    return correction.receive_correction(case, acting_user=acting_user, on=timezone.localdate(), note=note,
                                         expected_version=expected_version)
