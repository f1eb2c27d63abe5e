"""Published reports: /nianbao/<agency slug>/<year>/ and its downloads (HTML, DOCX, PDF, JSON)."""

from django.urls import path

from . import public_views

app_name = "nianbao"
urlpatterns = [
    path("<slug:slug>/<int:year>/", public_views.report_page, name="detail"),
    path("<slug:slug>/<int:year>/<str:fmt>/", public_views.report_file, name="file"),
]
