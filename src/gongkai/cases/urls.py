"""依申请公开: /apply/ (public form), /track/ (public tracking), /staff/cases/ (staff)."""

from django.urls import path

from .views import previews, public, staff

app_name = "cases"
urlpatterns = [
    path("apply/", public.apply, name="apply"),
    path("apply/done/", public.apply_done, name="apply-done"),
    path("apply/<slug:slug>/", public.apply, name="apply-agency"),
    path("track/", public.track, name="track"),
    path("track/status/", public.track_status, name="track-status"),
    path("track/status/correction/", public.track_correction, name="track-correction"),
    path("track/status/documents/<int:doc>.pdf", public.track_document, name="track-document"),
    path("track/status/files/<int:att>/", public.track_file, name="track-file"),
    path("track/mine/", public.my_applications, name="mine"),
    path("track/mine/<int:pk>/", public.my_application, name="mine-detail"),
    path("staff/cases/", staff.inbox, name="inbox"),
    path("staff/cases/export.<str:fmt>", staff.export, name="export"),
    path("staff/cases/new/", staff.register, name="register"),
    path("staff/cases/new/done/", staff.registered, name="registered"),
    path("staff/cases/stats/", staff.stats, name="stats"),
    path("staff/cases/templates/", staff.templates_list, name="templates"),
    path("staff/cases/templates/<str:key>/", staff.template_edit, name="template-edit"),
    path("staff/cases/<int:pk>/", staff.case_detail, name="detail"),
    path("staff/cases/<int:pk>/do/<slug:key>/", staff.case_action, name="action"),
    path("staff/cases/<int:pk>/reply-preview.pdf", previews.reply_preview, name="reply-preview"),
    path("staff/cases/<int:pk>/documents/<int:doc>/", staff.document, name="document"),
    path("staff/cases/<int:pk>/documents/<int:doc>/supersede/", staff.document_supersede, name="document-supersede"),
    path("staff/cases/<int:pk>/held/<int:held>/issue/", staff.held_issue, name="held-issue"),
    path("staff/cases/<int:pk>/documents/<int:doc>/service-receipt.<str:fmt>", staff.service_receipt,
         name="service-receipt"),
    path("staff/cases/<int:pk>/documents/<int:doc>.<str:fmt>", staff.document, name="document-file"),
    path("staff/cases/<int:pk>/files/<int:att>/", staff.attachment, name="attachment"),
]
