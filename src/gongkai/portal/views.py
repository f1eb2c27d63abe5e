"""The public portal: 指南, 目录, item pages, search, annual reports (条例 第十二条, 第十九条–第二十六条).

Every list starts from `CatalogItem.objects.public()`, so nothing unreviewed or withdrawn shows.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import publiccache
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.permissions import Perm, has_perm
from gongkai.catalog.models import SUBJECTS, CatalogItem, Status
from gongkai.catalog.search import SearchFilters, highlight, search, snippet
from gongkai.core.formsheet import formsheet_docx, formsheet_pdf
from gongkai.core.vocabulary import DisclosureCategory
from gongkai.forms import attach_errors
from gongkai.reports.selectors import published_reports

from . import guide, services
from .forms import ErrorReportForm, SearchForm
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


def _cached(context: dict, build) -> dict:
    """`context` for a page whose main block is the same for every visitor: the template caches that block
    (`{% cache cache_ttl <name> pv … %}`, pv = the public version) and reads `page`, which is built only
    when the block is rendered, i.e. when it is not in the cache (gongkai.publiccache)."""
    return {**context, "pv": publiccache.version(), "cache_ttl": publiccache.ttl(), "page": SimpleLazyObject(build)}


@require_safe
def home(request):
    def build():
        agencies = list(Agency.objects.filter(is_active=True).order_by("path"))
        return {
            "agencies": agencies,
            "latest": list(CatalogItem.objects.public().select_related("agency").order_by("-published_on", "-id")[:10]),
            "form": SearchForm(),
            "government": next((a for a in agencies if a.kind == AgencyKind.GOVERNMENT), None),
        }

    return render(request, "portal/home.html", _cached({}, build))


def _count_by(field: str, agency: Agency | None = None) -> dict:
    """Published items per `field` value (of one agency): the 目录 menus. Cached until something public changes."""

    def count():
        public = CatalogItem.objects.public()
        if agency is not None:
            public = public.filter(agency=agency)
        return dict(public.order_by().values_list(field).annotate(n=Count("*")).values_list(field, "n"))

    return publiccache.get_or_build(("count-by", field, agency.pk if agency else ""), count)


def _agency_counts() -> dict[int, int]:
    """Published items per agency (the 目录 index)."""
    return _count_by("agency")


@require_safe
def catalog_index(request):
    """The 目录 of all agencies: the agency list and the newest items, with filters."""

    def build():
        form = SearchForm(request.GET or None)
        valid = form.is_valid() or not request.GET
        results = _decorate(search("", form.filters(), page=form.page_number, per_page=PER_PAGE)) if valid else None
        counts = _agency_counts()
        agencies = list(Agency.objects.filter(is_active=True).order_by("path"))
        for a in agencies:
            a.public_count = counts.get(a.pk, 0)
        return {"form": form, "results": results, "agencies": agencies}

    return render(request, "portal/catalog_index.html", _cached({}, build))


@require_safe
def search_page(request):
    def build():
        form = SearchForm(request.GET or None)
        results = None
        if request.GET and form.is_valid():
            results = _decorate(search(form.query, form.filters(), page=form.page_number, per_page=PER_PAGE))
        return {"form": form, "results": results}

    return render(request, "portal/search.html", _cached({}, build))


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
    """政府信息公开指南 (条例第十二条), built from the agency record, the clock, the fee engine and the
    staff-written texts (portal/guide.py)."""
    agency = _agency(slug)

    def build():
        public = CatalogItem.objects.public().filter(agency=agency)
        category_counts = _count_by("category", agency)
        return {
            "facts": [(k, v) for k, v in _guide_facts(agency)],
            "categories": [(c, category_counts.get(c.value, 0)) for c in DisclosureCategory],
            "latest": list(public.order_by("-published_on", "-id")[:8]),
            "apply_url": _apply_url(agency),
            "track_url": url_or_none("cases:track"),
            "reports": list(published_reports(agency=agency)[:10]),
            "text": services.guide_text_of(agency),
            "steps": guide.procedure(),
            "fees": guide.fees(),
            "remedies": guide.remedies(agency),
        }

    return render(request, "portal/agency_home.html", _cached({
        "agency": agency, "column": "guide",
        "can_edit": request.user.is_authenticated and has_perm(request.user, Perm.CATALOG_EDIT, agency),
    }, build))


@require_safe
def application_form_file(request, slug, fmt):
    """The paper 政府信息公开申请表 of the 指南, with the online form's fields (DOCX or PDF)."""
    agency = _agency(slug)
    sheet = guide.application_sheet(agency)
    if fmt == "docx":
        content, mime = formsheet_docx(sheet), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        content, mime = formsheet_pdf(sheet), "application/pdf"
    else:
        raise Http404("没有这种格式的申请表。")
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = content_disposition_header(True, f"{agency.name}政府信息公开申请表.{fmt}")
    return response


@require_safe
def agency_rules(request, slug):
    """公开制度: the national rules every agency works under and the agency's own (GuideText.rules)."""
    agency = _agency(slug)
    return render(request, "portal/agency_rules.html", {
        "agency": agency, "column": "rules", "national": NATIONAL_RULES,
        "own": services.guide_text_of(agency).rule_links(),
    })


@require_safe
def agency_on_request(request, slug):
    """依申请公开: how to apply, the paper form, the online form, tracking and the 期限计算器."""
    agency = _agency(slug)
    return render(request, "portal/agency_on_request.html", {
        "agency": agency, "column": "apply", "apply_url": _apply_url(agency), "track_url": url_or_none("cases:track"),
        "steps": guide.procedure(),
    })


@require_safe
def column_index(request):
    """政府信息公开 (the platform of 条例第二十四条, 国办公开办函〔2019〕61号): the government's 专栏 and every
    agency's, each with the same columns."""
    agencies = list(Agency.objects.filter(is_active=True).order_by("path"))
    government = next((a for a in agencies if a.kind == AgencyKind.GOVERNMENT), None)
    return render(request, "portal/column_index.html", {"government": government, "agencies": agencies})


#: 公开制度 that bind every agency (docs/law.md §10.1), newest first.
NATIONAL_RULES = (
    ("《中华人民共和国政府信息公开条例》（国务院令第711号，2019年修订）", "https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm"),
    ("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", ""),
    ("《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）", ""),
    ("《国务院办公厅政府信息与政务公开办公室关于规范政府信息公开平台有关事项的通知》（国办公开办函〔2019〕61号）", ""),
    ("《政府网站发展指引》（国办发〔2017〕47号）", ""),
)


@require_safe
def agency_catalog(request, slug):
    """政府信息公开目录 of one agency, browsable by 公开类别 and 主题分类."""
    agency = _agency(slug)

    def build():
        form = SearchForm(request.GET or None)
        valid = form.is_valid() if request.GET else True
        filters = form.filters(agency=agency) if valid else SearchFilters(agency=agency.pk)
        results = _decorate(search(form.query if valid else "", filters, page=form.page_number if valid else 1,
                                   per_page=PER_PAGE))
        by_category, by_subject = _count_by("category", agency), _count_by("subject", agency)
        return {
            "form": form,
            "results": results,
            "categories": [(c, by_category[c.value]) for c in DisclosureCategory if by_category.get(c.value)],
            "subjects": [(s, by_subject[s]) for s in SUBJECTS if by_subject.get(s)],
            "current_category": filters.category,
            "current_subject": filters.subject,
        }

    return render(request, "portal/agency_catalog.html", _cached({"agency": agency}, build))


@require_safe
def item_page(request, slug, pk):
    item = _public_item(slug, pk)

    def build():
        public = CatalogItem.objects.public().select_related("agency")
        return {
            "attachments": list(item.attachments.all()),
            "interprets": list(public.filter(pk__in=item.interprets.values("pk"))),
            "interpretations": list(public.filter(pk__in=item.interpretations.values("pk"))),
            "amends": public.filter(pk=item.amends_id).first() if item.amends_id else None,
            "amendments": list(public.filter(amends=item)),
            "apply_url": _apply_url(item.agency),
        }

    return render(request, "portal/item.html", _cached({"item": item, "agency": item.agency}, build))


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


@require_safe
def deadline_calculator(request):
    """期限计算器 (issue 17 item 6): the statutory reply deadline with the case page's proof."""
    from .calculator import CalculatorForm, calculate

    submitted = "submitted_on" in request.GET or "channel" in request.GET
    if submitted:
        form = CalculatorForm(request.GET)
    else:  # a link from an agency's page: that agency preselected, nothing computed yet
        slug = request.GET.get("agency", "")
        form = CalculatorForm(initial={"agency": slug} if Agency.objects.filter(slug=slug, is_active=True).exists() else {})
    answer = calculate(form) if submitted and form.is_valid() else None
    return render(request, "portal/calculator.html", {"form": form, "answer": answer},
                  status=400 if submitted and not form.is_valid() else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def error_report(request):
    """「我为政府网站找错」: a reader reports an error on a page; the agency's staff handle it in the 待办."""
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        refused = services.error_report_refused(request)
        if refused:
            form.is_valid()
            form.add_error(None, refused)
            return render(request, "portal/error_report.html", {"form": form}, status=429)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("agency", "website")}
            try:
                services.submit_error_report(form.cleaned_data["agency"], data, acting_user=request.user, request=request)
            except services.PortalError as exc:
                attach_errors(form, exc)
            else:
                return render(request, "portal/error_report_done.html", {})
        return render(request, "portal/error_report.html", {"form": form}, status=400)
    page = request.GET.get("page", "")[:500]
    slug = request.GET.get("agency", "")
    initial = {"page_url": page if page.startswith(("/", "http://", "https://")) else ""}
    if slug and Agency.objects.filter(slug=slug, is_active=True).exists():
        initial["agency"] = slug
    elif (gov := Agency.objects.filter(is_active=True, kind=AgencyKind.OFFICE).order_by("path").first()) is not None:
        initial["agency"] = gov.slug  # the site as a whole: the 政府信息公开工作主管部门
    return render(request, "portal/error_report.html", {"form": ErrorReportForm(initial=initial)})


@require_POST
def elder_mode(request):
    """The 长者模式 switch (larger type, higher contrast, one column): a cookie kept for a year, then back to
    the page the visitor was on. A POST form in the header, so it works without JavaScript and by keyboard."""
    from .context_processors import ELDER_COOKIE

    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("on") == "1":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
