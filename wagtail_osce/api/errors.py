"""One JSON error shape for every failure, and the handlers that produce it.

Clients get ``{"error": {"code", "message", "parameter"}}`` with a 4xx status
for anything they can fix (naming the parameter at fault), a 404 for objects
that do not exist or are not public, and a logged JSON 500 only when the API
itself fails. A request Django itself refuses (too many query parameters, a
body too large, a Host not in ``ALLOWED_HOSTS``) is a 400 in the same shape.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    """What went wrong, in a form a client can branch on (``code``) and show (``message``)."""

    code: str = Field(description="Machine-readable error code, such as `invalid_parameter`.")
    message: str = Field(description="Human-readable explanation.")
    parameter: str | None = Field(
        default=None, description="The query or path parameter at fault, if any."
    )


class ErrorOut(BaseModel):
    """The body of every 4xx and 5xx response."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int, type[ErrorOut]] = {400: ErrorOut, 404: ErrorOut, 500: ErrorOut}
"""Response declarations merged into every operation, so the OpenAPI document lists them."""


class ApiError(Exception):
    """An error the API reports to the client as JSON with the given status."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter

    def as_body(self) -> dict[str, Any]:
        detail = ErrorDetail(code=self.code, message=self.message, parameter=self.parameter)
        return ErrorOut(error=detail).model_dump(mode="json")


def bad_parameter(parameter: str, message: str, code: str = "invalid_parameter") -> ApiError:
    """A 400 that names the query parameter the client should fix."""
    return ApiError(400, code, message, parameter=parameter)


def not_found(message: str = "Not found.") -> ApiError:
    """A 404 for an object that does not exist, or is not live and public."""
    return ApiError(404, "not_found", message)


#: Error types of the parameter checks (``api/params.py``) that are also API error codes.
PARAMETER_ERROR_CODES = {"unknown_locale"}


def _parameter_from_loc(loc: Any) -> str | None:
    """``("query", "page_size")`` -> ``"page_size"``; ninja prefixes the parameter source."""
    parts = [str(part) for part in (loc or ())]
    if parts and parts[0] in ("query", "path", "header"):
        parts = parts[1:]
    return parts[0] if parts else None


def validation_error_to_api_error(exc: NinjaValidationError) -> ApiError:
    """Turn ninja's 422 into the API's 400, naming the first parameter that failed."""
    first = exc.errors[0] if exc.errors else {}
    loc = list(first.get("loc") or ())
    parameter = _parameter_from_loc(loc)
    message = first.get("msg") or "Invalid value."
    if parameter is None:
        return ApiError(400, "invalid_request", message)
    if first.get("repeated"):
        return bad_parameter(
            parameter, f"{parameter} takes one value; it was given {first['repeated']} times."
        )
    code = first.get("type") if first.get("type") in PARAMETER_ERROR_CODES else "invalid_parameter"
    return bad_parameter(parameter, f"{parameter}: {message}", code=code)


def count_repeated_values(error_contexts: list[Any]) -> list[int | None]:
    """For each pydantic error of a ninja validation, how often a single-value parameter came.

    ``QueryParser`` hands a repeated single-value parameter over as a list, which
    fails validation as a whole (``loc`` is the bare name); ninja then drops the
    input, so the count is read here, before it does.
    """
    counts: list[int | None] = []
    for context in error_contexts:
        for item in context.pydantic_validation_error.errors(include_url=False):
            value = item.get("input")
            whole = len(item.get("loc") or ()) == 1 and item.get("type") != "too_long"
            counts.append(len(value) if whole and isinstance(value, list) else None)
    return counts


def refused_request_error(exc: SuspiciousOperation) -> ApiError:
    """The 400 for a request Django refuses to read, worded for a client."""
    if isinstance(exc, TooManyFieldsSent):
        return ApiError(400, "too_many_parameters", "The query string has too many parameters.")
    if isinstance(exc, RequestDataTooBig):
        return ApiError(400, "request_too_large", "The request body is too large.")
    if isinstance(exc, DisallowedHost):
        return ApiError(400, "disallowed_host", "The Host header names no site this server serves.")
    return ApiError(400, "bad_request", "The request could not be read.")


def error_response(error: ApiError) -> JsonResponse:
    """A JSON error outside ninja (URL fallbacks, middleware), marked not to be cached."""
    response = JsonResponse(error.as_body(), status=error.status)
    patch_cache_control(response, no_cache=True)
    return response


def register_exception_handlers(api: NinjaAPI) -> None:
    """Install the handlers on ``api``; the catch-all one logs and hides internals."""

    def respond(request: HttpRequest, error: ApiError) -> HttpResponse:
        return api.create_response(request, error.as_body(), status=error.status)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, validation_error_to_api_error(exc))

    @api.exception_handler(SuspiciousOperation)
    def refused_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        logging.getLogger(f"django.security.{type(exc).__name__}").warning(
            "%s at %s", exc, request.path
        )
        return respond(request, refused_request_error(exc))

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, not_found(str(exc) or "Not found."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        code = "not_found" if status == 404 else "http_error"
        return respond(request, ApiError(status, code, str(exc)))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in the OSCE API at %s", request.path)
        return respond(request, ApiError(500, "server_error", "Internal server error."))
