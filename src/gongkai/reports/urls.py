from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("compute/", views.report_compute, name="compute"),
    path("import/", views.report_import, name="import"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/text/", views.report_text, name="text"),
    path("<int:pk>/recompute/", views.report_action, {"key": "recompute"}, name="recompute"),
    path("<int:pk>/submit/", views.report_action, {"key": "submit"}, name="submit"),
    path("<int:pk>/return/", views.report_action, {"key": "return"}, name="return"),
    path("<int:pk>/approve/", views.report_action, {"key": "approve"}, name="approve"),
    path("<int:pk>/publish/", views.report_action, {"key": "publish"}, name="publish"),
    path("<int:pk>/file/<str:fmt>/", views.report_file, name="file"),
    path("supervise/", views.supervise, name="supervise"),
    path("supervise/unlock/", views.supervise_unlock, name="unlock"),
    path("supervise/government/", views.supervise_government, name="government"),
    path("supervise/urge/", views.supervise_urge, name="urge"),
    path("audits/", views.audit_list, name="audits"),
    path("audits/new/", views.audit_new, name="audit-new"),
    path("audits/<int:pk>/", views.audit_detail, name="audit-detail"),
    path("audits/<int:pk>/progress/", views.audit_progress, name="audit-progress"),
    path("audits/<int:pk>/items/<int:item_pk>/", views.audit_item, name="audit-item"),
    path("audits/<int:pk>/cancel/", views.audit_cancel, name="audit-cancel"),
    path("audits/<int:pk>/resume/", views.audit_resume, name="audit-resume"),
]
