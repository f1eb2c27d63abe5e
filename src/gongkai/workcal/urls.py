"""/staff/calendar/ (namespace "workcal")."""

from django.urls import path

from . import views

app_name = "workcal"
urlpatterns = [
    path("", views.index, name="index"),
    path("year/<int:year>/", views.year_detail, name="year"),
    path("enter/", views.enter, name="enter"),
    path("import/", views.import_file, name="import"),
    path("local/", views.local_days, name="local"),
    path("local/<int:pk>/delete/", views.local_day_delete, name="local-delete"),
    path("history/", views.history, name="history"),
    path("history/<int:pk>/", views.revision_detail, name="revision"),
]
