from django.urls import path

from ansinh.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk-accept/", views.bulk_accept, name="bulk_accept"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("findings/<int:pk>/accept-all/", views.accept_all, name="accept_all"),
    path("findings/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("findings/<int:pk>/choose/<int:candidate_pk>/", views.choose, name="choose"),
    path("findings/<int:pk>/corrections/<int:correction_pk>/accept/", views.accept_correction, name="accept"),
    path("findings/<int:pk>/corrections/<int:correction_pk>/reject/", views.reject_correction, name="reject"),
]
