"""The address of the client behind the request, trusting X-Forwarded-For only from our own proxies.

Anyone can send an X-Forwarded-For header. Only when the connection comes from a proxy the operator
named in TRUSTED_PROXIES is the header read, from the right (the hop nearest us) leftwards, skipping
further trusted proxies; the first address that is not one of ours is the client. The middleware puts
that address in REMOTE_ADDR, so the audit log, the log-in lockout and every rate limit see the same one.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(remote_addr: str | None, forwarded_for: str | None, proxies=None) -> str | None:
    """The client's address, given the connection's peer and the X-Forwarded-For header it sent."""
    networks = _networks(tuple(settings.TRUSTED_PROXIES if proxies is None else proxies))
    if not forwarded_for or not _trusted(_address(remote_addr or ""), networks):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote_addr  # a garbled chain: the proxy we trust is the last address we can vouch for
        if not _trusted(address, networks):
            return str(address)
    return str(_address(hops[0]))


class TrustedProxyMiddleware:
    """Rewrites REMOTE_ADDR to the client's address; runs first so every later part reads the same one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        meta["REMOTE_ADDR"] = client_ip(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"))
        return self.get_response(request)


def of_request(request) -> str | None:
    """For libraries that ask for the client's address (django-axes): what the middleware resolved."""
    return request.META.get("REMOTE_ADDR")
