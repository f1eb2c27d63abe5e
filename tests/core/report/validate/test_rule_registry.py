"""The rule registry the UI lists: every rule of docs/law.md §2.10 with severity, title and basis."""

from gongkai.core.report.validate import RULES

SPEC_IDS = (
    [f"H{i}" for i in range(1, 7)] + [f"Y{i}" for i in range(1, 4)] + [f"P{i}" for i in range(1, 9)]
    + [f"X{i}" for i in range(1, 4)] + [f"W{i}" for i in range(1, 7)]
)


def test_registry_has_exactly_the_spec_rules_in_order():
    assert list(RULES) == SPEC_IDS


def test_each_rule_has_a_severity_a_chinese_title_and_a_basis():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.title), rule.id
        assert rule.basis, rule.id
        assert (rule.check is None) == (rule.skipped is not None), rule.id
        assert rule.to_json()["id"] == rule.id


def test_hard_rules_are_errors_and_soft_rules_warnings():
    assert {r.id for r in RULES.values() if r.severity == "error"} == {"H1", "H2", "H3", "H4", "H5", "H6", "Y1"}
