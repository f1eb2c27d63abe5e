"""Read-only open-data API (JSON) and CSV export, described by `openapi.py` at /api/openapi.json.

Every parameter is checked against the published schema; a bad one gets HTTP 400 with a Chinese
message, never a traceback. Only published items are served (`CatalogItem.objects.public()`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.catalog.models import SUBJECTS, CatalogItem, Genre, Validity
from gongkai.catalog.search import COUNT_CAP, SearchFilters, search, search_queryset
from gongkai.core.cells import csv_row
from gongkai.core.vocabulary import DisclosureCategory
from gongkai.reports.selectors import published_reports

from . import openapi
from .caching import public_response

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
MAX_ID = 2**53
HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60"}


#: Keys of the report interchange JSON (core.report.schema.Report.to_json) that hold the tables.
REPORT_TABLE_KEYS = ("format_version", "table2", "table3", "table4", "fees")


def read_only(view):
    """GET/HEAD only; other methods get 405 (CSRF is moot: nothing here changes state)."""
    return csrf_exempt(require_safe(view))


def public_read_only(view):
    """`read_only`, and the same for every visitor: conditional GET (ETag/Last-Modified) and a cached copy
    per URL until something public changes (portal.caching)."""
    return read_only(public_response(view))


class BadRequest(Exception):
    pass


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for k, v in HEADERS.items():
        response[k] = v
    return response


def _error(message: str, status: int = 400) -> JsonResponse:
    return _json({"error": message}, status=status)


def _int(params, name: str, lo: int, hi: int, label: str) -> int | None:
    if name not in params:
        return None
    raw = params[name]
    if not re.fullmatch(r"[0-9]{1,9}", raw or ""):
        raise BadRequest(f"参数 {name}（{label}）须为整数。")
    value = int(raw)
    if not lo <= value <= hi:
        raise BadRequest(f"参数 {name}（{label}）须在 {lo} 到 {hi} 之间。")
    return value


def _enum(params, name: str, allowed, label: str) -> str | None:
    if name not in params:
        return None
    value = params[name]
    if value not in allowed:
        raise BadRequest(f"参数 {name}（{label}）的取值「{value[:40]}」无效。")
    return value


def _agency_param(params) -> Agency | None | bool:
    """The agency named by ?agency=slug; False if the slug is well-formed but unknown."""
    if "agency" not in params:
        return None
    slug = params["agency"]
    if not SLUG_RE.match(slug or ""):
        raise BadRequest("参数 agency（机关网址标识）格式不正确。")
    return Agency.objects.filter(slug=slug, is_active=True).first() or False


def _query_params(request) -> tuple[str, SearchFilters | None]:
    params = request.GET
    q = params.get("q", "")
    if len(q) > 200:
        raise BadRequest("参数 q（关键词）不能超过200个字符。")
    if "\x00" in q:
        raise BadRequest("参数 q（关键词）含有无效字符。")
    agency = _agency_param(params)
    filters = SearchFilters(
        agency=agency.pk if agency else None,
        category=_enum(params, "category", DisclosureCategory._value2member_map_, "公开类别"),
        subject=_enum(params, "subject", SUBJECTS, "主题分类"),
        genre=_enum(params, "genre", Genre.values, "体裁"),
        year=_int(params, "year", openapi.MIN_YEAR, openapi.MAX_YEAR, "发布年度"),
        validity=_enum(params, "validity", Validity.values, "有效性"),
    )
    return q, (None if agency is False else filters)


# -- serialisation --------------------------------------------------------------------------------


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def agency_json(request, agency: Agency) -> dict:
    return {
        "slug": agency.slug,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.get_kind_display(),
        "code": agency.code,
        "parent": agency.parent.slug if agency.parent_id else None,
        # 条例第十二条: the facts of the 政府信息公开指南
        "guide": {
            "office": agency.disclosure_office or agency.name,
            "address": agency.address,
            "postcode": agency.postcode,
            "office_hours": agency.office_hours,
            "phone": agency.phone,
            "fax": agency.fax,
            "email": agency.email,
            "website": agency.website,
        },
        "url": request.build_absolute_uri(reverse("portal:agency", args=[agency.slug])),
        "items_url": request.build_absolute_uri(reverse("portal:api-items")) + f"?agency={agency.slug}",
    }


def item_json(request, item: CatalogItem, detail: bool = False) -> dict:
    data = {
        "id": item.pk,
        "index_no": item.index_no,
        "title": item.title,
        "summary": item.summary,
        "doc_no": item.doc_no,
        "publisher": item.publisher,
        "agency": item.agency.slug,
        "written_on": _iso(item.written_on),
        "published_on": _iso(item.published_on),
        "effective_on": _iso(item.effective_on),
        "subject": item.subject,
        "genre": item.genre,
        "genre_label": item.get_genre_display(),
        "category": item.category,
        "category_label": item.get_category_display(),
        "disclosure_mode": item.disclosure_mode,
        "validity": item.validity,
        "validity_label": item.get_validity_display(),
        "validity_changed_on": _iso(item.validity_changed_on),
        "keywords": item.keyword_list(),
        "url": request.build_absolute_uri(reverse("portal:item", args=[item.agency.slug, item.pk])),
    }
    if detail:
        public = CatalogItem.objects.public()
        data.update(
            body_html=item.body,
            body_text=item.body_text,
            attachments=[
                {"name": a.name, "size": a.size,
                 "url": request.build_absolute_uri(reverse("portal:attachment", args=[item.agency.slug, item.pk, a.pk]))}
                for a in item.attachments.all()
            ],
            interprets=list(public.filter(pk__in=item.interprets.values("pk")).values_list("pk", flat=True)),
            interpretations=list(public.filter(pk__in=item.interpretations.values("pk")).values_list("pk", flat=True)),
            wechat_url=request.build_absolute_uri(reverse("portal:item-wechat", args=[item.agency.slug, item.pk])),
        )
    return data


# -- views ------------------------------------------------------------------------------------------


@public_read_only
def openapi_document(request):
    return _json(openapi.document())


@public_read_only
def agencies(request):
    qs = Agency.objects.filter(is_active=True).select_related("parent").order_by("path")
    results = [agency_json(request, a) for a in qs]
    return _json({"count": len(results), "results": results})


@public_read_only
def agency_detail(request, slug):
    if not SLUG_RE.match(slug):
        return _error("机关网址标识格式不正确。")
    agency = Agency.objects.filter(slug=slug, is_active=True).select_related("parent").first()
    if agency is None:
        return _error("未找到该机关。", 404)
    return _json(agency_json(request, agency))


@public_read_only
def items(request):
    try:
        q, filters = _query_params(request)
        page = _int(request.GET, "page", 1, openapi.MAX_PAGE, "页码") or 1
        per_page = _int(request.GET, "per_page", 1, openapi.MAX_PER_PAGE, "每页条数") or 20
    except BadRequest as exc:
        return _error(str(exc))
    if filters is None or (page - 1) * per_page >= COUNT_CAP:
        results, total, capped = [], 0, False
        if filters is not None:
            probe = search(q, filters, page=1, per_page=1)
            total, capped = probe.total, probe.capped
    else:
        found = search(q, filters, page=page, per_page=per_page)
        results, total, capped = found.items, found.total, found.capped
    return _json({
        "count": total,
        "capped": capped,
        "page": page,
        "per_page": per_page,
        "results": [item_json(request, i) for i in results],
    })


@public_read_only
def item_detail(request, pk):
    if not re.fullmatch(r"[0-9]{1,16}", pk) or not 1 <= int(pk) <= MAX_ID:
        return _error("信息编号须为正整数。")
    item = CatalogItem.objects.public().select_related("agency").filter(pk=int(pk)).first()
    if item is None:
        return _error("未找到该信息，可能尚未发布或已撤回。", 404)
    return _json(item_json(request, item, detail=True))


@public_read_only
def reports(request):
    try:
        agency = _agency_param(request.GET)
        year = _int(request.GET, "year", openapi.MIN_YEAR, openapi.MAX_YEAR, "年度")
    except BadRequest as exc:
        return _error(str(exc))
    found = [] if agency is False else published_reports(agency=agency or None, year=year)
    results = [
        {"agency": r.agency.slug, "agency_name": r.agency.name, "year": r.year, "title": r.title,
         "url": request.build_absolute_uri(r.public_url()),
         "published_at": r.published_at.isoformat() if r.published_at else None,
         "tables": {k: r.data[k] for k in REPORT_TABLE_KEYS if k in (r.data or {})}}
        for r in found
    ]
    return _json({"count": len(results), "results": results})


CSV_HEADERS = ("索引号", "标题", "文号", "发布机构", "成文日期", "发布日期", "主题分类", "体裁", "公开类别",
               "有效性", "失效/废止日期", "关键词", "内容概述", "网址")


class _Echo:
    def write(self, value):
        return value


@read_only
def items_csv(request):
    """CSV export with the filters of /api/items (no paging; the import format's column names)."""
    try:
        q, filters = _query_params(request)
    except BadRequest as exc:
        return _error(str(exc))
    if filters is None:
        qs = CatalogItem.objects.none()
    else:
        qs = search_queryset(q, filters)
    base = request.build_absolute_uri("/").rstrip("/")

    def rows() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(CSV_HEADERS)
        for item in qs.select_related("agency").iterator(chunk_size=2000):
            yield writer.writerow(csv_row([  # no cell starts a formula (applicants' and staff's text)
                item.index_no or "", item.title, item.doc_no, item.publisher, _iso(item.written_on) or "",
                _iso(item.published_on) or "", item.subject, item.get_genre_display(),
                item.category_enum.article if item.category_enum else item.category,
                item.get_validity_display(), _iso(item.validity_changed_on) or "", item.keywords, item.summary,
                f"{base}{reverse('portal:item', args=[item.agency.slug, item.pk])}",
            ]))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "catalog.csv")
    for k, v in HEADERS.items():
        response[k] = v
    return response


@read_only
def api_docs(request):
    """A short human page pointing at the machine-readable document."""
    from django.shortcuts import render

    return render(request, "portal/api_docs.html", {"doc": openapi.document()})
