"""The audit log is append-only: no update or delete path through the models, querysets or admin."""

import pytest

from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.audit.services import record_event


@pytest.fixture
def event(cast):
    return record_event(cast.handler_a, "case.registered", cast.dept_a, details={"no": "门科信公开〔2025〕1号"})


def _unchanged(event):
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert (fresh.action, fresh.details, fresh.actor_id) == ("case.registered", {"no": "门科信公开〔2025〕1号"},
                                                             event.actor_id)


def test_saving_an_existing_row_is_refused(event):
    event.action = "case.deleted"
    with pytest.raises(AppendOnlyError, match="只能追加"):
        event.save()
    fetched = AuditEvent.objects.get(pk=event.pk)
    fetched.details = {}
    with pytest.raises(AppendOnlyError):
        fetched.save()
    _unchanged(event)


def test_deleting_a_row_is_refused(event):
    with pytest.raises(AppendOnlyError, match="不能删除"):
        event.delete()
    _unchanged(event)


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["action"])
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update_or_create(pk=event.pk, defaults={"action": "x"})
    _unchanged(event)


def test_the_admin_shows_events_but_cannot_change_or_delete_them(client, cast, event):
    client.force_login(cast.admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200 and "登记申请" in page.content.decode() and "case.registered" not in page.content.decode()
    # The change form is read-only: a POST does not alter the row.
    client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "case.deleted", "details": "{}"})
    assert client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    bulk = client.post("/admin/audit/auditevent/", {
        "action": "delete_selected", "_selected_action": [event.pk], "post": "yes",
    })
    assert bulk.status_code in (200, 302)
    _unchanged(event)
    assert AuditEvent.objects.count() >= 1


def test_a_superuser_cannot_change_events_either(client, cast, event):
    from gongkai.agencies.models import User

    root = User.objects.create_superuser("root", password="x" * 12)
    client.force_login(root)
    client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "case.deleted"})
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    _unchanged(event)


def test_the_staff_view_offers_no_way_to_change_events(client, cast, event):
    client.force_login(cast.admin)
    for method in ("post", "put", "delete"):
        response = getattr(client, method)(f"/staff/audit/{event.pk}/")
        assert response.status_code in (403, 405), method
    _unchanged(event)
