"""Every audit action has a Chinese name, and the audit pages show the names, never the codes."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

import gongkai
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import UnregisteredAction, caused_by, record_event
from gongkai.core.audit_actions import ACTIONS, action_label, caused_label
from gongkai.workcal.models import RevisionAction

SRC = Path(gongkai.__file__).parent

#: Dynamic codes whose variable part is an enumeration: f"calendar.{action}", f"report.reminder_{stage}".
ENUMERATED = {
    "calendar.": list(RevisionAction.values),
    "report.reminder_": ["due_soon", "overdue"],
}


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _literals(node) -> list[str] | None:
    """The strings an argument can be: a literal, or `"a" if x else "b"`; None when not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        a, b = _literals(node.body), _literals(node.orelse)
        return None if a is None or b is None else a + b
    return None


def _template(node) -> tuple[str, str, str] | None:
    """f"prefix{name}suffix" → (prefix, name, suffix)."""
    if not isinstance(node, ast.JoinedStr):
        return None
    parts = node.values
    values = [p for p in parts if isinstance(p, ast.FormattedValue)]
    if len(values) != 1 or not isinstance(values[0].value, ast.Name):
        return None
    i = parts.index(values[0])
    text = lambda ps: "".join(p.value for p in ps if isinstance(p, ast.Constant))  # noqa: E731
    return text(parts[:i]), values[0].value.id, text(parts[i + 1:])


def _action_arg(call: ast.Call):
    if len(call.args) >= 2:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "action"), None)


def written_codes() -> tuple[set[str], list[str]]:
    """(every code the source writes, the calls whose code could not be worked out)."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in SRC.rglob("*.py") if "migrations" not in p.parts}
    codes: set[str] = set()
    unresolved: list[str] = []
    # Wrappers: def _audit(actor, action, case): record_event(actor, f"case.{action}", …)
    wrappers: dict[str, tuple[int, str, str]] = {}
    for tree in trees.values():
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [a.arg for a in fn.args.args]
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and _call_name(call) == "record_event":
                    t = _template(_action_arg(call))
                    if t and t[1] in params and t[0] not in ENUMERATED:
                        wrappers[fn.name] = (params.index(t[1]), t[0], t[2])
    for path, tree in trees.items():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = _call_name(call)
            where = f"{path.relative_to(SRC)}:{call.lineno}"
            if name == "record_event":
                arg = _action_arg(call)
                if (lits := _literals(arg)) is not None:
                    codes.update(lits)
                elif (t := _template(arg)) and t[0] in ENUMERATED:
                    codes.update(f"{t[0]}{v}{t[2]}" for v in ENUMERATED[t[0]])
                elif not (t and t[0] + t[2] and any(w[1] == t[0] for w in wrappers.values())):
                    unresolved.append(where)
            elif name in wrappers:
                index, prefix, suffix = wrappers[name]
                arg = call.args[index] if len(call.args) > index else None
                if (lits := _literals(arg)) is not None:
                    codes.update(f"{prefix}{v}{suffix}" for v in lits)
                else:
                    unresolved.append(where)
    return codes, unresolved


def test_every_action_code_written_by_the_source_has_a_chinese_label():
    codes, unresolved = written_codes()
    assert len(codes) > 60, "the walk found too few record_event calls: is it still looking in the right place?"
    assert not unresolved, f"audit codes that cannot be read from the source (use a literal or ENUMERATED): {unresolved}"
    missing = sorted(c for c in codes if c not in ACTIONS)
    assert not missing, f"register these in gongkai/core/audit_actions.py: {missing}"


def test_labels_are_chinese_and_distinct():
    labels = [a.label for a in ACTIONS.values()]
    assert len(set(labels)) == len(labels)
    for a in ACTIONS.values():
        assert re.search(r"[\u4e00-\u9fff]", a.label), a.code
        assert a.code not in a.label


def test_an_unregistered_code_is_refused_under_the_test_settings(cast):
    with pytest.raises(UnregisteredAction, match="没有中文名称"):
        record_event(cast.admin, "case.something_new", cast.dept_a)
    assert not AuditEvent.objects.exists()


def _every_action(cast):
    events = [record_event(cast.admin, code, cast.dept_a, details={"n": i}) for i, code in enumerate(ACTIONS)]
    with caused_by(events[0]):
        events.append(record_event(None, "case.deadline_recomputed", cast.dept_a))
    return events


def _raw_codes_in(body: str) -> list[str]:
    """Codes in the text a person reads (tags and attributes such as <option value> are not read)."""
    text = re.sub(r"<[^>]*>", " ", body)
    return [code for code in ACTIONS if code in text]


def test_no_raw_code_appears_on_the_audit_pages(client, cast):
    events = _every_action(cast)
    client.force_login(cast.admin)
    first = client.get("/staff/audit/")
    pages = [first] + [client.get("/staff/audit/", {"page": n}) for n in range(2, first.context["page"].paginator.num_pages + 1)]
    body = "".join(p.content.decode() for p in pages)
    assert {e.pk for p in pages for e in p.context["page"]} == {e.pk for e in events}
    assert _raw_codes_in(body) == []
    for code in ACTIONS:
        assert action_label(code) in body
    assert "cases.application" not in body and "agencies.agency" not in body  # object kinds in Chinese too
    assert "机关" in body
    for event in events[:3] + events[-1:]:
        detail = client.get(f"/staff/audit/{event.pk}/").content.decode()
        assert _raw_codes_in(detail) == [] and action_label(event.action) in detail
    export = b"".join(client.get("/staff/audit/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert export.splitlines()[0].startswith("时间,操作人,用户名,操作")
    assert _raw_codes_in(export) == [] and "批准延期答复" in export
    admin_page = client.get("/admin/audit/auditevent/").content.decode()
    assert _raw_codes_in(admin_page) == [] and "批准延期答复" in admin_page


def test_the_filter_offers_chinese_labels_and_filters_by_them(client, cast):
    record_event(cast.handler_a, "case.extension_requested", cast.dept_a)
    record_event(cast.head_a, "case.extension_approved", cast.dept_a)
    record_event(cast.handler_a, "case.registered", cast.dept_a)
    client.force_login(cast.head_a)
    body = client.get("/staff/audit/").content.decode()
    assert '<optgroup label="依申请公开">' in body
    assert '>批准延期答复</option>' in body
    chosen = client.get("/staff/audit/", {"action": "case.extension_approved"})
    assert [e.action_label for e in chosen.context["page"]] == ["批准延期答复"]
    by_text = client.get("/staff/audit/", {"action_text": "延期"})
    assert {e.action_label for e in by_text.context["page"]} == {"申请延期答复", "批准延期答复"}


def test_a_remedy_page_names_its_events_in_chinese(client, cast):
    from gongkai.core.vocabulary import RemedyKind
    from gongkai.remedies import services as remedies

    remedy = remedies.record_remedy(
        cast.dept_a, acting_user=cast.handler_a, kind=RemedyKind.REVIEW, applicant_name="张三", filed_on=dt.date(2024, 3, 1),
        body="北京市门头沟区人民政府",
    )
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/remedies/{remedy.pk}/").content.decode()
    assert "登记复议或诉讼" in body and _raw_codes_in(body) == []


def test_a_consequence_names_the_actor_and_the_cause(cast):
    assert caused_label("周敏", "calendar.add_local") == "系统（因周敏修改工作日历）"
    cause = record_event(cast.admin, "calendar.add_local", cast.gov)
    with caused_by(cause):
        moved = record_event(None, "case.deadline_recomputed", cast.dept_a)
        public = record_event(cast.handler_a, "case.viewed", cast.dept_a)
    assert moved.actor_label == f"系统（因{cast.admin}修改工作日历）"
    assert moved.details["cause"] == {"event": cause.pk, "action": "calendar.add_local", "actor": str(cast.admin)}
    assert public.actor_label == str(cast.handler_a) and "cause" not in public.details
    assert record_event(None, "case.deadline_recomputed", cast.dept_a).actor_label == "公众"
