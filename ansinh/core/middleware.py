import re
import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY
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
    """Sends the content security policy with every response (self only: no inline script or style, no CDN)
    unless the view set its own (`allow_inline_style`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", content_security_policy())
        return response


def content_security_policy() -> str:
    """settings.CONTENT_SECURITY_POLICY with the national payment platform added to its form-action: paying a fee
    posts to our page, which redirects there, and browsers hold such a redirect to the form's form-action."""
    origins = {_origin(url) for url in [settings.PAYMENT_URL, *settings.PAYMENT_CHECKOUT_ORIGINS] if url}
    return _with_form_targets(settings.CONTENT_SECURITY_POLICY, tuple(sorted(origins)))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@lru_cache(maxsize=8)
def _with_form_targets(policy: str, origins: tuple[str, ...]) -> str:
    if not origins or "form-action" not in policy:
        return policy
    return re.sub(r"(form-action[^;]*)", lambda match: " ".join([match.group(1).rstrip(), *origins]), policy, count=1)


def style_nonce() -> str:
    return secrets.token_urlsafe(16)


def allow_inline_style(response, nonce: str) -> None:
    """Gives this response its own policy admitting the `<style nonce=…>` block of that nonce: for a page that
    must show offline from a service worker's cache, with no stylesheet to fetch."""
    policy = content_security_policy()
    source = f"'nonce-{nonce}'"
    if "style-src" in policy:
        policy = re.sub(r"(style-src[^;]*)", lambda match: f"{match.group(1).rstrip()} {source}", policy, count=1)
    else:
        policy = f"{policy}; style-src 'self' {source}"
    response["Content-Security-Policy"] = policy


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
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path)
        if settings.REQUEST_BODY_ANONYMOUS < length <= limit and self._anonymous_page(request):
            # the CSRF check would parse the whole form before any view could refuse it
            limit = settings.REQUEST_BODY_ANONYMOUS
        if length > limit:
            return self._too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def _anonymous_page(request) -> bool:
        """A page (the API authenticates by token before reading a body) posted without a signed-in session."""
        return not request.path.startswith("/api/") and SESSION_KEY not in request.session

    @staticmethod
    def _too_large(request, limit: int) -> HttpResponse:
        message = _("The request body is larger than the %(size)s accepted here.") % {"size": _size(limit)}
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": [{"loc": ["body"], "msg": message, "type": "too_large", "limit_bytes": limit}]}, status=413
            )
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
