"""The address a request came from, as the login throttling counts it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; or, behind ``IMPULSREGION_PROXY_COUNT`` proxies that each append the address
    they were called from to X-Forwarded-For (nginx, a balancer), the entry the outermost of
    them appended. Entries further left were sent by the client itself and prove nothing."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    hops = int(getattr(settings, "IMPULSREGION_PROXY_COUNT", 0))
    if hops <= 0:
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if len(entries) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-hops]))
    except ValueError:
        return remote
