"""``/healthz``: may this node take requests? For the balancer and monitoring."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"error: {error}"
    return "ok"


def _cache() -> str:
    key = "healthz:probe"
    try:
        cache.set(key, time.time(), timeout=10)
        return "ok" if cache.get(key) is not None else "error: value not kept"
    except Exception as error:  # a cache server down raises its client's own errors
        return f"error: {error}"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 otherwise; with the failed jobs' count."""
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(value == "ok" for value in checks.values())
    body: dict[str, object] = {"status": "ok" if healthy else "unavailable", **checks}
    if checks["database"] == "ok":
        body["failed_jobs"] = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    return JsonResponse(body, status=200 if healthy else 503)


class HealthCheckMiddleware:
    """Answers ``/healthz`` before anything looks at the request's host or scheme: a balancer
    asks each node by its own address over plain HTTP (no ALLOWED_HOSTS name, no redirect)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
