"""The audit log is append-only in the database itself, and a hash chain shows any change."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record_event, verify_chain
from gongkai.audit.triggers import maintenance


@pytest.fixture
def events(cast):
    made = [record_event(cast.handler_a, "case.registered", cast.dept_a, details={"n": i, "名": "张三"}) for i in range(4)]
    record_event(None, "case.submitted", cast.dept_a, details={"ip_test": True})
    return made


def _refused(sql, params=()):
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_update_and_delete_are_refused(events):
    _refused("UPDATE audit_auditevent SET action = 'x'")
    _refused("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
    assert AuditEvent.objects.count() == 5 and AuditEvent.objects.filter(action="x").count() == 0


def test_orm_back_doors_are_refused(events):
    with pytest.raises(DatabaseError, match="不能修改"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=events[0].pk).update(action="x")
    with pytest.raises(DatabaseError, match="不能删除"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=events[0].pk)._raw_delete(connection.alias)


def test_each_event_is_chained_to_the_one_before(events):
    assert events[0].prev_hash == "" or AuditEvent.objects.filter(hash=events[0].prev_hash).exists()
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash and len(after.hash) == 64
    checked, broken, _ = verify_chain()
    assert broken is None and checked == AuditEvent.objects.count()


def test_verify_finds_a_changed_event(events):
    with maintenance(connection), connection.cursor() as cursor:  # someone who bypassed the triggers
        cursor.execute("UPDATE audit_auditevent SET actor_label = '别人' WHERE id = %s", [events[2].pk])
    checked, broken, reason = verify_chain()
    assert broken.pk == events[2].pk and "内容与哈希不符" in reason
    with pytest.raises(CommandError, match=f"第 {events[2].pk} 条记录.*内容与哈希不符"):
        call_command("audit", "verify")


def test_verify_finds_a_deleted_event(events):
    with maintenance(connection), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    _, broken, reason = verify_chain()
    assert broken.pk == events[2].pk and "不相连" in reason


def test_the_command_reports_an_intact_log(events, capsys):
    call_command("audit", "verify")
    assert "审计日志完整：5 条记录，哈希链校验通过。" in capsys.readouterr().out


def test_flush_is_refused_outside_the_test_suite(settings, db):
    settings.TESTING = False
    with pytest.raises(CommandError, match="审计日志只能追加：不能清空数据库"):
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_can_still_flush(cast):
    record_event(cast.handler_a, "case.registered", cast.dept_a)
    if connection.vendor == "postgresql":
        _refused("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() >= 1  # the flush after this test must get through the triggers
