from django.urls import path

from ansinh.health import views, views_lookups

app_name = "health"
urlpatterns = [
    path("facility/", views.facility_home, name="facility"),
    path("facility/format/", views.format_rules, name="format"),
    path("monitoring/settle/", views.settle, name="settle"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("claims/", views.queue, name="queue"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/decide/", views.claim_decide, name="decide"),
    path("monitoring/", views.cost_monitoring, name="monitoring"),
    path("lookups/", views_lookups.lookups, name="lookups"),
]
