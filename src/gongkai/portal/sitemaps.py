"""sitemap.xml: the portal's pages, every agency's 指南 and 目录, and every published item."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalog.models import CatalogItem


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "portal:catalog", "portal:search", "portal:reports"]

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
    "items": ItemSitemap,
}
