"""Every state change of the catalogue: one function each, atomic, audited, revision-keeping.

Workflow (条例 第十七条 requires 保密审查 before publication; 第二十六条 sets the deadline):

    draft ──submit_for_review──▶ in_review ──approve_review──▶ approved ──publish_item──▶ published
      ▲                              │                                                    │
      └────────reject_review─────────┘              reopen_item ◀──withdrawn◀──withdraw_item

Only `publish_item` makes an item public, and only from `approved`; an approved item cannot be
edited (only drafts can), so what the public sees is exactly what the reviewer approved.
Services re-check permissions, so a view that forgets cannot publish unreviewed information.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.audit.services import SYSTEM_LABEL, record_event
from gongkai.errors import ServiceError
from gongkai.uploads import CATALOG, check_upload, content_type_for
from gongkai.versioning import claim
from gongkai.yearlocks.locks import YearLocked, assert_year_unlocked, assert_years_unlocked

from . import deadlines
from .indexno import next_index_no, reserve_imported_index_no
from .models import (
    REGULATORY_GENRES,
    Attachment,
    CatalogItem,
    FigureKind,
    Genre,
    ItemRevision,
    ReviewDecision,
    Status,
    Validity,
    YearlyFigure,
)
from .sanitize import clean_html
from .text import normalise_doc_no, parse_index_no


class CatalogError(ServiceError):
    """A rule of the 主动公开 workflow forbids the action."""


#: Metadata a draft carries; `interprets` (ids of the policies an interpretation explains) is extra.
EDITABLE_FIELDS = (
    "title", "summary", "doc_no", "publisher", "written_on", "effective_on", "formed_on",
    "subject", "genre", "category", "keywords", "body",
)


def _today() -> dt.date:
    return timezone.localdate()


def _require(actor, perm: Perm, agency) -> None:
    if actor is None or not has_perm(actor, perm, agency):
        raise CatalogError("您没有执行此操作的权限。")


def _require_any(actor, perms, agency) -> None:
    if actor is None or not any(has_perm(actor, p, agency) for p in perms):
        raise CatalogError("您没有执行此操作的权限。")


def _assert_unlocked(agency, *years: int | None, onwards: int | None = None) -> None:
    """Refuse changes to figures of a year whose annual report is submitted (gongkai.yearlocks, issue 7)."""
    try:
        for year in {y for y in years if y}:
            assert_year_unlocked(agency, year)
        if onwards:
            assert_years_unlocked(agency, onwards)
    except YearLocked as exc:
        raise CatalogError(exc.messages[0]) from None


def _counted_years(item: CatalogItem) -> tuple[int | None, ...]:
    """The report years whose table 二 / published count this item's publication touches."""
    years = [item.published_on.year if item.published_on else None]
    if item.is_regulatory and item.written_on:
        years.append(item.written_on.year)
    return tuple(years)


def _in_force_from(item: CatalogItem) -> int | None:
    """A document counts as 现行有效 at the end of every year from its 成文日期's year."""
    return item.written_on.year if item.is_regulatory and item.written_on else None


def _lock(item: CatalogItem) -> CatalogItem:
    """Re-read the item under a row lock so two clicks cannot both move it on."""
    fresh = CatalogItem.objects.select_for_update().get(pk=item.pk)
    item.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})
    return item


def _expect(item: CatalogItem, *statuses: str, action: str) -> None:
    if item.status not in statuses:
        wanted = "、".join(Status(s).label for s in statuses)
        raise CatalogError(f"只有状态为「{wanted}」的信息才能{action}（当前：{item.get_status_display()}）。")


def snapshot(item: CatalogItem) -> dict:
    data = {f: getattr(item, f) for f in EDITABLE_FIELDS}
    data.update(
        index_no=item.index_no,
        status=item.status,
        validity=item.validity,
        validity_changed_on=item.validity_changed_on,
        validity_note=item.validity_note,
        published_on=item.published_on,
        publish_due=item.publish_due,
        amends=item.amends_id,
        interprets=sorted(item.interprets.values_list("pk", flat=True)) if item.pk else [],
        attachments=[
            {"name": a.name, "size": a.size, "sha256": a.sha256} for a in item.attachments.all()
        ] if item.pk else [],
    )
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


def _revise(item: CatalogItem, actor, action: str, note: str = "") -> ItemRevision:
    item.revision += 1
    CatalogItem.objects.filter(pk=item.pk).update(revision=item.revision)
    return ItemRevision.objects.create(
        item=item, number=item.revision, action=action, note=note[:300], snapshot=snapshot(item), actor=actor
    )


def _apply(item: CatalogItem, data: dict) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            value = data[field]
            if isinstance(value, str):
                value = value.strip()
            setattr(item, field, value if value is not None or field.endswith("_on") else "")
    item.doc_no = normalise_doc_no(item.doc_no)
    item.body = clean_html(item.body)
    if not item.title:
        raise CatalogError("标题不能为空。")
    if not item.category:
        raise CatalogError("请选择公开类别（条例依据）。")
    # 条例第二十条第（一）项: 规章和规范性文件 are disclosed under item (一).
    if item.genre in REGULATORY_GENRES and item.category != "20-1":
        raise CatalogError("规章和行政规范性文件属于条例第二十条第（一）项，请选择该公开类别。")
    if item.formed_on and item.formed_on > _today():
        raise CatalogError("信息形成或变更日期不能晚于今天。")


def _set_deadline(item: CatalogItem) -> None:
    item.publish_due, item.publish_due_note = deadlines.deadline_for(item.formed_on, item.category, agency=item.agency)


def _set_interprets(item: CatalogItem, ids) -> None:
    if ids is None:
        return
    ids = [int(getattr(i, "pk", i)) for i in ids]
    if item.pk in ids:
        raise CatalogError("政策解读不能关联其自身。")
    if ids and item.genre != Genre.INTERPRETATION:
        raise CatalogError("只有体裁为「政策解读」的信息才能关联所解读的政策。")
    policies = list(CatalogItem.objects.filter(pk__in=ids))
    if len(policies) != len(set(ids)):
        raise CatalogError("所关联的政策文件不存在。")
    item.interprets.set(policies)


# -- drafts -------------------------------------------------------------------------------------


@transaction.atomic
def create_draft(agency, data: dict, *, acting_user, amends: CatalogItem | None = None) -> CatalogItem:
    """A new item in 「草稿」, with its 第二十六条 deadline computed from `formed_on`."""
    _require(acting_user, Perm.CATALOG_EDIT, agency)
    item = CatalogItem(agency=agency, created_by=acting_user, publisher=agency.name, formed_on=_today(), amends=amends)
    _apply(item, data)
    if not item.publisher:
        item.publisher = agency.name
    _set_deadline(item)
    item.save()
    _set_interprets(item, data.get("interprets"))
    _revise(item, acting_user, "created", "新建草稿")
    record_event(acting_user, "catalog.draft_created", item, details={"title": item.title})
    return item


@transaction.atomic
def update_draft(item: CatalogItem, data: dict, *, acting_user, expected_version: int | None = None) -> CatalogItem:
    """Save a draft. `expected_version` is the version the editor's page showed: if someone saved the
    draft since, EditConflict and nothing changes (gongkai.versioning)."""
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    if expected_version is None:
        expected_version = item.version
    _lock(item)
    _expect(item, Status.DRAFT, action="修改")
    claim(item, expected_version, what="该草稿")
    before = snapshot(item)
    _apply(item, data)
    _set_deadline(item)
    item.save()
    _set_interprets(item, data.get("interprets"))
    after = snapshot(item)
    changed = sorted(k for k in after if before.get(k) != after.get(k))
    _revise(item, acting_user, "edited", "修改：" + "、".join(changed) if changed else "保存（无变化）")
    record_event(acting_user, "catalog.draft_updated", item, details={"changed": changed})
    return item


@transaction.atomic
def delete_draft(item: CatalogItem, *, acting_user) -> None:
    """Only a never-published draft may be deleted; its 索引号 (if any) is never reused."""
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    _lock(item)
    _expect(item, Status.DRAFT, action="删除")
    if item.index_no:
        raise CatalogError("已分配索引号的信息不能删除，只能撤回。")
    record_event(acting_user, "catalog.draft_deleted", item, details={"title": item.title})
    for att in item.attachments.all():
        att.file.delete(save=False)
    item.delete()


# -- 保密审查 --------------------------------------------------------------------------------------


@transaction.atomic
def submit_for_review(item: CatalogItem, *, acting_user) -> CatalogItem:
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    _lock(item)
    _expect(item, Status.DRAFT, action="送审")
    if not (item.body_text or item.summary or item.attachments.exists()):
        raise CatalogError("正文、内容概述和附件不能同时为空。")
    item.status = Status.IN_REVIEW
    item.submitted_by = acting_user
    item.save(update_fields=["status", "submitted_by", "updated_at"])
    _revise(item, acting_user, "submitted", "提交保密审查")
    record_event(acting_user, "catalog.submitted_for_review", item)
    return item


def _check_reviewer(reviewer, item: CatalogItem) -> None:
    _require(reviewer, Perm.CATALOG_REVIEW, item.agency)
    # 保密审查 is a second pair of eyes: whoever drafted or submitted the item cannot pass it.
    if reviewer.pk in (item.created_by_id, item.submitted_by_id):
        raise CatalogError("保密审查须由起草人、送审人以外的审核人进行。")


@transaction.atomic
def approve_review(item: CatalogItem, note: str = "", *, acting_user) -> CatalogItem:
    _lock(item)
    _check_reviewer(acting_user, item)
    _expect(item, Status.IN_REVIEW, action="审查")
    item.status = Status.APPROVED
    item.reviewed_by = acting_user
    item.reviewed_at = timezone.now()
    item.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    ReviewDecision.objects.create(item=item, revision=item.revision, reviewer=acting_user, approved=True, reason=note.strip())
    _revise(item, acting_user, "approved", "保密审查通过" + (f"：{note.strip()}" if note.strip() else ""))
    record_event(acting_user, "catalog.review_approved", item, details={"revision": item.revision, "note": note})
    return item


@transaction.atomic
def reject_review(item: CatalogItem, reason: str, *, acting_user) -> CatalogItem:
    reason = (reason or "").strip()
    if not reason:
        raise CatalogError("退回时必须填写理由。")
    _lock(item)
    _check_reviewer(acting_user, item)
    _expect(item, Status.IN_REVIEW, action="审查")
    item.status = Status.DRAFT
    item.reviewed_by = acting_user
    item.reviewed_at = timezone.now()
    item.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    ReviewDecision.objects.create(item=item, revision=item.revision, reviewer=acting_user, approved=False, reason=reason)
    _revise(item, acting_user, "rejected", f"保密审查退回：{reason}")
    record_event(acting_user, "catalog.review_rejected", item, details={"revision": item.revision, "reason": reason})
    return item


# -- publication ----------------------------------------------------------------------------------


@transaction.atomic
def publish_item(item: CatalogItem, *, acting_user, published_on: dt.date | None = None) -> CatalogItem:
    """Make an approved item public, allocating its 索引号 on first publication.

    `published_on` may name an earlier day for items that were already published elsewhere
    (imports, the demo); it defaults to today.
    """
    _require_any(acting_user, (Perm.CATALOG_EDIT, Perm.CATALOG_REVIEW), item.agency)
    _lock(item)
    _expect(item, Status.APPROVED, action="发布")
    if not item.reviewed_by_id:
        raise CatalogError("未经保密审查的信息不能发布。")
    day = published_on or item.published_on or _today()
    if day > _today():
        raise CatalogError("发布日期不能晚于今天。")
    item.published_on = day
    _assert_unlocked(item.agency, *_counted_years(item), onwards=_in_force_from(item))
    if not item.index_no:
        item.index_no = next_index_no(item.agency, day.year)
    item.status = Status.PUBLISHED
    item.published_by = acting_user
    item.withdrawn_at = None
    item.withdrawal_reason = ""
    item.save()
    _revise(item, acting_user, "published", f"发布，索引号 {item.index_no}")
    record_event(acting_user, "catalog.item_published", item, details={"index_no": item.index_no, "published_on": day})
    if item.amends_id:
        old = item.amends
        if old.validity == Validity.VALID:
            _end_validity(acting_user, old, Validity.AMENDED, item.effective_on or day, f"已被「{item.title}」修改")
    return item


@transaction.atomic
def withdraw_item(item: CatalogItem, reason: str, *, acting_user) -> CatalogItem:
    """Take a published item off the portal. It keeps its 索引号 (never reused)."""
    reason = (reason or "").strip()
    if not reason:
        raise CatalogError("撤回时必须填写理由。")
    _require_any(acting_user, (Perm.CATALOG_EDIT, Perm.CATALOG_REVIEW), item.agency)
    _lock(item)
    _expect(item, Status.PUBLISHED, action="撤回")
    _assert_unlocked(item.agency, *_counted_years(item), onwards=_in_force_from(item))
    item.status = Status.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.withdrawal_reason = reason[:300]
    item.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    _revise(item, acting_user, "withdrawn", f"撤回：{reason}")
    record_event(acting_user, "catalog.item_withdrawn", item, details={"reason": reason})
    return item


# -- annual reports in the catalogue ---------------------------------------------------------------

#: 条例第五十条: the annual report is published (第四十九条) — information disclosed under 第二十条第（十五）项.
REPORT_ITEM_DEFAULTS = {"category": "20-15", "genre": Genre.OTHER, "subject": "综合政务", "keywords": "政府信息公开工作年度报告"}


@transaction.atomic
def publish_report_item(
    agency, *, acting_user, item: CatalogItem | None, title: str, body: str, approved_by, year: int,
) -> CatalogItem:
    """List a published annual report in the 公开目录 (creating or updating its item), searchable like
    any other item, with a 索引号 allocated as for other items.

    Called by `reports.services.publish_report` only, which checked who may publish; the 主管部门's
    审核 of the report stands for the 保密审查 (`reviewed_by` is the approver).
    """
    day = _today()
    data = {**REPORT_ITEM_DEFAULTS, "title": title, "body": body, "publisher": agency.name, "formed_on": day,
            "written_on": day}
    created = item is None
    if created:
        item = CatalogItem(agency=agency, created_by=acting_user, publisher=agency.name, formed_on=day)
    else:
        _lock(item)
    _apply(item, data)
    _set_deadline(item)
    item.status = Status.PUBLISHED
    item.reviewed_by = approved_by or acting_user
    item.reviewed_at = timezone.now()
    item.published_on = day
    item.published_by = acting_user
    item.withdrawn_at = None
    item.withdrawal_reason = ""
    _assert_unlocked(agency, day.year)
    if not item.index_no:
        item.index_no = next_index_no(agency, day.year)
    item.save()
    _revise(item, acting_user, "published", f"{year}年度报告{'公开' if created else '重新公开'}，索引号 {item.index_no}")
    record_event(acting_user, "catalog.item_published", item,
                 details={"index_no": item.index_no, "published_on": day, "annual_report": year})
    return item


@transaction.atomic
def withdraw_report_item(item: CatalogItem, reason: str, *, acting_user) -> CatalogItem:
    """The report's item leaves the portal with the report (called by `reports.services.withdraw_report`)."""
    _lock(item)
    if item.status != Status.PUBLISHED:
        return item
    item.status = Status.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.withdrawal_reason = reason[:300]
    item.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    _revise(item, acting_user, "withdrawn", f"随年度报告撤回：{reason}")
    record_event(acting_user, "catalog.item_withdrawn", item, details={"reason": reason, "annual_report": True})
    return item


@transaction.atomic
def reopen_item(item: CatalogItem, *, acting_user) -> CatalogItem:
    """A withdrawn item back to 「草稿」 for correction; it must pass 保密审查 again."""
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    _lock(item)
    _expect(item, Status.WITHDRAWN, action="重新编辑")
    item.status = Status.DRAFT
    item.reviewed_by = None
    item.reviewed_at = None
    item.submitted_by = None
    item.save(update_fields=["status", "reviewed_by", "reviewed_at", "submitted_by", "updated_at"])
    _revise(item, acting_user, "reopened", "撤回后重新编辑")
    record_event(acting_user, "catalog.item_reopened", item)
    return item


# -- validity; 规章 and 行政规范性文件 -----------------------------------------------------------------

_ENDINGS = {Validity.EXPIRED, Validity.REPEALED, Validity.AMENDED}


def _end_validity(actor, item: CatalogItem, validity: str, on: dt.date, note: str) -> CatalogItem:
    item.validity = validity
    item.validity_changed_on = on
    item.validity_note = note[:300]
    item.save(update_fields=["validity", "validity_changed_on", "validity_note", "updated_at"])
    label = Validity(validity).label
    _revise(item, actor, "validity_changed", f"有效性改为「{label}」（{on:%Y-%m-%d}）{('：' + note) if note else ''}")
    record_event(actor, "catalog.validity_changed", item, details={"validity": validity, "on": on, "note": note})
    return item


@transaction.atomic
def change_validity(item: CatalogItem, validity: str, on: dt.date, note: str = "", *, acting_user) -> CatalogItem:
    """有效 → 失效 / 废止 / 已修改, from the given day. The change is final (a new item re-issues)."""
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    _lock(item)
    _expect(item, Status.PUBLISHED, action="变更有效性")
    if validity not in _ENDINGS:
        raise CatalogError("有效性只能由「有效」变更为「失效」「废止」或「已修改」。")
    if item.validity != Validity.VALID:
        raise CatalogError(f"该信息已是「{item.get_validity_display()}」，不能再次变更。")
    if on is None:
        raise CatalogError("请填写失效、废止或修改的日期。")
    start = item.written_on or item.published_on
    if start and on < start:
        raise CatalogError("失效、废止或修改日期不能早于成文日期。")
    # 现行有效 of every year from `on` onwards changes, and 本年废止 of `on`'s year.
    _assert_unlocked(item.agency, onwards=on.year)
    return _end_validity(acting_user, item, validity, on, (note or "").strip())


def issue_document(agency, data: dict, *, acting_user) -> CatalogItem:
    """Draft a new 规章 or 行政规范性文件 (制发); it is published through 保密审查 like any item."""
    if data.get("genre") not in REGULATORY_GENRES:
        raise CatalogError("请选择体裁「规章」或「行政规范性文件」。")
    return create_draft(agency, {"category": "20-1", **data}, acting_user=acting_user)


def amend_document(item: CatalogItem, data: dict, *, acting_user) -> CatalogItem:
    """Draft the amended text of a document in force; publishing it marks the old one 「已修改」."""
    if not item.is_regulatory:
        raise CatalogError("只有规章和行政规范性文件可以修改。")
    if item.status != Status.PUBLISHED or item.validity != Validity.VALID:
        raise CatalogError("只能修改已发布且现行有效的文件。")
    if item.amendments.exclude(status=Status.WITHDRAWN).filter(validity=Validity.VALID).exists():
        raise CatalogError("该文件已有修改稿，请在修改稿上继续。")
    base = {f: getattr(item, f) for f in EDITABLE_FIELDS}
    base.update(formed_on=_today(), **data)
    base["genre"] = item.genre
    return create_draft(item.agency, base, acting_user=acting_user, amends=item)


def repeal_document(item: CatalogItem, on: dt.date, reason: str, *, acting_user) -> CatalogItem:
    if not item.is_regulatory:
        raise CatalogError("只有规章和行政规范性文件可以废止。")
    if not (reason or "").strip():
        raise CatalogError("废止时必须填写理由或依据。")
    return change_validity(item, Validity.REPEALED, on, reason, acting_user=acting_user)


# -- attachments --------------------------------------------------------------------------------


@transaction.atomic
def add_attachment(item: CatalogItem, upload, *, acting_user) -> Attachment:
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    _lock(item)
    _expect(item, Status.DRAFT, action="添加附件")
    name = os.path.basename(upload.name or "附件")[:200]
    if (problem := check_upload(upload, CATALOG)) is not None:  # by content: an executable named .pdf is refused
        raise CatalogError(problem)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    att = Attachment(
        item=item, name=name, size=upload.size, content_type=content_type_for(name),
        sha256=digest.hexdigest(), uploaded_by=acting_user,
    )
    att.file.save(name, upload, save=False)
    att.save()
    _revise(item, acting_user, "attachment_added", f"添加附件「{name}」")
    record_event(acting_user, "catalog.attachment_added", item, details={"name": name, "size": upload.size})
    return att


@transaction.atomic
def remove_attachment(attachment: Attachment, *, acting_user) -> None:
    item = attachment.item
    _require(acting_user, Perm.CATALOG_EDIT, item.agency)
    _lock(item)
    _expect(item, Status.DRAFT, action="删除附件")
    name = attachment.name
    attachment.delete()  # the file stays on disk: earlier revisions list it by name and hash
    _revise(item, acting_user, "attachment_removed", f"删除附件「{name}」")
    record_event(acting_user, "catalog.attachment_removed", item, details={"name": name})


# -- deadlines ----------------------------------------------------------------------------------


@transaction.atomic
def recompute_publication_deadlines(changed_dates=None) -> int:
    """After a calendar change: recompute stored 第二十六条 deadlines that may depend on it.

    Each moved date is audited with the reason, as ARCHITECTURE.md asks. Returns the count moved.
    Each agency's own calendar is used (national plus its region's local days off).
    """
    from django.db.models import Q

    qs = CatalogItem.objects.exclude(formed_on__isnull=True).select_related("agency")
    changed = sorted(set(changed_dates or ()))
    if changed:
        # Only periods that start before a changed day and end on/after it (or are unknown) move.
        qs = qs.filter(formed_on__lt=changed[-1]).filter(Q(publish_due__isnull=True) | Q(publish_due__gte=changed[0]))
    moved = 0
    calendars: dict[int, object] = {}
    days = [d.isoformat() for d in changed[:50]]
    for item in qs.select_for_update(of=("self",)).iterator(chunk_size=500):
        if item.agency_id not in calendars:
            calendars[item.agency_id] = deadlines.get_calendar(item.agency)
        due, note = deadlines.deadline_for(item.formed_on, item.category, calendar=calendars[item.agency_id])
        if due == item.publish_due and note == item.publish_due_note:
            continue
        old = item.publish_due
        CatalogItem.objects.filter(pk=item.pk).update(publish_due=due, publish_due_note=note)
        record_event(
            None, "catalog.deadline_recomputed", item, actor_label=SYSTEM_LABEL,
            details={"old": old, "new": due, "note": note, "reason": "工作日历变更", "changed_dates": days},
        )
        moved += 1
    return moved


def preview_publication_deadlines(after, changed_dates) -> dict:
    """For the calendar preview: the stored 第二十六条 deadlines that `after` would move."""
    from django.db.models import Q

    from gongkai.workcal.services import calendar_with_region

    changed = sorted(set(changed_dates or ()))
    qs = CatalogItem.objects.exclude(formed_on__isnull=True).select_related("agency")
    if changed:
        qs = qs.filter(formed_on__lt=changed[-1]).filter(Q(publish_due__isnull=True) | Q(publish_due__gte=changed[0]))
    calendars: dict[int, object] = {}
    moved, examples = 0, []
    for item in qs.iterator(chunk_size=500):
        if item.agency_id not in calendars:
            calendars[item.agency_id] = calendar_with_region(after, item.agency)
        due, _ = deadlines.deadline_for(item.formed_on, item.category, calendar=calendars[item.agency_id])
        if due != item.publish_due:
            moved += 1
            if len(examples) < 10:
                examples.append(f"{item.title[:30]}：{item.publish_due or '未定'} → {due or '未定'}")
    return {"label": "主动公开目录的公开期限（第二十六条）", "count": moved, "examples": examples}


# -- yearly figures for table 二 -------------------------------------------------------------------


@transaction.atomic
def set_yearly_figure(agency, year: int, kind: str, value, note: str = "", *, acting_user) -> YearlyFigure | None:
    """Enter (or clear with value=None) one table 二 figure; counts must be whole numbers ≥ 0."""
    _require_any(acting_user, (Perm.CATALOG_EDIT, Perm.REPORT_EDIT), agency)
    kind = FigureKind(kind)
    _assert_unlocked(agency, int(year))
    existing = YearlyFigure.objects.select_for_update().filter(agency=agency, year=year, kind=kind).first()
    old = existing.value if existing else None
    if value is None or value == "":
        if existing:
            existing.delete()
            record_event(acting_user, "catalog.figure_cleared", agency, details={"year": year, "kind": kind.value, "old": old})
        return None
    try:
        value = Decimal(str(value).strip())
    except Exception:
        raise CatalogError(f"「{kind.label}」须填写数字。") from None
    if value < 0:
        raise CatalogError(f"「{kind.label}」不能为负数。")
    if kind != FigureKind.FEE and value != value.to_integral_value():
        raise CatalogError(f"「{kind.label}」是件数，须为整数。")
    if not 1990 <= int(year) <= _today().year:
        raise CatalogError("年度不正确。")
    fig = existing or YearlyFigure(agency=agency, year=year, kind=kind)
    fig.value, fig.note, fig.entered_by = value, (note or "").strip()[:300], acting_user
    fig.save()
    if old != value:
        record_event(
            acting_user, "catalog.figure_entered", agency,
            details={"year": year, "kind": kind.value, "old": old, "new": value, "note": fig.note},
        )
    return fig


# -- import support -----------------------------------------------------------------------------


@transaction.atomic
def import_item(
    agency, data: dict, *, acting_user, index_no: str = "", published_on: dt.date | None = None,
    validity: str = Validity.VALID, validity_changed_on: dt.date | None = None, note: str = "批量导入",
) -> CatalogItem:
    """An item that already exists elsewhere: kept 索引号, 发布日期 and 有效性, sent to 保密审查.

    Publishing still needs a reviewer's approval (`approve_review` then `publish_item`, which
    keeps the imported 发布日期 and 索引号).
    """
    item = create_draft(agency, data, acting_user=acting_user)
    if index_no:
        item.index_no = adopt_index_no(agency, index_no)
    item.published_on = published_on
    if validity != Validity.VALID:
        item.validity, item.validity_changed_on = validity, validity_changed_on
    item.save()
    _revise(item, acting_user, "imported", note)
    record_event(acting_user, "catalog.item_imported", item, details={"index_no": item.index_no, "note": note})
    return submit_for_review(item, acting_user=acting_user)


def adopt_index_no(agency, index_no: str) -> str:
    """Validate an existing 索引号 brought in by an import and keep the counter ahead of it."""
    text = (index_no or "").strip().upper()
    if parse_index_no(text, tolerant=True) is None:
        raise CatalogError(f"索引号「{index_no}」格式不正确。")
    if CatalogItem.objects.filter(index_no=text).exists():
        raise CatalogError(f"索引号「{text}」已被使用。")
    reserve_imported_index_no(agency, text)
    return text
