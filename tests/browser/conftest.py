"""Browser tests: Playwright's sync API drives Debian's Chromium against live_server.

One browser per test session, a fresh context (cookies, language) and page per test.
The tests need /usr/bin/chromium and node_modules/axe-core/axe.min.js: without them
they are skipped, unless POLKU_REQUIRE_BROWSER=1 (set by CI), when they fail.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread; Django would
# otherwise refuse ORM calls from it (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/polku-shots")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _missing(reason: str) -> None:
    """Skip for a developer without the browser; fail in CI, which must have it."""
    if os.environ.get("POLKU_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (POLKU_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last.

    They run on transactional_db, whose teardown flushes every table, including
    Wagtail's root page and default locale that migrations create; other
    transactional tests (tests/sites/test_seat_race.py) rely on those rows.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found: install Debian's chromium package")
    if not AXE.exists():
        _missing(f"{AXE} not found: run `npm install` (axe-core)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is not installed")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as exc:  # noqa: BLE001 - reported as skip or failure
        playwright.stop()
        _missing(f"Chromium did not start: {exc}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def wagtail_baseline(transactional_db: None) -> None:
    """Recreate what Wagtail's data migrations made and an earlier flush removed."""
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    cache.clear()  # Wagtail caches site root paths across requests


@pytest.fixture
def polku(wagtail_baseline: None, live_server: Any, polku: Any) -> Any:
    """Polku's set-up (groups, page tree, workflow) in a database the server sees."""
    return polku


#: The maps' tile host in the test settings (config/settings/test.py): it does not
#: exist, and every browser context answers it with :data:`TILE` itself.
TILE_HOST = "tiles.polku.test"


def _png() -> bytes:
    """A 1×1 light grey PNG: what the stub answers for every map tile."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xe8\xe8\xe8")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


TILE = _png()


def stub_tiles(context: Any) -> None:
    """Answer the map tiles in the browser: no test asks the network for them."""
    context.route(
        f"https://{TILE_HOST}/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A new page in a Finnish-speaking browser context, addressed to live_server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="fi-FI",
        viewport={"width": 1280, "height": 900},
    )
    stub_tiles(context)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _screenshot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def shot() -> Any:
    """``shot(page, name)`` saves a full-page screenshot to /tmp/polku-shots/."""
    return _screenshot


AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                              summary: n.failureSummary})),
  }));
}"""


def _axe_violations(page: Any) -> list[dict[str, Any]]:
    # evaluated through the DevTools protocol: the pages' Content Security Policy
    # rightly refuses an inline <script> tag (add_script_tag)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN, WCAG_TAGS)


@pytest.fixture
def axe() -> Any:
    """``axe(page)``: axe-core's WCAG 2.0/2.1 A and AA violations on the page now."""
    return _axe_violations


@pytest.fixture
def world(polku: Any) -> dict[str, Any]:
    """Three published sites in two towns and a draft, as in the catalogue tests."""
    from tests.factories.accounts import (
        MunicipalityFactory,
        OrganisationFactory,
        RegionFactory,
    )
    from tests.factories.sites import make_site

    north = RegionFactory(slug="north", name_fi="Pohjoinen")
    south = RegionFactory(slug="south", name_fi="Etelä")
    oulu = MunicipalityFactory(
        code="564", name="Oulu", region=north, lat=65.01, lon=25.47
    )
    lahti = MunicipalityFactory(
        code="398", name="Lahti", region=south, lat=60.98, lon=25.66
    )
    ngo = OrganisationFactory(name="Kierrätys ry", region=south)
    return {
        "ngo": ngo,
        "hoyla": make_site(
            title="Puupaja Höylä",
            organisation=ngo,
            municipality=lahti,
            tags=("woodwork",),
            seats=(10, 3),
            voucher_price_cents=4500,
            accessibility=("step_free", "quiet_space"),
            learning_units=("Puusepän työt",),
            address="Teollisuuskatu 5",
            postal_code="15100",
            contact_name="Paula Pajamestari",
            contact_phone="040 123 4567",
            contact_email="paja@kierratys.example",
        ),
        "kulma": make_site(
            title="Kahvila Kulma",
            organisation=ngo,
            municipality=lahti,
            tags=("cafe", "kitchen"),
            seats=(6, 0),
            description="Asiakaspalvelua ja leivontaa kahvilassa.",
        ),
        "bitti": make_site(
            title="Etätyöpaja Bitti",
            municipality=oulu,
            services=("disability",),
            tags=("digital_media",),
            forms=("remote",),
            seats=(8, 8),
            languages=("fi", "sv"),
        ),
        "draft": make_site(
            title="Luonnos (ei julkaistu)", municipality=oulu, live=False
        ),
    }
