"""The actions on a catalog item (保密审查 and publication workflow), declared once and read by
`views.item_action` and by the item page, which offers exactly the actions `ITEM_ACTIONS.available` returns.
The services check the permission themselves; `perm` says who is offered the action."""

from __future__ import annotations

from gongkai.agencies.permissions import Perm, has_perm
from gongkai.workflow import Action, Registry

from . import services
from .forms import ApproveForm, ReasonForm, RepealForm, ValidityForm
from .models import Status, Validity


def _edit_or_review(user, item) -> bool:
    return any(has_perm(user, p, item.agency) for p in (Perm.CATALOG_EDIT, Perm.CATALOG_REVIEW))


def _independent_reviewer(user, item) -> bool:
    """保密审查 by someone other than the author or the submitter (services.approve_review refuses them)."""
    return has_perm(user, Perm.CATALOG_REVIEW, item.agency) and user.pk not in (item.created_by_id, item.submitted_by_id)


def _published_and_valid(item) -> bool:
    return item.status == Status.PUBLISHED and item.validity == Validity.VALID


ITEM_ACTIONS = Registry([
    Action("submit", "提交保密审查", Perm.CATALOG_EDIT, None,
           lambda item, f, *, acting_user: services.submit_for_review(item, acting_user=acting_user),
           lambda item: item.status == Status.DRAFT, done="已提交保密审查。"),
    Action("approve", "保密审查通过", _independent_reviewer, ApproveForm,
           lambda item, f, *, acting_user: services.approve_review(item, f.cleaned_data["note"], acting_user=acting_user),
           lambda item: item.status == Status.IN_REVIEW, done="保密审查通过。"),
    Action("reject", "退回修改", _independent_reviewer, ReasonForm,
           lambda item, f, *, acting_user: services.reject_review(item, f.cleaned_data["reason"], acting_user=acting_user),
           lambda item: item.status == Status.IN_REVIEW, done="已退回起草人修改。"),
    Action("publish", "发布", _edit_or_review, None,
           lambda item, f, *, acting_user: services.publish_item(item, acting_user=acting_user),
           lambda item: item.status == Status.APPROVED, done=lambda item: f"已发布，索引号 {item.index_no}。"),
    Action("withdraw", "撤回", _edit_or_review, ReasonForm,
           lambda item, f, *, acting_user: services.withdraw_item(item, f.cleaned_data["reason"], acting_user=acting_user),
           lambda item: item.status == Status.PUBLISHED, done="已撤回。"),
    Action("reopen", "转为草稿", Perm.CATALOG_EDIT, None,
           lambda item, f, *, acting_user: services.reopen_item(item, acting_user=acting_user),
           lambda item: item.status == Status.WITHDRAWN,
           done="已转为草稿，修改后须重新送审。"),
    Action("validity", "变更有效性", Perm.CATALOG_EDIT, ValidityForm,
           lambda item, f, *, acting_user: services.change_validity(
               item, f.cleaned_data["validity"], f.cleaned_data["on"], f.cleaned_data["note"], acting_user=acting_user),
           _published_and_valid, done="有效性已变更。"),
    Action("repeal", "废止", Perm.CATALOG_EDIT, RepealForm,
           lambda item, f, *, acting_user: services.repeal_document(
               item, f.cleaned_data["on"], f.cleaned_data["reason"], acting_user=acting_user),
           lambda item: _published_and_valid(item) and item.is_regulatory, done="文件已废止。"),
])
