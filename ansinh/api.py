"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Each app owns its router."""

from ninja import NinjaAPI

from ansinh.core.api_errors import DomainError

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


for prefix, module in [
    ("/geo/", "ansinh.geo.api"),
    ("/registry/", "ansinh.registry.api"),
    ("/policy/", "ansinh.policy.api"),
    ("/contributions/", "ansinh.contributions.api"),
    ("/benefits/", "ansinh.benefits.api"),
    ("/health/", "ansinh.health.api"),
    ("/services/", "ansinh.services.api"),
    ("/assistant/", "ansinh.assistant.api"),
    ("/insights/", "ansinh.insights.api"),
    ("/feedback/", "ansinh.feedback.api"),
    ("/outreach/", "ansinh.outreach.api"),
]:
    api.add_router(prefix, f"{module}.router")
