"""RSS 2.0 and Atom feeds of published items, per agency and per 公开类别."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from gongkai.agencies.models import Agency
from gongkai.catalog.models import CatalogItem
from gongkai.core.vocabulary import DisclosureCategory

FEED_SIZE = 50


class _Rss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:lang": "zh-CN"}


class AgencyRssFeed(Feed):
    feed_type = _Rss
    language = "zh-cn"

    def get_object(self, request, slug, category=None):
        agency = get_object_or_404(Agency, slug=slug, is_active=True)
        if category is not None:
            try:
                DisclosureCategory(category)
            except ValueError:
                raise Http404("没有这个公开类别。") from None
        return agency, category

    def title(self, obj):
        agency, category = obj
        suffix = f"：{DisclosureCategory(category).article}" if category else ""
        return f"{agency.name}主动公开信息{suffix}"

    def description(self, obj):
        agency, category = obj
        return f"{agency.name}依据《中华人民共和国政府信息公开条例》主动公开的政府信息" + (
            f"（{DisclosureCategory(category).label}）" if category else ""
        )

    def link(self, obj):
        agency, category = obj
        url = reverse("portal:agency-catalog", args=[agency.slug])
        return f"{url}?category={category}" if category else url

    def items(self, obj):
        agency, category = obj
        qs = CatalogItem.objects.public().filter(agency=agency)
        if category:
            qs = qs.filter(category=category)
        return qs.select_related("agency").order_by("-published_on", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body_text[:300]

    def item_link(self, item):
        return reverse("portal:item", args=[item.agency.slug, item.pk])

    def item_guid(self, item):
        return item.index_no or str(item.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(9, 0)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.publisher

    def item_categories(self, item):
        return [item.get_category_display(), item.subject]


class AgencyAtomFeed(AgencyRssFeed):
    feed_type = Atom1Feed
    subtitle = AgencyRssFeed.description
