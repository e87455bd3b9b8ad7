import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from ansinh.core import audit


class RequestContextMiddleware:
    """Makes the user and address of the request being served the actor of any audited change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit._current.set(audit.actor_from_request(request))
        try:
            return self.get_response(request)
        finally:
            audit._current.reset(token)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY with every response (self only: no inline script, no CDN)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


@lru_cache(maxsize=4)
def _limits(rules: tuple[tuple[str, int], ...]) -> tuple[tuple[re.Pattern, int], ...]:
    return tuple((re.compile(pattern), size) for pattern, size in rules)


def body_limit(path: str) -> int:
    """The largest request body accepted at this path (settings.REQUEST_BODY_LIMITS, first match)."""
    for pattern, size in _limits(tuple(tuple(rule) for rule in settings.REQUEST_BODY_LIMITS)):
        if pattern.search(path):
            return size
    return settings.REQUEST_BODY_DEFAULT


def _size(limit: int) -> str:
    return f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


class RequestSizeMiddleware:
    """Answers 413, naming the limit, before reading a body larger than the path accepts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return self._too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def _too_large(request, limit: int) -> HttpResponse:
        message = _("The request body is larger than the %(size)s accepted here.") % {"size": _size(limit)}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": [{"loc": ["body"], "msg": message, "type": "too_large", "limit_bytes": limit}]}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
