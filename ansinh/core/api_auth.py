"""Authentication for the REST API: bearer tokens for machine clients, the session for pages.

`roles(...)` gives the `auth=` list for an endpoint; an authenticated caller without the role gets 403.
"""

from __future__ import annotations

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from ansinh.core import audit


def _allow(user, allowed):
    if allowed and not user.has_role(*allowed):
        raise AuthorizationError(message="Your role may not use this endpoint.")
    return user


class BearerToken(HttpBearer):
    def __init__(self, allowed=()):
        super().__init__()
        self.allowed = tuple(allowed)

    def authenticate(self, request, token):
        from ansinh.core.models import ApiToken

        user = ApiToken.user_for(token)
        if user is None:
            return None
        request.user = user
        actor = audit.actor_from_request(request)
        audit._current.set(actor)  # reset by RequestContextMiddleware at the end of the request
        return _allow(user, self.allowed)


class SessionRole(SessionAuth):
    def __init__(self, allowed=()):
        super().__init__()
        self.allowed = tuple(allowed)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return _allow(user, self.allowed) if user is not None else None


def roles(*allowed):
    """Token or session auth restricted to the given roles (none given: any authenticated user)."""
    return [BearerToken(allowed), SessionRole(allowed)]


# The REST API registers itself here when it is built (ansinh/api.py sits above every app, so core never imports it);
# the URLconf imports it before any page is served.
_published: list = []


def publish(api) -> None:
    """Make the API's operations listable by `endpoints_for`."""
    if api not in _published:
        _published.append(api)


def endpoints_for(role: str) -> list[dict]:
    """The API operations whose `roles(...)` name this role: what a machine client's home lists."""
    found = []
    for api in _published:
        found += _operations_for(api, role)
    # a child router is listed by the API and again under its parent: one row per operation
    return sorted({(e["path"], e["methods"]): e for e in found}.values(), key=lambda e: (e["path"], e["methods"]))


def _operations_for(api, role: str) -> list[dict]:
    found = []
    for prefix, router in _all_routers(api._routers):
        for path, view in router.path_operations.items():
            for operation in view.operations:
                bearer = next((a for a in operation.auth_callbacks if isinstance(a, BearerToken)), None)
                if bearer is not None and role in bearer.allowed:
                    found.append({"methods": " ".join(operation.methods), "path": _joined("/api/v1", prefix, path)})
    return found


def _joined(*parts: str) -> str:
    return "/" + "/".join(part.strip("/") for part in parts if part.strip("/"))


def _all_routers(mounted, prefix: str = ""):
    for entry in mounted:
        path, router = entry[0], entry[1]
        yield _joined(prefix, path), router
        yield from _all_routers(router._routers, _joined(prefix, path))
