"""sitemap.xml: the portal's pages, every agency's 指南 and 目录, and every published item."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalog.models import CatalogItem


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "portal:catalog", "portal:search", "portal:reports", "portal:columns", "portal:calculator"]

    def location(self, name):
        return reverse(name)


class AgencySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Agency.objects.filter(is_active=True).order_by("pk")

    def location(self, agency):
        return reverse("portal:agency", args=[agency.slug])


class AgencyCatalogSitemap(AgencySitemap):
    changefreq = "daily"

    def location(self, agency):
        return reverse("portal:agency-catalog", args=[agency.slug])


class AgencyColumnsSitemap(AgencySitemap):
    """The other columns of each agency's 政府信息公开专栏 (docs/law.md §10.1): 制度 and 依申请公开."""

    def items(self):
        return [(a, name) for a in super().items() for name in ("portal:agency-rules", "portal:agency-apply")]

    def location(self, pair):
        agency, name = pair
        return reverse(name, args=[agency.slug])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 20000

    def items(self):
        return CatalogItem.objects.public().select_related("agency").only(
            "pk", "updated_at", "agency__slug"
        ).order_by("pk")

    def location(self, item):
        return reverse("portal:item", args=[item.agency.slug, item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticSitemap,
    "agencies": AgencySitemap,
    "catalogs": AgencyCatalogSitemap,
    "columns": AgencyColumnsSitemap,
    "items": ItemSitemap,
}
