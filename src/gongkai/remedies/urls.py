from django.urls import path

from . import views

app_name = "remedies"
urlpatterns = [
    path("", views.remedy_list, name="list"),
    path("new/", views.remedy_new, name="new"),
    path("<int:pk>/", views.remedy_detail, name="detail"),
    path("<int:pk>/edit/", views.remedy_edit, name="edit"),
    path("<int:pk>/result/", views.remedy_result, name="result"),
    path("<int:pk>/documents/", views.remedy_document_upload, name="document-upload"),
    path("<int:pk>/documents/<int:doc>/", views.remedy_document, name="document"),
    path("<int:pk>/delete/", views.remedy_delete, name="delete"),
]
