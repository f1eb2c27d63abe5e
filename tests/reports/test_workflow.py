"""The report workflow: draft → submitted → returned / approved → published; locks; import of a
published report for the years before gongkai; errors block submission, warnings name their cells."""

import json

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.core.report.schema import Report
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportOrigin, ReportStatus
from gongkai.reports.selectors import published_reports
from gongkai.yearlocks.locks import is_year_locked

SEED = "tests/reports/data/seed_2022.txt"


def _ready(cast, year=2025):
    obj = services.compute_report(cast.dept_a, year, acting_user=cast.head_a)
    return services.save_report_text(
        obj, acting_user=cast.head_a, section1=obj.section1.replace("（请填写）", "加强平台建设和监督保障。"),
        section5="一是解读形式不够丰富；二是将进一步规范依申请公开。", section6=obj.section6,
    )


def test_the_full_workflow_locks_the_year_and_publishes_four_files(cast, django_capture_on_commit_callbacks):
    obj = _ready(cast)
    obj = services.submit_report(obj, acting_user=cast.head_a)
    assert obj.status == ReportStatus.SUBMITTED and is_year_locked(cast.dept_a, 2025)
    obj = services.return_report(obj, "请补充政策解读情况。", acting_user=cast.supervisor)
    assert obj.status == ReportStatus.RETURNED and obj.comments.get().text == "请补充政策解读情况。"
    assert is_year_locked(cast.dept_a, 2025)  # returning does not unlock the data
    obj = services.save_report_text(obj, acting_user=cast.head_a, section1=obj.section1 + "补充：政策解读6篇。",
                                    section5=obj.section5, section6=obj.section6)
    obj = services.submit_report(obj, acting_user=cast.head_a)
    obj = services.approve_report(obj, acting_user=cast.supervisor)
    with django_capture_on_commit_callbacks(execute=True):  # the DOCX is rendered by a task after the commit
        obj = services.publish_report(obj, acting_user=cast.supervisor, formats=("html", "docx", "json"))
    assert obj.status == ReportStatus.PUBLISHED and obj.published_by == cast.supervisor
    assert set(obj.files.values_list("fmt", flat=True)) == {"html", "docx", "json"}
    assert list(published_reports(cast.dept_a)) == [obj]
    actions = list(AuditEvent.objects.for_object(obj).order_by("id").values_list("action", flat=True))
    assert actions == ["report.computed", "report.text_saved", "report.submitted", "report.returned",
                       "report.text_saved", "report.submitted", "report.approved", "report.published",
                       "report.files_rendered"]


def test_a_published_report_cannot_be_edited_or_recomputed(cast):
    obj = services.approve_report(services.submit_report(_ready(cast), acting_user=cast.head_a), acting_user=cast.supervisor)
    with pytest.raises(services.ReportBlocked):
        services.save_report_text(obj, acting_user=cast.head_a, section1="x", section5="y", section6="z")
    with pytest.raises(services.ReportBlocked):
        services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    with pytest.raises(services.ReportBlocked):
        services.return_report(obj, "", acting_user=cast.supervisor)


def test_an_unfinished_narrative_cannot_be_submitted(cast):
    obj = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    with pytest.raises(services.ReportBlocked, match="请填写"):
        services.submit_report(obj, acting_user=cast.head_a)
    assert not is_year_locked(cast.dept_a, 2025)


def test_importing_last_years_published_report_feeds_the_cross_year_check(cast, seed_expected):
    with open(SEED, "rb") as f:
        imported = services.import_previous_report(cast.dept_a, 2022, "seed_2022.txt", f.read(), acting_user=cast.head_a)
    assert imported.origin == ReportOrigin.IMPORTED and imported.status == ReportStatus.IMPORTED
    assert imported.provenance["file"] == "seed_2022.txt" and len(imported.provenance["sha256"]) == 64
    values = Report.from_json(imported.data).values()
    for table in ("table2", "table3", "table4"):
        assert values[table] == seed_expected[table]
    assert imported.error_count == 0
    # The imported report is last year's report for 2023: Y1 runs against it (and passes: 0 = 0).
    obj = services.compute_report(cast.dept_a, 2023, acting_user=cast.head_a)
    assert services.previous_report(obj) == imported
    assert not [f for f in obj.findings if f["rule"] == "Y1"]
    assert list(published_reports()) == []  # an import is not republished on the portal


def test_errors_block_submission_and_name_the_cells(cast):
    last = Report.blank(year=2024, agency=cast.dept_a.name)
    for cell in last.table3["R1"][:1] + last.table3["R1"][-1:] + last.table3["R4"][:1] + last.table3["R4"][-1:]:
        cell.value = 3
    content = json.dumps(last.to_json(provenance=False), ensure_ascii=False).encode()
    services.import_previous_report(cast.dept_a, 2024, "2024.json", content, acting_user=cast.head_a)
    obj = _ready(cast)
    assert obj.error_count >= 1
    y1 = next(f for f in obj.findings if f["rule"] == "Y1")
    assert "table3.R2.natural_person" in y1["cells"] and "previous.table3.R4.natural_person" in y1["cells"]
    with pytest.raises(services.ReportBlocked) as info:
        services.submit_report(obj, acting_user=cast.head_a)
    assert "须修正后才能报送" in info.value.messages[0] and info.value.findings
    obj.refresh_from_db()
    assert obj.status == ReportStatus.DRAFT and not is_year_locked(cast.dept_a, 2025)


def test_an_import_cannot_replace_a_computed_report_or_contradict_its_year(cast):
    services.compute_report(cast.dept_a, 2022, acting_user=cast.head_a)
    with open(SEED, "rb") as f:
        content = f.read()
    with pytest.raises(services.ReportBlocked, match="已有系统生成"):
        services.import_previous_report(cast.dept_a, 2022, "seed.txt", content, acting_user=cast.head_a)
    with pytest.raises(services.ReportBlocked, match="2022年，与所选的2021年不符"):
        services.import_previous_report(cast.dept_a, 2021, "seed.txt", content, acting_user=cast.head_a)
    with pytest.raises(services.ReportBlocked, match="无法读取该文件"):
        services.import_previous_report(cast.dept_a, 2021, "x.pdf", b"not a pdf at all", acting_user=cast.head_a)
    assert not AnnualReport.objects.filter(year=2021).exists()


def test_publishing_after_31_january_is_flagged_w6(cast, time_machine):
    time_machine.move_to("2025-02-15 10:00 +0800", tick=False)
    obj = _ready(cast, 2024)
    obj = services.approve_report(services.submit_report(obj, acting_user=cast.head_a), acting_user=cast.supervisor)
    obj = services.publish_report(obj, acting_user=cast.supervisor, formats=("json",))
    w6 = [f for f in obj.findings if f["rule"] == "W6"]
    assert w6 and "2025-01-31" in w6[0]["message"]
