"""E-mails as templates (gongkai.mail.render_mail): one-line subjects, plain text without HTML escaping."""

import datetime as dt
from types import SimpleNamespace

from gongkai.mail import render_mail


def test_a_reminder_renders_from_its_templates_without_html_escaping():
    agency = SimpleNamespace(name="某市“R&D”<中心>")
    subject, body = render_mail("reports/email/report_reminder", {
        "agency": agency, "year": 2025, "deadline": dt.date(2026, 1, 31), "government": False,
        "state": "还剩11天", "status": "草稿",
    })
    assert subject == "【年度报告提醒】某市“R&D”<中心>2025年度政府信息公开工作年度报告还剩11天"
    assert body == (
        "某市“R&D”<中心>：\n\n依据《中华人民共和国政府信息公开条例》第四十九条，本机关上一年度政府信息公开工作年度报告应于"
        "2026年01月31日前报送本级政府信息公开工作主管部门并向社会公布。目前状态：草稿（还剩11天）。\n"
    )


def test_every_mail_template_has_a_one_line_subject_and_autoescape_off():
    from pathlib import Path

    import gongkai

    subjects = sorted(Path(gongkai.__file__).parent.rglob("templates/*/email/*_subject.txt"))
    assert {p.name for p in subjects} >= {"handler_reminder_subject.txt", "notice_subject.txt",
                                          "calendar_gap_subject.txt", "report_reminder_subject.txt"}
    for subject in subjects:
        body = subject.with_name(subject.name.replace("_subject", ""))
        assert body.exists(), body
        for path in (subject, body):
            text = path.read_text(encoding="utf-8")
            assert text.startswith("{% autoescape off %}") and "{% endautoescape %}" in text, path
