"""Bad input a view lets escape becomes a page with a message, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marketplace.shared.dates import DateInputError


class BadInputMiddleware:
    """A :class:`DateInputError` (a ``?kk=`` month or a date in the URL that Polku
    cannot show) is answered with status 400 and its message in the user's language;
    nothing was changed, because parsing comes before any service call."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, DateInputError):
            return render(
                request, "400.html", {"message": exception.message}, status=400
            )
        return None
