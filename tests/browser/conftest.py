"""Browser fixtures: one real build of this repository's site, served on 127.0.0.1, and Chromium.

Everything here is session-scoped so the build and the browser launch are paid once.
The browser is Debian's /usr/bin/chromium driven by Playwright (Playwright's own browsers are
not downloaded). Without it the browser tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit, urlunsplit

import pytest

from ..conftest import ROOT, build_site
from ..pages_server import LOCAL_HOST, serve

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
SITE_PREFIX = "/mkdocs-briefings/"

# The reader's two screens: a phone (an iPhone 12-15's CSS viewport) and a laptop.
SIZES: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SEED_SLUG = "kushner-and-netanyahu-discuss-second-phase-of-gaza-truce-amid-ongoing-tensions"
IMAGE_SLUG = "port-anselms-temporary-flood-barriers-hold-as-storm-irela-brings-record-surge"
# One page of each kind a reader meets on this repository's site: paths under the site's URL.
# The seed briefing has no image (its YAML gives a credit but no src); Port Anselm's has one.
PAGE_KINDS = {
    "home": "",
    "briefing-with-image": f"briefings/{IMAGE_SLUG}/",
    "briefing-without-image": f"briefings/{SEED_SLUG}/",
    "digest": "digests/2025-11-18/",
    "daily": "daily/2025-11-14/",
    "category-listing": "categories/politics/",
    "tag-listing": "tags/veloria/",
    "outlet-listing": "sources/reuters/",
    "story": "stories/port-anselm-sea-wall/",
    "archive": "archive/",
    "month": "archive/2025-11/",
    "digests-index": "digests/",
    "categories-index": "categories/",
    "tags-index": "tags/",
    "outlets-index": "sources/",
    "stories-index": "stories/",
    "person": "people/mira-talvessen/",
    "people-index": "people/",
    "about": "about/",
    "corrections": "corrections/",
    "standards": "standards/",
    "not-found": "no-such-page/",  # answered with the site's 404.html, as GitHub Pages does
}


@contextlib.contextmanager
def build_and_serve(project: Path, prefix: str, *, strict: bool = True) -> Iterator[str]:
    """Build ``project`` for the path ``prefix`` and serve it there, as a real deployment is.

    The path of mkdocs.yml's site_url is set to ``prefix`` first: MkDocs makes the 404 page's
    links, stylesheets and scripts absolute from that path (the 404 page answers at any depth),
    so a site served anywhere else gets an unstyled 404 page whose links leave the site.
    Yields the served base URL.
    """
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    match = re.search(r"^site_url:\s*(\S+)\s*$", text, re.MULTILINE)
    if match is None:
        raise ValueError(f"{config} has no site_url to serve it at {prefix}")
    url = urlunsplit(urlsplit(match[1])._replace(path=prefix))
    config.write_text(text[: match.start(1)] + url + text[match.end(1) :], "utf-8")
    with serve(build_site(project, strict=strict), prefix) as served:
        yield served


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it when running in CI (CI=true), where a skip would hide a gap."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site (mkdocs.yml, docs/, briefings/), copied and built once."""
    project = tmp_path_factory.mktemp("browser-site")
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return build_site(project)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served as GitHub Pages would: under mkdocs.yml's sub-path.

    mkdocs.yml's site_url is https://mkdocs-briefings.github.io/mkdocs-briefings/, so the site
    is served at http://127.0.0.1:<port>/mkdocs-briefings/ and everything outside that path is
    a 404: a link or asset that escapes to the domain root breaks a test.
    """
    with serve(built_site, SITE_PREFIX) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def blocked_requests() -> list[str]:
    """URLs of the requests the page tried to make off 127.0.0.1 (all aborted)."""
    return []


def local_context(
    browser: Browser,
    blocked: list[str],
    size: str = "desktop",
    scheme: Literal["light", "dark"] = "light",
) -> BrowserContext:
    """A new context at one of ``SIZES`` preferring ``scheme`` that may only reach 127.0.0.1:
    every other request is aborted and its URL appended to ``blocked``."""
    context = browser.new_context(**SIZES[size], color_scheme=scheme, locale="en-US")

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_local)
    return context


@pytest.fixture
def context(browser: Browser, blocked_requests: list[str]) -> Iterator[BrowserContext]:
    """A fresh desktop browser context that may only reach 127.0.0.1: the rest is aborted."""
    context = local_context(browser, blocked_requests)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page whose uncaught JavaScript errors make the test fail at teardown."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/ at the repository root (git-ignored), for screenshots humans can look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
