"""待办 of the 依申请公开 cases (agencies/queues.py).

Clock states come from the one definition `states.py` (待确认, 即将到期, 已逾期 …); the steps the
workflow waits on from `worklists.py` (延期待批准, 答复待审核, 补正已回复, 待送达 …). Each queue links
to the inbox filtered by the same key, so the count and the list cannot disagree.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import Perm, agencies_for
from gongkai.agencies.queues import Queue, register

from . import states, worklists
from .models import Application

HANDLER, REVIEWER, HEAD = frozenset({Role.HANDLER}), frozenset({Role.REVIEWER}), frozenset({Role.HEAD})


def _cases(user, perm=Perm.CASE_VIEW):
    return Application.objects.filter(agency_id__in=list(agencies_for(user, perm).values_list("pk", flat=True)))


def _inbox(**params):
    return lambda user: reverse("cases:inbox") + "?" + urlencode(params)


def _state_queue(key: str, roles, order: int, description: str, label: str | None = None) -> None:
    state = states.BY_KEY[key]
    register(Queue(
        key=f"cases.{key}", label=label or state.label, roles=roles, order=order, description=description,
        count=lambda user: states.in_state(_cases(user), key).count(), url=_inbox(state=key),
    ))


def _work_queue(key: str, roles, order: int, description: str, scope: str = "open", group: str = "依申请公开") -> None:
    item = worklists.BY_KEY[key]

    def cases(user):
        return _cases(user).filter(in_progress__in=[True]) if scope == "open" else _cases(user)

    register(Queue(
        key=f"cases.{key}", label=item.label, roles=roles, order=order, description=description, group=group,
        count=lambda user: worklists.in_work(cases(user), key).count(),
        url=_inbox(work=key, scope=scope),
    ))


# 经办人
_state_queue("unconfirmed", HANDLER, 10, "在线提交、尚待确认收到的申请（条例第三十一条）")
_state_queue("due_soon", HANDLER, 20, "答复期限将至（剩余工作日不多）")
_state_queue("overdue", HANDLER | HEAD, 30, "已超过答复期限仍未答复（条例第三十三条）")
_work_queue("deadline_unknown", HANDLER, 35, "工作日历缺少所需年份，答复期限暂无法确定")
_work_queue("correction_answered", HANDLER, 40, "申请人已在线提交补正，待确认收到")
_work_queue("delivery_pending", HANDLER, 50, "申请人选择邮寄或当面领取、尚未登记送达的告知书和答复书（含邮件发送失败的）", scope="all")
# 审核人
_work_queue("reply_to_review", REVIEWER, 10, "经办人拟定的答复，待审核后发出")
# 负责人
_work_queue("extension_requested", HEAD, 10, "延期答复须经负责人同意（条例第三十三条第二款）")
_work_queue("fee_proposed", HEAD, 20, "信息处理费须经批准后通知申请人（条例第四十二条）")
# 系统管理员
_work_queue("delivery_failed", frozenset({Role.ADMIN}), 20, "多次发送仍失败的告知书邮件", scope="all", group="系统")


def _overdue_below(user) -> int:
    """主管部门: open cases past their reply date in the agencies it supervises (a count, no personal data)."""
    return states.in_state(_cases(user, Perm.CASE_STATS), "overdue").count()


register(Queue(
    key="cases.overdue_supervised", label="各机关逾期未答复申请", roles=frozenset({Role.SUPERVISOR}), order=30,
    group="监督指导", description="所属各机关已超过答复期限的申请件数（各机关数字见主管部门页面）",
    count=_overdue_below, url=lambda user: reverse("reports:supervise") + "#cases",
))
