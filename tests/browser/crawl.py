"""Visit every page a user can reach by following links, once per kind of page.

Used by tests/browser/test_phone_width.py (every role at 390 px, axe on each kind of
page). A kind of page is its URL pattern (``oma/asiakkaat/<uuid:pk>/``) or, for
Wagtail pages, its first path segment and depth, so a caseload of 25 clients costs
one visit to a client page, not 25.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

#: Not pages to look at: the admin, logging in or out, downloads and files.
SKIP = (
    "/admin/",
    "/kirjaudu",
    "/documents/",
    "/static/",
    "/media/",
    "/favicon.ico",
)
DOWNLOADS = (".csv", ".xlsx", ".pdf", ".ics", ".json")
LINKS = "header a[href], nav a[href], main a[href], footer a[href]"


def page_kind(path: str) -> str:
    """The URL pattern the path resolves to (one visit per pattern)."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    if match.url_name == "wagtail_serve":
        parts = [p for p in path.split("/") if p]
        return f"wagtail:{parts[0] if parts else ''}:{len(parts)}"
    # a word in the URL names another page (a placement's "visit", "agree" …); ids
    # and numbers name another object on the same page
    words = sorted(
        f"{k}={v}"
        for k, v in match.kwargs.items()
        if isinstance(v, str) and not v.isdigit()
    )
    return " ".join([match.route or path, *words])


@dataclass
class Visit:
    path: str
    status: int
    width: int
    viewport: int
    problems: list[str] = field(default_factory=list)


def crawl(
    page: Any,
    start: str,
    check: Callable[[Any, str], list[str]] | None = None,
    limit: int = 80,
) -> list[Visit]:
    """Breadth first from ``start`` (a path), one visit per kind of page; ``check``
    (page, path) returns what is wrong with a page (e.g. axe's violations)."""
    kinds: set[str] = set()
    queue = [start]
    visits: list[Visit] = []
    while queue and len(visits) < limit:
        path = queue.pop(0)
        bare = urlsplit(path).path
        if bare.startswith(SKIP) or bare.endswith(DOWNLOADS):
            continue
        kind = page_kind(bare)
        if kind in kinds:
            continue
        kinds.add(kind)
        response = page.goto(path)
        status = response.status if response else 0
        content_type = (response.headers.get("content-type") or "") if response else ""
        if "text/html" not in content_type:
            continue
        width, viewport = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        visit = Visit(path, status, width, viewport)
        if check is not None and status == 200:
            visit.problems = check(page, path)
        visits.append(visit)
        base = page.url
        for href in page.eval_on_selector_all(
            LINKS, "els => els.map(e => e.getAttribute('href'))"
        ):
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            url = urlsplit(urljoin(base, href))
            if url.netloc and url.netloc != urlsplit(base).netloc:
                continue
            queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return visits
