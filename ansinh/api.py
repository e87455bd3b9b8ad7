"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Each app owns its router."""

from ninja import NinjaAPI

from ansinh.assistant import api as assistant_api
from ansinh.benefits import api as benefits_api
from ansinh.contributions import api as contributions_api
from ansinh.core.api_auth import publish
from ansinh.core.errors import DomainError
from ansinh.feedback import api as feedback_api
from ansinh.geo import api as geo_api
from ansinh.health import api as health_api
from ansinh.insights import api as insights_api
from ansinh.outreach import api as outreach_api
from ansinh.policy import api as policy_api
from ansinh.procedures import api as services_api
from ansinh.registry import api as registry_api

api = NinjaAPI(
    title="An Sinh API",
    version="1",
    description="Social, health and unemployment insurance of the province: for employers' payroll software, "
    "medical facilities, banks and the post office. Machine clients send `Authorization: Bearer <token>`.",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": [e.as_dict() for e in exc.errors]}, status=exc.status)


for prefix, router in [
    ("/geo/", geo_api.router),
    ("/registry/", registry_api.router),
    ("/policy/", policy_api.router),
    ("/contributions/", contributions_api.router),
    ("/benefits/", benefits_api.router),
    ("/health/", health_api.router),
    ("/services/", services_api.router),
    ("/assistant/", assistant_api.router),
    ("/insights/", insights_api.router),
    ("/feedback/", feedback_api.router),
    ("/outreach/", outreach_api.router),
]:
    api.add_router(prefix, router)

publish(api)
