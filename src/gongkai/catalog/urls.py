from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.staff_list, name="staff-list"),
    path("review/", views.review_queue, name="review-queue"),
    path("new/", views.item_new, name="item-new"),
    path("figures/", views.figures, name="figures"),
    path("import/", views.import_items, name="import"),
    path("import/template.csv", views.import_template, name="import-template"),
    path("import/<int:pk>/", views.import_detail, name="import-detail"),
    path("import/<int:pk>/resume/", views.import_resume, name="import-resume"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("<int:pk>/amend/", views.item_amend, name="item-amend"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("<int:pk>/attachments/<int:att>/", views.attachment_download, name="attachment"),
    path("<int:pk>/attachments/<int:att>/remove/", views.attachment_remove, name="attachment-remove"),
    path("<int:pk>/revisions/<int:number>/", views.revision_detail, name="revision"),
    path("<int:pk>/<slug:action>/", views.item_action, name="item-action"),
]
