"""The Chinese names of audit-log actions, defined once (beside the statutory vocabulary).

Every action code a service writes with `gongkai.audit.services.record_event` is registered here
with the label a 负责人 reads: the audit log list, its filter, its export, the detail page and the
object pages (case, remedy, report …) all show `action_label(code)`, never the code itself.

`record_event` refuses an unregistered code when `settings.GONGKAI_AUDIT_STRICT` is on (the test
settings), so a new service cannot ship an action nobody can read; tests/audit/test_action_labels.py
also walks the source for the codes.

`cause` is how an event that another action caused names it: a deadline moved by a calendar change
is logged as 「系统（因周敏修改工作日历）」 (`caused_label`).

Pure Python: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str
    cause: str = ""  # verb phrase used in 「系统（因<actor><cause>）」; defaults to the label

    @property
    def domain(self) -> str:
        return DOMAINS.get(self.code.split(".", 1)[0], "其他")


#: Prefix of the code → the group shown in the filter.
DOMAINS: dict[str, str] = {
    "case": "依申请公开",
    "catalog": "主动公开目录",
    "report": "年度报告",
    "remedy": "行政复议和行政诉讼",
    "calendar": "工作日历",
    "agency": "机关",
    "user": "账户",
    "system": "系统",
    "portal": "政府信息公开专栏",
}

_CALENDAR = "修改工作日历"

_ACTIONS = (
    # -- agencies and accounts
    AuditAction("agency.created", "新建机关"),
    AuditAction("agency.updated", "修改机关信息"),
    AuditAction("user.created", "新建账户"),
    AuditAction("user.updated", "修改账户"),
    AuditAction("user.roles_changed", "修改账户角色"),
    AuditAction("user.password_changed", "修改本人密码"),
    AuditAction("user.password_set", "重设账户密码"),
    # -- working-day calendar (every change moves deadlines: the consequences name it 修改工作日历)
    AuditAction("calendar.seed", "载入初始工作日历", _CALENDAR),
    AuditAction("calendar.enter_year", "录入年度放假安排", _CALENDAR),
    AuditAction("calendar.import_json", "导入放假安排（holiday-cn）", _CALENDAR),
    AuditAction("calendar.import_csv", "导入放假安排（CSV）", _CALENDAR),
    AuditAction("calendar.add_local", "增加地方休息日", _CALENDAR),
    AuditAction("calendar.remove_local", "删除地方休息日", _CALENDAR),
    AuditAction("calendar.add_region", "增加地区", _CALENDAR),
    AuditAction("calendar.gap_alert", "提醒录入下一年度节假日安排"),
    # -- 依申请公开
    AuditAction("case.submitted", "在线提交申请"),
    AuditAction("case.registered", "登记申请"),
    AuditAction("case.received", "确认收到申请"),
    AuditAction("case.assigned", "指定经办人"),
    AuditAction("case.tracking_code_reissued", "重新生成查询码"),
    AuditAction("case.correction_requested", "发出补正告知"),
    AuditAction("case.correction_received", "收到补正材料"),
    AuditAction("case.closed", "办结（无需答复审核）"),
    AuditAction("case.consultation_sent", "发出征求意见"),
    AuditAction("case.consultation_receipt_recorded", "登记对方收到征求意见书日期"),
    AuditAction("case.consultation_answered", "记录征求意见结果"),
    AuditAction("case.extension_requested", "申请延期答复"),
    AuditAction("case.extension_approved", "批准延期答复"),
    AuditAction("case.extension_rejected", "不批准延期答复"),
    AuditAction("case.fee_proposed", "拟收取信息处理费"),
    AuditAction("case.fee_approved", "批准收取信息处理费"),
    AuditAction("case.fee_rejected", "不批准收取信息处理费"),
    AuditAction("case.fee_notice_sent", "发出收费通知"),
    AuditAction("case.fee_paid", "记录缴费"),
    AuditAction("case.reasons_requested", "要求说明理由"),
    AuditAction("case.reasons_received", "收到理由说明"),
    AuditAction("case.custom_deadline_set", "确定合理答复期限"),
    AuditAction("case.reply_drafted", "起草答复"),
    AuditAction("case.reply_approved", "审核通过答复"),
    AuditAction("case.reply_returned", "退回答复"),
    AuditAction("case.archived", "归档"),
    AuditAction("case.viewed", "查看申请（含个人信息）"),
    AuditAction("case.list_viewed", "查看申请列表"),
    AuditAction("case.exported", "导出申请"),
    AuditAction("case.document_viewed", "查看文书"),
    AuditAction("case.document_previewed", "预览文书（未出具）"),
    AuditAction("case.attachment_viewed", "查看申请附件"),
    AuditAction("case.deadline_recomputed", "重新计算答复期限"),
    AuditAction("case.document_held", "文书待出具（所需日期尚不能确定）"),
    AuditAction("case.held_document_issued", "出具待出具文书"),
    AuditAction("case.document_superseded", "文书作废并重新出具"),
    AuditAction("case.template_saved", "修改文书模板"),
    AuditAction("case.template_reset", "恢复默认文书模板"),
    AuditAction("case.correction_submitted_online", "申请人在线提交补正"),
    AuditAction("case.document_downloaded", "申请人下载告知书"),
    AuditAction("case.file_downloaded", "申请人下载申请或答复的文件"),
    AuditAction("case.notice_emailed", "邮件送达告知书"),
    AuditAction("case.reminder_sent", "提醒经办人答复期限"),
    AuditAction("case.notice_email_failed", "告知书邮件发送失败"),
    AuditAction("case.document_served", "登记文书送达（邮寄、直接、留置送达）"),
    AuditAction("case.service_receipt_viewed", "打印送达回证"),
    # -- 主动公开目录
    AuditAction("catalog.draft_created", "新建目录信息草稿"),
    AuditAction("catalog.draft_updated", "修改目录信息草稿"),
    AuditAction("catalog.draft_deleted", "删除目录信息草稿"),
    AuditAction("catalog.submitted_for_review", "提交保密审查"),
    AuditAction("catalog.review_approved", "保密审查通过"),
    AuditAction("catalog.review_rejected", "保密审查退回"),
    AuditAction("catalog.item_published", "公开目录信息"),
    AuditAction("catalog.item_withdrawn", "撤回目录信息"),
    AuditAction("catalog.item_reopened", "重新编辑目录信息"),
    AuditAction("catalog.validity_changed", "修改有效性"),
    AuditAction("catalog.attachment_added", "添加附件"),
    AuditAction("catalog.attachment_removed", "删除附件"),
    AuditAction("catalog.figure_entered", "录入年度报告表二数据"),
    AuditAction("catalog.figure_cleared", "清除年度报告表二数据"),
    AuditAction("catalog.item_imported", "导入目录信息"),
    AuditAction("catalog.import_started", "开始批量导入目录"),
    AuditAction("catalog.import_finished", "完成批量导入目录"),
    AuditAction("catalog.import_resumed", "继续中断的批量导入"),
    AuditAction("catalog.deadline_recomputed", "重新计算公开期限"),
    # -- 行政复议、行政诉讼
    AuditAction("remedy.recorded", "登记复议或诉讼"),
    AuditAction("remedy.updated", "修改复议或诉讼记录"),
    AuditAction("remedy.result_recorded", "登记复议或诉讼结果"),
    AuditAction("remedy.document_attached", "添加复议或诉讼文书"),
    AuditAction("remedy.deleted", "删除复议或诉讼记录"),
    AuditAction("remedy.viewed", "查看复议或诉讼记录"),
    # -- 年度报告
    AuditAction("report.computed", "生成年度报告"),
    AuditAction("report.text_saved", "保存年度报告正文"),
    AuditAction("report.imported", "导入往年年度报告"),
    AuditAction("report.submitted", "报送年度报告"),
    AuditAction("report.returned", "退回年度报告"),
    AuditAction("report.approved", "审核通过年度报告"),
    AuditAction("report.published", "公布年度报告"),
    AuditAction("report.files_rendered", "生成已公布年度报告的 Word、PDF 文件"),
    AuditAction("report.files_render_failed", "生成已公布年度报告的文件失败"),
    AuditAction("report.withdrawn", "撤回已公布的年度报告"),
    AuditAction("report.year_unlocked", "解除年度锁定"),
    AuditAction("report.urged", "催报年度报告"),
    AuditAction("report.external_audit", "检查已公布的年度报告"),
    AuditAction("report.external_audit_finished", "完成已公布年度报告的检查"),
    AuditAction("report.external_audit_cancelled", "取消已公布年度报告的检查"),
    AuditAction("report.external_audit_resumed", "继续已公布年度报告的检查"),
    AuditAction("report.reminder_due_soon", "提醒年度报告即将到期"),
    AuditAction("report.reminder_overdue", "提醒年度报告已逾期"),
    # -- the portal's 政府信息公开专栏 (issue 17)
    AuditAction("portal.guide_updated", "修改政府信息公开指南"),
    AuditAction("portal.error_reported", "网站纠错留言"),
    AuditAction("portal.error_report_handled", "处理网站纠错留言"),
)

ACTIONS: dict[str, AuditAction] = {a.code: a for a in _ACTIONS}
assert len(ACTIONS) == len(_ACTIONS), "duplicate audit action code"

#: What an unregistered code (an old row, or a bug caught by GONGKAI_AUDIT_STRICT) is shown as.
UNKNOWN_LABEL = "未登记的操作"


def is_registered(code: str) -> bool:
    return code in ACTIONS


def action_label(code: str) -> str:
    """The Chinese name of an action code, e.g. 「查看申请（含个人信息）」 for "case.viewed"."""
    action = ACTIONS.get(code)
    return action.label if action is not None else UNKNOWN_LABEL


def caused_label(actor_label: str, cause_code: str) -> str:
    """The actor of an event another action caused: 「系统（因周敏修改工作日历）」."""
    action = ACTIONS.get(cause_code)
    doing = (action.cause or action.label) if action is not None else UNKNOWN_LABEL
    return f"系统（因{actor_label or '系统'}{doing}）"


def grouped_choices(codes=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(domain, [(code, label), …]) in registry order, for a <select> with <optgroup>s.

    `codes` limits the choices to those that occur (e.g. in the visible part of the log).
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    wanted = None if codes is None else set(codes)
    for action in _ACTIONS:
        if wanted is None or action.code in wanted:
            groups.setdefault(action.domain, []).append((action.code, action.label))
    if wanted:
        unknown = sorted(wanted - ACTIONS.keys())
        if unknown:
            groups.setdefault("其他", []).extend((c, f"{UNKNOWN_LABEL}（{i + 1}）") for i, c in enumerate(unknown))
    return list(groups.items())


def codes_matching(text: str) -> list[str]:
    """Codes whose Chinese label (or domain) contains `text` — the free-text filter by label."""
    text = text.strip()
    if not text:
        return []
    return [a.code for a in _ACTIONS if text in a.label or text in a.domain]
