"""Where a `next` parameter may send the browser: only to a path on this site (no open redirect)."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_url(request, target: str | None, fallback: str) -> str:
    """`target` when it stays on this host (and scheme, over HTTPS); `fallback` otherwise."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
