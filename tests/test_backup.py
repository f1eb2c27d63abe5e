"""`gongkai backup` / `gongkai restore`: a round trip restores every row and every file, checksums verified."""

import hashlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from gongkai import backup as backup_module
from gongkai.core.codes import id_card_check_char

pytestmark = pytest.mark.django_db(transaction=True)


def _applicant():
    return {
        "applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "id_card",
        "id_number": "11010519491231002" + id_card_check_char("11010519491231002"), "contact_person": "",
        "phone": "13800001234", "email": "zhangsan@example.com", "address": "北京市门头沟区新桥大街1号",
        "postcode": "102300", "needs_assistance": False, "info_title": "2025年度区级科技项目立项清单",
        "info_doc_number": "", "info_description": "2025年立项的科技项目名称和资助金额。",
        "provide_form": "paper", "delivery": "post",
    }


def _snapshot():
    """Every row of every table, and every file of every store, with its checksum."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            rows[model._meta.label] = sorted(
                (tuple(sorted((k, repr(v)) for k, v in r.items())) for r in model._base_manager.values()),
            )
    files = {}
    for key, root in backup_module.file_stores().items():
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file():
                    files[f"{key}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return rows, files


@pytest.fixture
def data(cast):
    from gongkai.cases.actions.intake import register_application
    from gongkai.catalog import services as catalog

    sub = register_application(
        cast.dept_a, _applicant(), acting_user=cast.handler_a, channel="in_person", submitted_on=timezone.localdate(),
        files=[SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4 identity")],
    )
    item = catalog.create_draft(cast.dept_a, {
        "title": "门头沟区科技创新措施", "summary": "概述", "category": "20-1", "genre": "document", "subject": "科技、教育",
        "publisher": "区科信局", "formed_on": timezone.localdate(), "body": "<p>正文</p>",
    }, acting_user=cast.handler_a)
    catalog.add_attachment(item, SimpleUploadedFile("附件.pdf", b"%PDF-1.4 catalog"), acting_user=cast.handler_a)
    return sub.case


def test_a_round_trip_restores_every_row_and_every_file(data, tmp_path):
    case_root = Path(settings.VAR_DIR) / "private" / "cases"
    assert "private/cases" in backup_module.file_stores()
    assert any(case_root.rglob("*.pdf")), "the case attachment is stored in var/private/cases"
    before = _snapshot()

    out = io.StringIO()
    call_command("backup", str(tmp_path / "new" / "backups"), stdout=out)  # the folder need not exist
    assert "备份完成" in out.getvalue() and "private/cases" in out.getvalue()
    folder = next((tmp_path / "new" / "backups").iterdir())

    # Everything changes after the backup: a row edited, a row added, a file lost, a file added.
    data.applicant_name = "李四"
    data.save()
    from gongkai.agencies.models import User

    User.objects.create_user(username="later", password="x-pass-12345")
    next(case_root.rglob("*.pdf")).unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("after the backup")
    assert _snapshot() != before

    out = io.StringIO()
    call_command("restore", str(folder), "--yes", stdout=out)
    assert "恢复完成" in out.getvalue() and "均已校验" in out.getvalue()
    after = _snapshot()
    assert after[1] == before[1]  # every file, byte for byte, in every store
    assert after[0] == before[0]  # every row of every table


def test_a_tampered_backup_is_refused_before_anything_changes(data, tmp_path):
    folder = backup_module.backup(tmp_path)
    copy = next((folder / "files" / "private" / "cases").rglob("*.pdf"))
    copy.write_bytes(b"%PDF-1.4 changed")
    data.applicant_name = "李四"
    data.save()
    with pytest.raises(CommandError, match="备份校验未通过，未做任何恢复：文件 private/cases/.*的校验和不符"):
        call_command("restore", str(folder), "--yes")
    data.refresh_from_db()
    assert data.applicant_name == "李四"


def test_an_incomplete_backup_is_refused(tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(CommandError, match="不是完整的备份：缺少 manifest.json"):
        call_command("restore", str(tmp_path / "half"), "--verify-only")
