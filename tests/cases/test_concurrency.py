"""Two staff acting on the same case at once cannot both succeed (no lost update)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.cases.actions.base import ConcurrentUpdate
from gongkai.cases.actions.closing import withdraw_application
from gongkai.cases.actions.extension import request_extension
from gongkai.cases.actions.reply import draft_reply
from gongkai.cases.models import Application, Status
from gongkai.core.vocabulary import Outcome


@pytest.mark.django_db
def test_the_second_of_two_stale_copies_fails(cast, register):
    case = register()
    mine = Application.objects.get(pk=case.pk)
    theirs = Application.objects.get(pk=case.pk)
    draft_reply(mine, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="未找到。")
    with pytest.raises(ConcurrentUpdate, match="已被其他人修改"):
        withdraw_application(theirs, acting_user=cast.handler_a, note="撤回")
    case.refresh_from_db()
    assert case.status == Status.REVIEW and case.outcome == ""
    assert case.replies.get().status == "draft"


@pytest.mark.django_db
def test_a_stale_page_gets_a_conflict_and_keeps_the_input(client, cast, register):
    case = register()
    stale = case.version
    client.force_login(cast.handler_a)
    ok = client.post(f"/staff/cases/{case.pk}/do/extension/",
                     {"extension-version": stale, "extension-days": 10, "extension-reason": "档案多"})
    assert ok.status_code == 302
    resp = client.post(f"/staff/cases/{case.pk}/do/correction/",
                       {"correction-version": stale, "correction-items": "请写明年度", "correction-deadline": "2026-03-20",
                        "correction-on": "2026-03-02"})
    body = resp.content.decode()
    assert resp.status_code == 409
    assert "已被其他人修改" in body and "请写明年度" in body
    case.refresh_from_db()
    assert case.status == Status.OPEN and not case.documents.filter(kind="correction").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel transactions need PostgreSQL row locks")
def test_two_parallel_transactions_cannot_both_succeed(cast, register):
    case = register()
    version = case.version
    barrier = threading.Barrier(2)
    results = []

    def act(do):
        barrier.wait()
        try:
            do()
            results.append("ok")
        except ConcurrentUpdate:
            results.append("conflict")
        finally:
            connection.close()

    t1 = threading.Thread(target=act, args=(lambda: request_extension(
        Application.objects.get(pk=case.pk), acting_user=cast.handler_a, days=5, reason="a", expected_version=version),))
    t2 = threading.Thread(target=act, args=(lambda: withdraw_application(
        Application.objects.get(pk=case.pk), acting_user=cast.handler_a, on=dt.date(2026, 3, 2), expected_version=version),))
    t1.start(), t2.start()
    t1.join(), t2.join()
    assert sorted(results) == ["conflict", "ok"]
