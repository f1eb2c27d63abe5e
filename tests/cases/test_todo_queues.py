"""待办 of the cases: counts from the one state/worklist definitions, links to the same inbox filter."""

import datetime as dt

from gongkai.agencies import queues
from gongkai.cases.actions import extension, reply
from gongkai.cases.models import Application

from .conftest import START


def _waiting(user):
    return {w.queue.key: w for w in queues.waiting_for(user)}



def test_the_head_sees_the_extension_waiting_and_the_inbox_lists_it(client, cast, register):
    case = register()
    other = register(applicant_name="李四")
    assert _waiting(cast.head_a)["cases.extension_requested"].count == 0
    extension.request_extension(case, acting_user=cast.handler_a, days=10, reason="需要调取档案")
    w = _waiting(cast.head_a)["cases.extension_requested"]
    assert w.count == 1 and w.url == "/staff/cases/?work=extension_requested&scope=open"
    client.force_login(cast.head_a)
    listed = client.get(w.url).context["page"].object_list
    assert [c.pk for c in listed] == [case.pk] and other.pk not in [c.pk for c in listed]
    extension.approve_extension(Application.objects.get(pk=case.pk), acting_user=cast.head_a, on=START)
    assert _waiting(cast.head_a)["cases.extension_requested"].count == 0
    assert "cases.extension_requested" not in _waiting(cast.handler_a)  # a head's queue


def test_the_reviewer_sees_replies_to_review(cast, register):
    case = register()
    assert _waiting(cast.reviewer_a)["cases.reply_to_review"].count == 0
    reply.draft_reply(case, acting_user=cast.handler_a, outcome="not_exist", body="经检索，本机关未制作或获取该信息。")
    w = _waiting(cast.reviewer_a)["cases.reply_to_review"]
    assert w.count == 1 and "work=reply_to_review" in w.url


def test_the_handler_sees_clock_states_from_the_one_definition(cast, register, clock):
    from gongkai.cases import states

    register()
    register(applicant_name="李四")
    clock.to(dt.date(2026, 3, 27))  # due 2026-03-30: 即将到期
    waiting = _waiting(cast.handler_a)
    counts = states.count_by_state(Application.objects.filter(agency=cast.dept_a))
    assert waiting["cases.due_soon"].count == counts["due_soon"] == 2
    assert waiting["cases.overdue"].count == counts["overdue"] == 0
    clock.to(dt.date(2026, 3, 31))
    assert _waiting(cast.handler_a)["cases.overdue"].count == 2
    assert _waiting(cast.handler_a)["cases.overdue"].url == "/staff/cases/?state=overdue"
    # The supervisor sees the count (no personal data), for every agency it supervises.
    assert _waiting(cast.supervisor)["cases.overdue_supervised"].count == 2


def test_every_work_item_is_an_inbox_filter(client, cast):
    from gongkai.cases import worklists

    client.force_login(cast.handler_a)
    body = client.get("/staff/cases/").content.decode()
    for item in worklists.WORK:
        assert f'value="{item.key}"' in body and item.label in body
