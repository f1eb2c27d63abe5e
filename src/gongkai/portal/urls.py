"""Portal URLs (namespace `portal`), mounted at the site root after every other app."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import api, feeds, staff_views, views
from .caching import public_response
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("catalog/", views.catalog_index, name="catalog"),
    path("elder/", views.elder_mode, name="elder-mode"),
    path("search/", views.search_page, name="search"),
    path("reports/", views.reports, name="reports"),
    path("deadline/", views.deadline_calculator, name="calculator"),
    path("gk/<slug:slug>/", views.agency_home, name="agency"),
    path("zfxxgk/", views.column_index, name="columns"),
    path("zhaocuo/", views.error_report, name="error-report"),
    path("gk/<slug:slug>/catalog/", views.agency_catalog, name="agency-catalog"),
    path("gk/<slug:slug>/rules/", views.agency_rules, name="agency-rules"),
    path("gk/<slug:slug>/apply/", views.agency_on_request, name="agency-apply"),
    path("gk/<slug:slug>/form.<str:fmt>", views.application_form_file, name="application-form"),
    path("staff/portal/errors/", staff_views.error_list, name="staff-errors"),
    path("staff/portal/errors/<int:pk>/", staff_views.error_detail, name="staff-error"),
    path("staff/portal/guide/<slug:slug>/", staff_views.guide_edit, name="staff-guide"),
    path("gk/<slug:slug>/reports/", views.agency_reports, name="agency-reports"),
    path("gk/<slug:slug>/item/<int:pk>/", views.item_page, name="item"),
    path("gk/<slug:slug>/item/<int:pk>/wechat/", views.item_wechat, name="item-wechat"),
    path("gk/<slug:slug>/item/<int:pk>/attachments/<int:att>/", views.attachment, name="attachment"),
    # Feeds, sitemaps and the API answer conditional GETs and are kept until something public changes.
    path("feeds/<slug:slug>/rss.xml", public_response(feeds.AgencyRssFeed()), name="feed-rss"),
    path("feeds/<slug:slug>/atom.xml", public_response(feeds.AgencyAtomFeed()), name="feed-atom"),
    path("feeds/<slug:slug>/<str:category>/rss.xml", public_response(feeds.AgencyRssFeed()), name="feed-category-rss"),
    path("feeds/<slug:slug>/<str:category>/atom.xml", public_response(feeds.AgencyAtomFeed()),
         name="feed-category-atom"),
    path("sitemap.xml", public_response(sitemap_views.index),
         {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap-section"}, name="sitemap"),
    path("sitemap-<str:section>.xml", public_response(sitemap_views.sitemap), {"sitemaps": SITEMAPS},
         name="sitemap-section"),
    path("api/", api.api_docs, name="api-docs"),
    path("api/openapi.json", api.openapi_document, name="openapi"),
    path("api/agencies", api.agencies, name="api-agencies"),
    path("api/agencies/<str:slug>", api.agency_detail, name="api-agency"),
    path("api/items", api.items, name="api-items"),
    path("api/items.csv", api.items_csv, name="api-items-csv"),
    path("api/items/<str:pk>", api.item_detail, name="api-item"),
    path("api/reports", api.reports, name="api-reports"),
]
