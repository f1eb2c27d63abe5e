"""No 500 anywhere (issue 15 item 8): every URL pattern of the project, with its path filled by real demo
objects and by garbage, requested by every role with malformed query parameters. Deterministic: a fixed
list of values, no random seed. A failure names the role, the method and the URL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter

from cases.conftest import CLOCK_START
from gongkai.agencies.models import Agency, User

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)

#: Malformed values for the parameters views read (issue 15 item 8), and the parameters.
BAD_VALUES = ("0", "-1", "abc", "99999999999999999999", "", "年")
SINGLE = ("year", "agency", "page")
COMBINED = ("year", "agency", "page", "q", "status", "kind", "month", "from", "to", "sort", "format", "category",
            "subject", "validity", "genre", "state", "queue", "handler", "days", "tab", "date", "o", "p", "e")

ROLES = ("anonymous", "kxj_handler", "supervisor", "admin")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _pattern_parts(route: str):
    """Split `a/<int:pk>/b` into literals and (converter name, parameter name)."""
    parts, rest = [], route.lstrip("^").rstrip("$")
    while "<" in rest:
        head, _, tail = rest.partition("<")
        spec, _, rest = tail.partition(">")
        conv, _, name = spec.rpartition(":")
        parts += [head, (conv or "str", name)]
    return parts + [rest]


def _real_values(route: str) -> dict[str, str]:
    """Real objects for the parameters of `route`, by the app the route belongs to."""
    first = lambda model, **kw: model.objects.filter(**kw).order_by("pk").first()  # noqa: E731
    from gongkai.audit.models import AuditEvent
    from gongkai.cases.models import Application
    from gongkai.catalog.models import CatalogItem
    from gongkai.remedies.models import Remedy
    from gongkai.reports.models import AnnualReport, ExternalAudit
    from gongkai.workcal.models import LocalDayOff

    agency = Agency.objects.get(slug="mtg-kxj")
    item = first(CatalogItem, status="published", agency=agency) or first(CatalogItem)
    case = first(Application, agency=agency)
    values = {"slug": agency.slug, "year": "2025", "fmt": "pdf", "category": "20-1", "section": "items",
              "key": "receipt", "action": "submit", "number": "1"}
    if route.startswith("admin/"):
        bits = route.split("/")
        try:
            model = apps.get_model(bits[1], bits[2])
        except (LookupError, IndexError):
            model = None
        obj = first(model) if model is not None else None
        values.update(object_id=str(obj.pk) if obj else "1", app_label=bits[1] if len(bits) > 1 else "cases",
                      content_type_id="1", url="x")
        return values
    by_prefix = {
        "staff/cases/": (case, {"doc": case.documents.first() if case else None,
                                "att": case.attachments.first() if case else None,
                                "held": None}),
        "staff/catalog/": (item, {"att": item.attachments.first() if item else None}),
        "gk/": (item, {"att": item.attachments.first() if item else None}),
        "staff/remedies/": (first(Remedy), {"doc": None}),
        "staff/reports/audits/": (first(ExternalAudit), {"item_pk": None}),
        "staff/reports/": (first(AnnualReport), {}),
        "staff/audit/": (first(AuditEvent), {}),
        "staff/calendar/local/": (first(LocalDayOff), {}),
        "track/mine/": (case, {}),
        "api/items/": (item, {}),
    }
    for prefix, (obj, extra) in by_prefix.items():
        if route.startswith(prefix):
            values["pk"] = str(obj.pk) if obj else "1"
            values.update({k: str(v.pk) for k, v in extra.items() if v is not None})
            break
    return values


def _urls():
    """(route, url) for every pattern: once with real objects, once with garbage in every parameter."""
    for route, pattern in _walk(get_resolver().url_patterns):
        parts = _pattern_parts(route)
        if len(parts) == 1:
            yield route, "/" + route.lstrip("^").rstrip("$")
            continue
        real = _real_values(route)
        converters = getattr(pattern.pattern, "converters", {})
        for garbage in (False, True):
            url = ""
            for part in parts:
                if isinstance(part, str):
                    url += part
                    continue
                conv_name, name = part
                conv = converters.get(name)
                if garbage:
                    value = "99999999999" if isinstance(conv, IntConverter) else (
                        "no-such-thing" if isinstance(conv, SlugConverter) else "年份x")
                else:
                    value = real.get(name, "1")
                if isinstance(conv, IntConverter) and not value.isdigit():
                    value = "1"
                if isinstance(conv, PathConverter):
                    value = value or "x"
                url += value
            yield route, "/" + url


def _queries():
    yield {}
    for name in SINGLE:
        for value in BAD_VALUES:
            yield {name: value}
    for value in BAD_VALUES + ("\x00", "<script>"):
        yield dict.fromkeys(COMBINED, value)


def _client(role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def test_no_url_answers_500_to_any_role_with_malformed_parameters(settings, time_machine):
    time_machine.move_to(CLOCK_START, tick=False)
    settings.GONGKAI_LIMITS = {**settings.GONGKAI_LIMITS, "APPLY_PER_CLIENT_PER_HOUR": 10**6,
                               "APPLY_GLOBAL_PER_MINUTE": 10**6, "TRACK_FAILURES_PER_CLIENT": 10**6,
                               "TRACK_FAILURES_PER_CODE": 10**6}
    call_command("demo", "--today", TODAY.isoformat(), "--password", "demo-pass-123", stdout=io.StringIO(),
                 stderr=io.StringIO())
    urls = list(_urls())
    assert len(urls) > 200, "the URLconf was walked"
    failures, answered = [], dict.fromkeys(ROLES, 0)
    all_queries = list(_queries())
    for role in ROLES:
        client = _client(role)
        for route, url in urls:
            public = not route.startswith(("admin/", "staff/", "accounts/password"))
            if (role == "anonymous" and not public) or (role != "admin" and route.startswith("admin/")):
                queries = [{}]  # refused at the door (login or 403): the parameters never reach a view
            elif url.endswith(("99999999999/", "no-such-thing/", "年份x/")) or "99999999999" in url:
                queries = [{}]  # a path that names nothing is a 404 before any parameter is read
            elif route.startswith("admin/"):
                queries = [{}, {"q": "\x00"}, {"o": "abc", "p": "-1", "e": "x"}, {"agency__id__exact": "abc"}]
            else:
                queries = all_queries
            for query in queries:
                response = client.get(url, query)
                answered[role] += response.status_code == 200
                if response.status_code >= 500:
                    failures.append(f"{role} GET {url} {query} → {response.status_code}")
            if not route.startswith("admin/"):
                response = client.post(url, dict.fromkeys(COMBINED, "abc"))
                if response.status_code >= 500:
                    failures.append(f"{role} POST {url} → {response.status_code}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:80])
    # The pages were really reached (logins worked, the demo objects resolved), not just refused at the door.
    assert all(n > 200 for n in answered.values()), answered
