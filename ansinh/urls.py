from django.contrib import admin
from django.urls import include, path

from ansinh.api import api
from ansinh.health.gateway.api import gateway_api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path(
        "api/", gateway_api.urls
    ),  # the social-insurance e-gateway's own paths (/api/token/take, /api/egw/…, /api/qd130/…)
    path("", include("ansinh.core.urls")),
    path("registry/", include("ansinh.registry.urls")),
    path("contributions/", include("ansinh.contributions.urls")),
    path("benefits/", include("ansinh.benefits.urls")),
    path("health/", include("ansinh.health.urls")),
    path("services/", include("ansinh.procedures.urls")),
    path("portal/", include("ansinh.portal.urls")),
    path("assistant/", include("ansinh.assistant.urls")),
    path("linkage/", include("ansinh.linkage.urls")),
    path("insights/", include("ansinh.insights.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("feedback/", include("ansinh.feedback.urls")),
    path("outreach/", include("ansinh.outreach.urls")),
]
