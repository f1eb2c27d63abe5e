"""Who may see and change a case: the handling agency only; supervisors see aggregates; the public nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.cases.models import Application, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(register):
    pdf = SimpleUploadedFile("证明.pdf", b"%PDF-1.4 secret", content_type="application/pdf")
    return register(files=[pdf])


def urls(case):
    doc = case.documents.first()
    att = case.attachments.first()
    return [
        f"/staff/cases/{case.pk}/",
        f"/staff/cases/{case.pk}/documents/{doc.pk}/",
        f"/staff/cases/{case.pk}/documents/{doc.pk}.docx",
        f"/staff/cases/{case.pk}/files/{att.pk}/",
    ]


def test_the_handling_agency_sees_the_case_and_every_view_is_logged(client, cast, case):
    client.force_login(cast.reviewer_a)
    for url in urls(case):
        assert client.get(url).status_code == 200, url
    resp = client.get(f"/staff/cases/{case.pk}/files/{case.attachments.first().pk}/")
    assert b"".join(resp.streaming_content) == b"%PDF-1.4 secret"
    logged = AuditEvent.objects.for_object(case).filter(actor=cast.reviewer_a).values_list("action", flat=True)
    assert {"case.viewed", "case.document_viewed", "case.attachment_viewed"} <= set(logged)


def test_files_are_served_with_the_type_of_their_checked_extension(client, cast, register):
    claimed_html = SimpleUploadedFile("证明.pdf", b"%PDF-1.4 <script>", content_type="text/html")
    case = register(files=[claimed_html])
    client.force_login(cast.handler_a)
    resp = client.get(f"/staff/cases/{case.pk}/files/{case.attachments.get().pk}/")
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("who", ["handler_b", "other_supervisor"])
def test_other_agencies_get_not_found(client, cast, case, who):
    client.force_login(getattr(cast, who))
    for url in urls(case):
        assert client.get(url).status_code in (403, 404), url
    if who == "handler_b":  # staff with the permission elsewhere: the case does not exist for them
        assert client.get(f"/staff/cases/{case.pk}/").status_code == 404
        resp = client.post(f"/staff/cases/{case.pk}/do/withdraw/", {"withdraw-version": case.version, "withdraw-on": "2026-03-02"})
        assert resp.status_code == 404
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_the_public_cannot_see_or_change_a_case(client, cast, case):
    for url in urls(case):
        resp = client.get(url)
        assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]
    resp = client.post(f"/staff/cases/{case.pk}/do/withdraw/", {"withdraw-version": case.version, "withdraw-on": "2026-03-02"})
    assert resp.status_code == 302
    client.force_login(cast.public)  # a citizen's account is not staff
    for url in urls(case):
        assert client.get(url).status_code == 403
    assert client.get("/staff/cases/").status_code == 403
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_the_inbox_lists_only_the_own_agency(client, cast, register):
    mine = register(applicant_name="科信申请人")
    theirs = register(agency=cast.dept_b, actor=cast.handler_b, applicant_name="教委申请人")
    client.force_login(cast.handler_a)
    body = client.get("/staff/cases/").content.decode()
    assert "科信申请人" in body and "教委申请人" not in body
    assert mine.id_number not in body and mine.masked_id in body  # identity numbers masked in lists
    assert client.get(f"/staff/cases/{theirs.pk}/").status_code == 404
    listed = AuditEvent.objects.filter(action="case.list_viewed", actor=cast.handler_a).first()
    assert listed.details["numbers"] == [mine.number]


def test_a_supervisor_sees_figures_only(client, cast, register):
    register(applicant_name="科信申请人")
    client.force_login(cast.supervisor)
    assert client.get("/staff/cases/").status_code == 403
    resp = client.get(f"/staff/cases/stats/?agency={cast.dept_a.pk}")
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "北京市门头沟区科学技术和信息化局" in body and "一、本年新收政府信息公开申请数量" in body
    assert "科信申请人" not in body and "13800001234" not in body
    client.force_login(cast.other_supervisor)
    assert "北京市门头沟区科学技术和信息化局" not in client.get("/staff/cases/stats/").content.decode()


def test_actions_need_the_right_role(client, cast, register):
    case = register()
    client.force_login(cast.handler_a)
    client.post(f"/staff/cases/{case.pk}/do/extension/",
                {"extension-version": case.version, "extension-days": 10, "extension-reason": "档案多"})
    case.refresh_from_db()
    resp = client.post(f"/staff/cases/{case.pk}/do/extension_approve/",
                       {"extension_approve-version": case.version, "extension_approve-on": "2026-03-02"})
    assert resp.status_code == 403  # a handler cannot approve an extension (负责人)
    client.force_login(cast.head_a)
    resp = client.post(f"/staff/cases/{case.pk}/do/extension_approve/",
                       {"extension_approve-version": case.version, "extension_approve-on": "2026-03-02"})
    assert resp.status_code == 302
    assert Application.objects.get(pk=case.pk).extensions.get().status == "approved"


def test_a_supervisor_finds_the_aggregate_figures_in_the_staff_menu(client, cast):
    client.force_login(cast.supervisor)
    body = client.get("/staff/").content.decode()
    assert 'href="/staff/cases/stats/"' in body
    assert 'href="/staff/cases/"' not in body  # no inbox: no personal data
