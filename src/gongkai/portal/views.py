"""The public portal: 指南, 目录, item pages, search, annual reports (条例 第十二条, 第十九条–第二十六条).

Every list starts from `CatalogItem.objects.public()`, so nothing unreviewed or withdrawn shows.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.core.cache import cache
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm, has_perm
from gongkai.catalog.models import SUBJECTS, CatalogItem, Status
from gongkai.catalog.search import SearchFilters, highlight, search, snippet
from gongkai.core.vocabulary import DisclosureCategory
from gongkai.reports.selectors import published_reports

from .forms import SearchForm
from .wechat import render_wechat

PER_PAGE = 20


def url_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _apply_url(agency: Agency) -> str | None:
    """The 依申请公开 form for this agency, if the cases app offers one (条例第二十七条)."""
    return url_or_none("cases:apply-agency", agency.slug) or url_or_none("cases:apply")


def _agency(slug: str) -> Agency:
    return get_object_or_404(Agency, slug=slug, is_active=True)


def _public_item(slug: str, pk: int) -> CatalogItem:
    try:
        return CatalogItem.objects.public().select_related("agency").get(pk=pk, agency__slug=slug)
    except CatalogItem.DoesNotExist:
        raise Http404("未找到该信息，可能尚未发布或已撤回。") from None


def _decorate(results):
    for item in results.items:
        item.title_html = highlight(item.title, results.terms)
        item.snippet_html = snippet(item.summary or item.body_text, results.terms)
    return results


@require_safe
def home(request):
    agencies = Agency.objects.filter(is_active=True).order_by("path")
    latest = CatalogItem.objects.public().select_related("agency").order_by("-published_on", "-id")[:10]
    return render(request, "portal/home.html", {"agencies": agencies, "latest": latest, "form": SearchForm()})


COUNTS_TTL = 300  # seconds: the per-agency totals of the 目录 index may lag a publication by this much


def _agency_counts() -> dict[int, int]:
    """Published items per agency. Counting a million rows per page view is wasteful; the totals
    are cached briefly (the item lists themselves are never cached)."""
    counts = cache.get("portal:agency-counts")
    if counts is None:
        counts = dict(
            CatalogItem.objects.public().order_by().values_list("agency").annotate(n=Count("*")).values_list("agency", "n")
        )
        cache.set("portal:agency-counts", counts, COUNTS_TTL)
    return counts


@require_safe
def catalog_index(request):
    """The 目录 of all agencies: the agency list and the newest items, with filters."""
    form = SearchForm(request.GET or None)
    results = _decorate(search("", form.filters(), page=form.page_number, per_page=PER_PAGE)) if form.is_valid() or not request.GET else None
    counts = _agency_counts()
    agencies = list(Agency.objects.filter(is_active=True).order_by("path"))
    for a in agencies:
        a.public_count = counts.get(a.pk, 0)
    return render(request, "portal/catalog_index.html", {"form": form, "results": results, "agencies": agencies})


@require_safe
def search_page(request):
    form = SearchForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        results = _decorate(search(form.query, form.filters(), page=form.page_number, per_page=PER_PAGE))
    return render(request, "portal/search.html", {"form": form, "results": results})


def _guide_facts(agency: Agency) -> list[tuple[str, str]]:
    """条例第十二条: 工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式."""
    return [
        ("政府信息公开工作机构", agency.disclosure_office or agency.name),
        ("办公地址", agency.address + (f"（邮政编码 {agency.postcode}）" if agency.postcode else "")),
        ("办公时间", agency.office_hours),
        ("联系电话", agency.phone),
        ("传真号码", agency.fax),
        ("电子邮箱", agency.email),
        ("网站", agency.website),
    ]


@require_safe
def agency_home(request, slug):
    """政府信息公开指南 (条例第十二条), built from the agency record."""
    agency = _agency(slug)
    public = CatalogItem.objects.public().filter(agency=agency)
    category_counts = dict(public.order_by().values_list("category").annotate(n=Count("*")).values_list("category", "n"))
    context = {
        "agency": agency,
        "facts": [(k, v) for k, v in _guide_facts(agency)],
        "categories": [(c, category_counts.get(c.value, 0)) for c in DisclosureCategory],
        "latest": public.order_by("-published_on", "-id")[:8],
        "apply_url": _apply_url(agency),
        "track_url": url_or_none("cases:track"),
        "reports": published_reports(agency=agency)[:10],
    }
    return render(request, "portal/agency_home.html", context)


@require_safe
def agency_catalog(request, slug):
    """政府信息公开目录 of one agency, browsable by 公开类别 and 主题分类."""
    agency = _agency(slug)
    form = SearchForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    filters = form.filters(agency=agency) if valid else SearchFilters(agency=agency.pk)
    results = _decorate(search(form.query if valid else "", filters, page=form.page_number if valid else 1,
                               per_page=PER_PAGE))
    public = CatalogItem.objects.public().filter(agency=agency)
    by_category = dict(public.order_by().values_list("category").annotate(n=Count("*")).values_list("category", "n"))
    by_subject = dict(public.order_by().values_list("subject").annotate(n=Count("*")).values_list("subject", "n"))
    context = {
        "agency": agency,
        "form": form,
        "results": results,
        "categories": [(c, by_category[c.value]) for c in DisclosureCategory if by_category.get(c.value)],
        "subjects": [(s, by_subject[s]) for s in SUBJECTS if by_subject.get(s)],
        "current_category": filters.category,
        "current_subject": filters.subject,
    }
    return render(request, "portal/agency_catalog.html", context)


@require_safe
def item_page(request, slug, pk):
    item = _public_item(slug, pk)
    public = CatalogItem.objects.public()
    context = {
        "item": item,
        "agency": item.agency,
        "attachments": item.attachments.all(),
        "interprets": public.filter(pk__in=item.interprets.values("pk")),
        "interpretations": public.filter(pk__in=item.interpretations.values("pk")),
        "amends": public.filter(pk=item.amends_id).first() if item.amends_id else None,
        "amendments": public.filter(amends=item),
        "apply_url": _apply_url(item.agency),
    }
    return render(request, "portal/item.html", context)


@require_safe
@csp_update({"style-src-attr": ["'unsafe-inline'"]})  # the preview is inline-styled by design (公众号)
def item_wechat(request, slug, pk):
    item = _public_item(slug, pk)
    url = request.build_absolute_uri(reverse("portal:item", args=[slug, pk]))
    return render(request, "portal/item_wechat.html", {"item": item, "agency": item.agency,
                                                       "wechat_html": render_wechat(item, url)})


@require_safe
def attachment(request, slug, pk, att):
    """Attachments of published items are public; others only for staff who may see the item."""
    item = CatalogItem.objects.filter(pk=pk, agency__slug=slug).select_related("agency").first()
    if item is None:
        raise Http404("未找到。")
    if item.status != Status.PUBLISHED or not item.agency.is_active:
        user = request.user
        allowed = user.is_authenticated and any(has_perm(user, p, item.agency) for p in (Perm.CATALOG_EDIT, Perm.CATALOG_REVIEW))
        if not allowed:
            raise Http404("未找到。")
    attachment = item.attachments.filter(pk=att).first()
    if attachment is None:
        raise Http404("未找到。")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件缺失，请联系发布机关。") from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


@require_safe
def reports(request):
    """年度报告 (条例第四十九条、第五十条): the published reports of every agency."""
    return render(request, "portal/reports.html", {"reports": published_reports()})


@require_safe
def agency_reports(request, slug):
    agency = _agency(slug)
    return render(request, "portal/reports.html", {"reports": published_reports(agency=agency), "agency": agency})
