"""Publishing stores the web page and JSON at once; the Word and PDF files are rendered by a task
after the publish transaction commits (reports.tasks.render_published_files). Until they are there the
public page says 「正在生成」; publishing never fails because rendering is slow or broken; the task is
idempotent and audited; the daily `gongkai report_reminders` re-enqueues what is still missing."""

import pytest
from django.core.management import call_command

from gongkai.audit.models import AuditEvent
from gongkai.reports import services, tasks
from gongkai.reports.models import ReportStatus


@pytest.fixture
def approved(cast):
    obj = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    obj = services.save_report_text(obj, acting_user=cast.head_a, section1=obj.section1.replace("（请填写）", "已完成。"),
                                    section5="问题与改进。", section6=obj.section6)
    return services.approve_report(services.submit_report(obj, acting_user=cast.head_a), acting_user=cast.supervisor)


def _actions(obj):
    return list(AuditEvent.objects.for_object(obj).order_by("id").values_list("action", flat=True))


def test_the_page_says_generating_until_the_task_has_run_after_the_commit(client, cast, approved,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        obj = services.publish_report(approved, acting_user=cast.supervisor)
    # committed: published, the web page and JSON stored, Word and PDF not yet
    assert obj.status == ReportStatus.PUBLISHED
    assert set(obj.files.values_list("fmt", flat=True)) == {"html", "json"}
    body = client.get("/nianbao/dept-a/2025/").content.decode()
    assert "Word、PDF文件正在生成" in body and "/nianbao/dept-a/2025/pdf/" not in body
    assert client.get("/nianbao/dept-a/2025/pdf/").status_code == 404
    client.force_login(cast.supervisor)
    assert "正在由后台任务生成" in client.get(f"/staff/reports/{obj.pk}/").content.decode()

    for callback in callbacks:  # the commit hook enqueues the task; the immediate engine runs it
        callback()
    assert set(obj.files.values_list("fmt", flat=True)) == {"html", "json", "docx", "pdf"}
    body = client.get("/nianbao/dept-a/2025/").content.decode()
    assert "正在生成" not in body and "/nianbao/dept-a/2025/pdf/" in body
    pdf = client.get("/nianbao/dept-a/2025/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    event = AuditEvent.objects.for_object(obj).get(action="report.files_rendered")
    published = AuditEvent.objects.for_object(obj).get(action="report.published")
    assert set(event.details["files"]) == {"docx", "pdf"} and event.details["cause"]["event"] == published.pk
    assert event.actor_label.startswith("系统（因") and event.action_label == "生成已公布年度报告的 Word、PDF 文件"


def test_running_the_task_twice_renders_and_logs_once(cast, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obj = services.publish_report(approved, acting_user=cast.supervisor)
    stored = dict(obj.files.values_list("fmt", "sha256"))
    again = tasks.render_published_files.call(obj.pk, ["docx", "pdf"], obj.published_at.isoformat())
    assert again == []
    assert dict(obj.files.values_list("fmt", "sha256")) == stored
    assert _actions(obj).count("report.files_rendered") == 1


def test_a_failing_renderer_never_fails_publishing_and_is_retried_then_caught_up(
        cast, approved, monkeypatch, django_capture_on_commit_callbacks):
    real = services.render_files

    def broken(report, formats=services.PUBLISH_FORMATS):
        if "pdf" in formats:
            raise RuntimeError("字体缺失")
        return real(report, formats)

    monkeypatch.setattr(services, "render_files", broken)
    with django_capture_on_commit_callbacks(execute=True):
        obj = services.publish_report(approved, acting_user=cast.supervisor)
    obj.refresh_from_db()
    assert obj.status == ReportStatus.PUBLISHED  # published whatever the renderer does
    assert services.pending_formats(obj) == ["docx", "pdf"]
    failures = AuditEvent.objects.for_object(obj).filter(action="report.files_render_failed").order_by("id")
    # the immediate engine runs the retries at once: RENDER_ATTEMPTS attempts, the last one final
    assert [e.details["final"] for e in failures] == [False] * (services.RENDER_ATTEMPTS - 1) + [True]
    assert "字体缺失" in failures.last().details["error"]

    monkeypatch.setattr(services, "render_files", real)
    call_command("report_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115  (the daily safety net)
    assert services.pending_formats(obj) == []
    assert list(services.unrendered_publications()) == []


def test_a_task_of_an_earlier_publication_does_nothing(cast, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        obj = services.publish_report(approved, acting_user=cast.supervisor)
    stale = obj.published_at.isoformat()
    services.withdraw_report(obj, "更正数据", acting_user=cast.supervisor)
    assert tasks.render_published_files.call(obj.pk, ["docx", "pdf"], stale) == []
    assert not obj.files.filter(fmt__in=["docx", "pdf"]).exists()
