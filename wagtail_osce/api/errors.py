"""One JSON error shape for every failure, and the handlers that produce it.

Clients get ``{"error": {"code", "message", "parameter"}}`` with a 4xx status
for anything they can fix (naming the parameter at fault), a 404 for objects
that do not exist or are not public, and a logged JSON 500 only when the API
itself fails.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
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


def _parameter_from_loc(loc: Any) -> str | None:
    """``("query", "page_size")`` -> ``"page_size"``; ninja prefixes the parameter source."""
    parts = [str(part) for part in (loc or ()) if part not in ("query", "path", "header")]
    return parts[0] if parts else None


def validation_error_to_api_error(exc: NinjaValidationError) -> ApiError:
    """Turn ninja's 422 into the API's 400, naming the first parameter that failed."""
    first = exc.errors[0] if exc.errors else {}
    parameter = _parameter_from_loc(first.get("loc"))
    message = first.get("msg") or "Invalid value."
    if parameter is None:
        return ApiError(400, "invalid_request", message)
    return bad_parameter(parameter, f"{parameter}: {message}")


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
