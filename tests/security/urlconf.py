"""Every route of the URL conf, read from Django's resolver, so that the security
tests cover views added later without anyone listing them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)

#: URL confs included from packages we do not write; their views are checked by
#: the CSRF test, and their permissions by Wagtail (see tests/security/objects.py).
THIRD_PARTY = ("wagtail.",)


@dataclass(frozen=True)
class Route:
    route: str  # the whole pattern, e.g. "oma/asiakkaat/<uuid:pk>/"
    name: str | None  # the view name with its namespace
    callback: Callable[..., Any]
    params: tuple[str, ...]  # the names of the URL's arguments
    converters: dict[str, Any]
    origin: str  # the module of the URL conf the pattern is in

    @property
    def ours(self) -> bool:
        return not _third(self.origin)

    def url(self, **kwargs: Any) -> str:
        assert self.name, f"{self.route} has no name"
        return reverse(self.name, kwargs=kwargs)

    def sample_url(self) -> str:
        """The URL with placeholder arguments of the right shape (no such object)."""
        samples = {
            IntConverter: 987654,
            UUIDConverter: uuid.UUID(int=987654),
            SlugConverter: "x",
            StringConverter: "x",
            PathConverter: "x",
        }
        return self.url(**{k: samples[type(c)] for k, c in self.converters.items()})


def _third(origin: str) -> bool:
    return origin.startswith(THIRD_PARTY)


def _module(urlconf: Any) -> str:
    return getattr(urlconf, "__name__", str(urlconf))


def routes() -> list[Route]:
    """All patterns, depth first, in the resolver's order."""
    found: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str, origin: str) -> None:
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}{entry.namespace}:"
                inner = _module(entry.urlconf_module)
                walk(
                    entry,
                    prefix + str(pattern),
                    ns,
                    origin if _third(origin) else inner,
                )
            elif isinstance(entry, URLPattern):
                converters = dict(getattr(pattern, "converters", {}))
                params = tuple(converters) or tuple(pattern.regex.groupindex)
                found.append(
                    Route(
                        route=prefix + str(pattern),
                        name=f"{namespace}{entry.name}" if entry.name else None,
                        callback=entry.callback,
                        params=params,
                        converters=converters,
                        origin=origin,
                    )
                )

    root = get_resolver()
    walk(root, "", "", _module(root.urlconf_module))
    return found


def our_routes() -> list[Route]:
    return [r for r in routes() if r.ours]


def object_routes() -> list[Route]:
    """Our routes whose URL names an object (it has arguments)."""
    return [r for r in our_routes() if r.params]
