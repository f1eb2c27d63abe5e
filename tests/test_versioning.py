"""Lost updates (issue 15 item 7): catalogue drafts, remedy records and annual-report text carry the
cases' optimistic concurrency (gongkai.versioning). Two editors open the same page; the first saves;
the second, working from the stale version, gets a 409 with a Chinese message and everything they typed
shown back — nothing of either is lost — and may then overwrite deliberately."""

from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import CatalogItem, ItemRevision
from gongkai.core.vocabulary import RemedyKind
from gongkai.remedies import services as remedy_services
from gongkai.remedies.models import Remedy
from gongkai.reports import services as report_services
from gongkai.reports.models import AnnualReport
from gongkai.versioning import EditConflict

CONFLICT = "在您编辑期间已被其他人修改"


class _FormValues(HTMLParser):
    """What a browser would submit from the first <form method="post"> whose action matches."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.done = action, False, False
        self.values: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("action") or "") in ("", self.action):
            self.inside = a.get("method", "").lower() == "post"
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "checkbox", "radio"):
            self.values[name] = a.get("value") or ""
        elif tag == "input" and name and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.values[name] = a.get("value") or "on"
        elif tag == "select":
            self._select = name
            if "multiple" not in a:  # a multiple select with nothing chosen sends nothing
                self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside and self._textarea:
            self.values[self._textarea] += data


def open_form(client, page: str, action: str) -> dict:
    response = client.get(page)
    assert response.status_code == 200
    parser = _FormValues(action)
    parser.feed(response.content.decode())
    values = {k: v.removeprefix("\n") for k, v in parser.values.items()}
    assert "version" in values, "the edit form carries the version the page showed"
    return values


def two_editors(cast, page: str, action: str, user=None):
    user = user or cast.handler_a
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(user)
    return (first, open_form(first, page, action)), (second, open_form(second, page, action))


def assert_refused_and_kept(response, typed: str):
    body = unescape(response.content.decode())
    assert response.status_code == 409
    assert CONFLICT in body and typed in body  # the message, and what the second editor typed
    return body


# -- catalogue drafts ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_catalogue_draft_is_refused_and_the_input_kept(cast):
    item = catalog_services.create_draft(cast.dept_a, {
        "title": "原标题", "category": "20-11", "subject": "科技、教育", "genre": "notice", "formed_on": date(2024, 5, 6),
        "body": "<p>正文</p>"}, acting_user=cast.handler_a)
    page = f"/staff/catalog/{item.pk}/edit/"
    (a, form_a), (b, form_b) = two_editors(cast, page, page)
    saved = a.post(page, {**form_a, "title": "甲改的标题"})
    assert saved.status_code == 302, (form_a, saved.context["form"].errors if saved.context else None)
    refused = b.post(page, {**form_b, "title": "乙改的标题", "body": "乙写的正文"})
    body = assert_refused_and_kept(refused, "乙改的标题")
    assert "乙写的正文" in body
    item.refresh_from_db()
    assert item.title == "甲改的标题" and item.version == 1
    assert ItemRevision.objects.filter(item=item, action="edited").count() == 1
    # Saving again from the refused page is a deliberate overwrite: the page now carries the current version.
    again = _FormValues(page)
    again.feed(refused.content.decode())
    assert again.values["version"] == "1"
    assert b.post(page, {**form_b, "version": "1", "title": "乙改的标题"}).status_code == 302
    item.refresh_from_db()
    assert item.title == "乙改的标题" and item.version == 2


@pytest.mark.django_db
def test_the_catalogue_service_refuses_a_stale_version(cast):
    item = catalog_services.create_draft(cast.dept_a, {"title": "原标题", "category": "20-11"}, acting_user=cast.handler_a)
    catalog_services.update_draft(CatalogItem.objects.get(pk=item.pk), {"title": "一"}, acting_user=cast.handler_a,
                                  expected_version=0)
    with pytest.raises(EditConflict) as refused:
        catalog_services.update_draft(CatalogItem.objects.get(pk=item.pk), {"title": "二"},
                                      acting_user=cast.handler_a, expected_version=0)
    assert CONFLICT in refused.value.messages[0]
    assert CatalogItem.objects.get(pk=item.pk).title == "一"


# -- remedy records -----------------------------------------------------------------------------------


def _remedy(cast) -> Remedy:
    return remedy_services.record_remedy(
        cast.dept_a, acting_user=cast.handler_a, kind=RemedyKind.REVIEW, applicant_name="张三", filed_on=date(2024, 3, 1),
        body="北京市门头沟区人民政府", act_known_on=date(2024, 2, 1),
    )


@pytest.mark.django_db
def test_a_stale_remedy_record_is_refused_and_the_input_kept(cast):
    remedy = _remedy(cast)
    page = f"/staff/remedies/{remedy.pk}/edit/"
    (a, form_a), (b, form_b) = two_editors(cast, page, page)
    assert a.post(page, {**form_a, "case_number": "门政复字〔2024〕1号"}).status_code == 302
    refused = b.post(page, {**form_b, "case_number": "门政复字〔2024〕9号", "notes": "乙的备注"})
    body = assert_refused_and_kept(refused, "门政复字〔2024〕9号")
    assert "乙的备注" in body
    remedy.refresh_from_db()
    assert remedy.case_number == "门政复字〔2024〕1号" and remedy.notes == "" and remedy.version == 1


@pytest.mark.django_db
def test_the_remedy_service_refuses_a_stale_version(cast):
    remedy = _remedy(cast)
    stale = Remedy.objects.get(pk=remedy.pk)
    remedy_services.update_remedy(remedy, acting_user=cast.handler_a, notes="一")
    with pytest.raises(EditConflict):
        remedy_services.update_remedy(stale, acting_user=cast.handler_a, notes="二")  # read before the first save
    assert Remedy.objects.get(pk=remedy.pk).notes == "一"


# -- annual-report text --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_stale_report_text_is_refused_and_the_input_kept(cast):
    report = report_services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    page, action = f"/staff/reports/{report.pk}/", f"/staff/reports/{report.pk}/text/"
    (a, form_a), (b, form_b) = two_editors(cast, page, action, user=cast.head_a)
    assert a.post(action, {**form_a, "section5": "甲写的问题与改进。"}).status_code == 302
    refused = b.post(action, {**form_b, "section5": "乙写的问题与改进。", "section6": "乙写的其他事项。"})
    body = assert_refused_and_kept(refused, "乙写的问题与改进。")
    assert "乙写的其他事项。" in body
    report.refresh_from_db()
    assert report.section5 == "甲写的问题与改进。" and report.version == 1


@pytest.mark.django_db
def test_the_report_service_refuses_a_stale_version(cast):
    report = report_services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    stale = AnnualReport.objects.get(pk=report.pk)
    texts = {"section1": report.section1, "section6": report.section6}
    report_services.save_report_text(report, acting_user=cast.head_a, section5="一", **texts)
    with pytest.raises(EditConflict):
        report_services.save_report_text(stale, acting_user=cast.head_a, section5="二", **texts)
    assert AnnualReport.objects.get(pk=report.pk).section5 == "一"
