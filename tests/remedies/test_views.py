"""Staff pages for 复议/诉讼: permissions, forms that keep input, privacy logging."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.core.vocabulary import RemedyKind, RemedyResult
from gongkai.remedies import services
from gongkai.remedies.models import Remedy
from gongkai.yearlocks.models import YearLock


def _record(cast, agency=None, user=None, **kw):
    data = {"kind": RemedyKind.REVIEW, "applicant_name": "张三", "filed_on": date(2024, 3, 1), "body": "北京市门头沟区人民政府",
                "act_known_on": date(2024, 2, 1)}
    data.update(kw)
    return services.record_remedy(agency or cast.dept_a, acting_user=user or cast.handler_a, **data)


def test_list_needs_the_remedy_permission(client, cast):
    client.force_login(cast.supervisor)
    assert client.get("/staff/remedies/").status_code == 403
    client.force_login(cast.handler_a)
    assert client.get("/staff/remedies/").status_code == 200


def test_list_shows_only_own_agencys_records_and_table4(client, cast):
    _record(cast, case_number="门政复字〔2024〕1号")
    _record(cast, cast.dept_b, cast.handler_b, case_number="门政复字〔2024〕2号")
    client.force_login(cast.handler_a)
    body = client.get("/staff/remedies/?year=2024").content.decode()
    assert "门政复字〔2024〕1号" in body and "门政复字〔2024〕2号" not in body
    assert "2024年度表四" in body


def test_another_agencys_record_is_404(client, cast):
    remedy = _record(cast, cast.dept_b, cast.handler_b)
    client.force_login(cast.handler_a)
    assert client.get(f"/staff/remedies/{remedy.pk}/").status_code == 404
    assert client.post(f"/staff/remedies/{remedy.pk}/result/", {"result": "upheld"}).status_code == 404


def test_creating_through_the_form(client, cast):
    client.force_login(cast.handler_a)
    response = client.post("/staff/remedies/new/", {
        "agency": cast.dept_a.pk, "kind": "review", "applicant_name": "王五", "filed_on": "2024-04-01",
        "body": "北京市门头沟区人民政府", "result": "pending", "case_number": "门政复字〔2024〕9号",
    })
    remedy = Remedy.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/remedies/{remedy.pk}/"
    assert remedy.agency == cast.dept_a and remedy.created_by == cast.handler_a


def test_bad_input_gets_chinese_errors_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.handler_a)
    response = client.post("/staff/remedies/new/", {
        "agency": cast.dept_a.pk, "kind": "review", "applicant_name": "王五", "filed_on": "2024-13-45",
        "body": "北京市门头沟区人民政府", "result": "upheld", "notes": "很长的备注",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效日期" in body and "很长的备注" in body and "王五" in body
    assert not Remedy.objects.exists()


def test_an_agency_outside_the_scope_cannot_be_chosen(client, cast):
    client.force_login(cast.handler_a)
    response = client.post("/staff/remedies/new/", {
        "agency": cast.dept_b.pk, "kind": "review", "applicant_name": "王五", "filed_on": "2024-04-01",
        "body": "区政府", "result": "pending",
    })
    assert response.status_code == 200 and "请选择您有权登记的机关" in response.content.decode()
    assert not Remedy.objects.exists()


def test_detail_shows_time_limits_and_logs_the_view(client, cast):
    remedy = _record(cast)
    client.force_login(cast.handler_a)
    body = client.get(f"/staff/remedies/{remedy.pk}/").content.decode()
    assert "行政复议法》第二十条" in body and "在期限内" in body
    assert AuditEvent.objects.filter(action="remedy.viewed", object_id=str(remedy.pk), actor=cast.handler_a).exists()


def test_result_form_records_the_result(client, cast):
    remedy = _record(cast)
    client.force_login(cast.handler_a)
    response = client.post(f"/staff/remedies/{remedy.pk}/result/", {"result": "corrected", "decided_on": "2024-06-01"})
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert remedy.result == RemedyResult.CORRECTED


def test_result_without_date_is_refused_with_a_message(client, cast):
    remedy = _record(cast)
    client.force_login(cast.handler_a)
    response = client.post(f"/staff/remedies/{remedy.pk}/result/", {"result": "corrected"})
    assert response.status_code == 400 and "须填写审结日期" in response.content.decode()


def test_a_locked_year_shows_the_lock_message_instead_of_a_traceback(client, cast):
    remedy = _record(cast)
    YearLock.objects.create(agency=cast.dept_a, year=2024)
    client.force_login(cast.handler_a)
    response = client.post(f"/staff/remedies/{remedy.pk}/result/", {"result": "corrected", "decided_on": "2024-06-01"})
    assert response.status_code == 400 and "数据已锁定" in response.content.decode()


def test_documents_upload_and_download(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    remedy = _record(cast)
    client.force_login(cast.handler_a)
    upload = SimpleUploadedFile("decision.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(f"/staff/remedies/{remedy.pk}/documents/", {"title": "行政复议决定书", "file": upload})
    assert response.status_code == 302
    document = remedy.documents.get()
    download = client.get(f"/staff/remedies/{remedy.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    client.force_login(cast.handler_b)
    assert client.get(f"/staff/remedies/{remedy.pk}/documents/{document.pk}/").status_code == 404


def test_a_record_links_to_a_case_of_the_same_agency_by_its_number(client, cast, bulk_case):
    case = bulk_case(cast.dept_a, 2024, 12)
    other = bulk_case(cast.dept_b, 2024, 13)
    client.force_login(cast.handler_a)
    data = {"agency": cast.dept_a.pk, "kind": "review", "applicant_name": "王五", "filed_on": "2024-04-01",
            "body": "北京市门头沟区人民政府", "result": "pending"}
    response = client.post("/staff/remedies/new/", {**data, "case_ref": "2024-0013"})
    assert response.status_code == 200 and "本机关没有编号为「2024-0013」的申请" in response.content.decode()
    response = client.post("/staff/remedies/new/", {**data, "case_ref": "第12号"})
    assert "案件编号格式应为" in response.content.decode()
    response = client.post("/staff/remedies/new/", {**data, "case_ref": "2024-0012"})
    remedy = Remedy.objects.get()
    assert remedy.case == case and other.remedies.count() == 0
    assert f'href="/staff/cases/{case.pk}/"' in client.get(f"/staff/remedies/{remedy.pk}/").content.decode()
