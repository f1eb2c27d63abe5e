from django.contrib import admin

from gongkai.audit.admin import ReadOnlyAdmin

from .models import Attachment, CatalogItem, IndexCounter, ItemRevision, ReviewDecision, YearlyFigure


@admin.register(CatalogItem)
class CatalogItemAdmin(ReadOnlyAdmin):
    list_display = ("index_no", "title", "agency", "genre", "status", "validity", "published_on")
    list_filter = ("status", "validity", "genre", "category")
    search_fields = ("title", "index_no", "doc_no")


@admin.register(ItemRevision)
class ItemRevisionAdmin(ReadOnlyAdmin):
    list_display = ("item", "number", "action", "actor", "at")


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(ReadOnlyAdmin):
    list_display = ("item", "revision", "reviewer", "approved", "at")


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("name", "item", "size", "uploaded_at")


@admin.register(IndexCounter)
class IndexCounterAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "last")


@admin.register(YearlyFigure)
class YearlyFigureAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "kind", "value", "entered_by", "entered_at")
