"""Plain HTTP endpoints: a health check, and JSON answers for every error page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    """``GET /healthz`` → ``{"status": "ok"}``, for Docker and the GUI's launcher."""
    if request.method not in ("GET", "HEAD"):
        return JsonResponse({"status": "method_not_allowed"}, status=405)
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Every unknown path: a short JSON 404, never a debug page."""
    return JsonResponse({"status": "not_found", "path": request.path}, status=404)


def server_error(request: HttpRequest) -> JsonResponse:
    """An unexpected failure: a short JSON 500, the details stay in the log."""
    return JsonResponse({"status": "error"}, status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse({"status": "bad_request"}, status=400)


class DatabaseReadyMiddleware:
    """Hold requests that need the database (``database.needs_wait``) until the first
    start has migrated it (``embedded_server.database``)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        from embedded_server import database

        if not database.needs_wait(request.path, request.COOKIES) or database.wait_ready_sync():
            return self.get_response(request)
        return JsonResponse({"status": "database_unavailable"}, status=503)
