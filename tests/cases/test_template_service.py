"""Notice templates change only through the service (issue 15 items 6 and 11): on the template page and in
/admin/ alike, HTML is stripped by the catalogue's sanitiser, placeholders must be known, and every change
is audited with a registered, Chinese-labelled action."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.cases.actions.base import CaseError
from gongkai.cases.documents import templates
from gongkai.cases.documents.editing import save_template
from gongkai.cases.models import DocumentTemplate
from gongkai.core.audit_actions import action_label

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>{{ addressee }}：<img src=x onerror=alert(1)>本局已收到<b>申请</b>。'


def test_every_default_template_passes_the_checks_an_administrator_faces():
    for key, (title, body) in templates.DEFAULT_TEMPLATES.items():
        templates.validate_template(title)
        templates.validate_template(body)
        assert templates.unknown_placeholders(body) == [], key


def test_placeholders_must_be_ones_the_system_provides():
    assert templates.unknown_placeholders("{{ addressee }}{{ agncy_name }}{% if fee_amnt > 0 %}x{% endif %}") == [
        "agncy_name", "fee_amnt"]
    # loop and with names, filters with arguments, strings and keywords are not placeholders
    source = ("{% for item in correction_items %}{{ forloop.counter }}. {{ item|default:'无' }}{% endfor %}"
              "{% with n=case_number %}{{ n }}{% endwith %}{% if remedy and not body %}{{ remedy }}{% endif %}")
    assert templates.unknown_placeholders(source) == []
    with pytest.raises(templates.TemplateError, match="系统不提供的变量：agncy_name"):
        templates.validate_template("{{ agncy_name }}")


def test_the_service_strips_html_and_audits(cast):
    row = save_template(cast.dept_a, "receipt", acting_user=cast.admin, title="<i>受理回执</i>", body=HOSTILE)
    assert row.title == "受理回执"
    assert row.body == "{{ addressee }}：本局已收到申请。"
    event = AuditEvent.objects.get(action="case.template_saved")
    assert event.actor == cast.admin and action_label("case.template_saved") == "修改文书模板"
    with pytest.raises(CaseError, match="系统不提供的变量"):
        save_template(cast.dept_a, "receipt", acting_user=cast.admin, title="回执", body="{{ applicant_secret }}")


def test_the_template_page_shows_administrator_text_as_text(client, cast):
    DocumentTemplate.objects.create(agency=cast.dept_a, kind="receipt", title="回执",
                                    body='{{ addressee }}：&lt;script&gt;alert(1)&lt;/script&gt;<script>alert(2)</script>')
    client.force_login(cast.admin)
    page = client.get(f"/staff/cases/templates/receipt/?agency={cast.dept_a.pk}").content.decode()
    assert "<script>alert" not in page  # a row stored before the service sanitised is still shown as text
    assert "&lt;script&gt;alert(2)" in page


def test_admin_edits_go_through_the_service(client, cast):
    client.force_login(cast.admin)
    url = "/admin/cases/documenttemplate/add/"
    refused = client.post(url, {"agency": cast.dept_a.pk, "kind": "receipt", "title": "回执", "body": "{{ nme }}"})
    assert refused.status_code == 200 and "系统不提供的变量：nme" in refused.content.decode()
    assert not DocumentTemplate.objects.exists()
    saved = client.post(url, {"agency": cast.dept_a.pk, "kind": "receipt", "title": "回执", "body": HOSTILE})
    assert saved.status_code == 302
    row = DocumentTemplate.objects.get()
    assert row.body == "{{ addressee }}：本局已收到申请。" and row.updated_by == cast.admin
    assert AuditEvent.objects.filter(action="case.template_saved", actor=cast.admin).count() == 1
    client.post(f"/admin/cases/documenttemplate/{row.pk}/delete/", {"post": "yes"})
    assert not DocumentTemplate.objects.exists()
    assert AuditEvent.objects.filter(action="case.template_reset", actor=cast.admin).count() == 1
