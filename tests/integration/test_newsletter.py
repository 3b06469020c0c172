"""Each digest's email in a real build of the sample site: next to the digest's page, its links
absolute and resolving in the built site, its text part complete, drafts nowhere, the digest
feed carrying the same content; and `briefings email DATE`. Added names are fictional."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from mkdocs_briefings.cli import cli

from ..conftest import ROOT, build_site

SITE_URL = "https://mkdocs-briefings.github.io/mkdocs-briefings/"
DRAFT_TITLE = "Unpublished ferry timetable example"
SCHEDULED_TITLE = "Scheduled lighthouse example"
DRAFT_DIGEST = "2025-11-25"


def add_drafts(root: Path) -> None:
    """A draft briefing and a scheduled one in the 2025-11-18 digest, and a draft digest."""
    source = (root / "briefings" / "2025-11-18-orlavia-snow-theatre-festival.yml").read_text(
        encoding="utf-8"
    )
    draft = (
        source.replace(
            "title: Orlavia Opens «Снежный театр» Festival With Record Ticket Sales",
            f"title: {DRAFT_TITLE}",
        )
        + "draft: true\n"
    )
    scheduled = source.replace(
        "title: Orlavia Opens «Снежный театр» Festival With Record Ticket Sales",
        f"title: {SCHEDULED_TITLE}",
    ).replace("published: 2025-11-18", "published: 2090-01-01")
    (root / "briefings" / "draft-example.yml").write_text(draft, encoding="utf-8")
    (root / "briefings" / "scheduled-example.yml").write_text(scheduled, encoding="utf-8")
    digest = root / "briefings" / "digests" / "2025-11-18.yml"
    digest.write_text(
        digest.read_text(encoding="utf-8")
        + "  - unpublished-ferry-timetable-example\n  - scheduled-lighthouse-example\n",
        encoding="utf-8",
    )
    (root / "briefings" / "digests" / f"{DRAFT_DIGEST}.yml").write_text(
        f"title: A draft digest example\ndate: {DRAFT_DIGEST}\ndraft: true\n"
        "briefings: [orlavia-opens-snezhnyi-teatr-festival-with-record-ticket-sales]\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("newsletter")
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, root / name)
    (root / "mkdocs.yml").write_text(
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - briefings:\n", "  - briefings:\n      build_drafts: true\n", 1),
        encoding="utf-8",
    )
    add_drafts(root)
    return root, build_site(root)


def digests_of(root: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in sorted((root / "briefings" / "digests").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not data.get("draft"):
            found[str(data["date"])] = data
    return found


def source_urls(root: Path) -> set[str]:
    urls = set()
    for path in (root / "briefings").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            urls |= {s["url"] for s in data.get("sources", {}).values() if s.get("url")}
    return urls


def in_site(site: Path, url: str) -> Path:
    """The file of the built site that an absolute address of the site serves."""
    rest = url.removeprefix(SITE_URL).partition("#")[0]
    return site / (rest + "index.html" if rest.endswith("/") or not rest else rest)


def test_every_published_digest_has_its_email_next_to_its_page(built: tuple[Path, Path]) -> None:
    root, site = built
    dates = digests_of(root)
    assert sorted(dates) == ["2025-11-11", "2025-11-18"]
    for day in dates:
        folder = site / "digests" / day
        assert (folder / "index.html").is_file()
        assert (folder / "email.html").is_file()
        assert (folder / "email.txt").is_file()
    # The draft digest has a page (build_drafts) but never an email.
    assert (site / "digests" / DRAFT_DIGEST / "index.html").is_file()
    assert not (site / "digests" / DRAFT_DIGEST / "email.html").exists()
    assert not list((root / "briefings").rglob("email.*"))  # nothing written into briefings/


def test_every_link_in_the_email_is_absolute_and_resolves(built: tuple[Path, Path]) -> None:
    root, site = built
    outlets = source_urls(root)
    for day in digests_of(root):
        page = BeautifulSoup(
            (site / "digests" / day / "email.html").read_text("utf-8"), "html.parser"
        )
        hrefs = [a["href"] for a in page.find_all("a")]
        assert hrefs
        for href in hrefs:
            if href == "{{ unsubscribe_url }}":
                continue
            assert urlsplit(href).scheme == "https", href
            if href.startswith(SITE_URL):
                assert in_site(site, href).is_file(), href
            else:
                assert href in outlets, href  # an outlet's article
        assert page.find("img") is None
        assert page.find("script") is None
        assert "Example Street" in page.get_text()


def test_the_text_part_has_every_headline_and_credit(built: tuple[Path, Path]) -> None:
    root, site = built
    for day in digests_of(root):
        html = BeautifulSoup(
            (site / "digests" / day / "email.html").read_text("utf-8"), "html.parser"
        )
        text = (site / "digests" / day / "email.txt").read_text("utf-8")
        flat = " ".join(text.split())
        headlines = [h.get_text() for h in html.find_all(class_="em-headline")]
        assert headlines
        for headline in headlines:
            assert headline in flat, headline
        for credit in html.find_all("p", class_="em-credit"):
            assert credit.get_text() in flat
            for a in credit.find_all("a"):
                assert a["href"] in text.splitlines()
        for a in html.find_all(class_="em-headline"):
            assert a.a["href"] in text.splitlines()
        assert max(len(line) for line in text.splitlines() if not line.startswith("https://")) <= 78


def test_drafts_and_scheduled_briefings_never_appear(built: tuple[Path, Path]) -> None:
    _, site = built
    assert (site / "briefings" / "unpublished-ferry-timetable-example" / "index.html").is_file()
    for path in site.rglob("email.*"):
        text = path.read_text("utf-8")
        assert DRAFT_TITLE not in text, path
        assert SCHEDULED_TITLE not in text, path
        assert "A draft digest example" not in text, path


def test_the_digest_feed_carries_each_emails_content(built: tuple[Path, Path]) -> None:
    root, site = built
    parsed = feedparser.parse((site / "digests.rss.xml").read_bytes())
    assert not parsed.bozo
    by_link = {e.link: e for e in parsed.entries}
    for day in digests_of(root):
        email = BeautifulSoup(
            (site / "digests" / day / "email.html").read_text("utf-8"), "html.parser"
        )
        entry = by_link[f"{SITE_URL}digests/{day}/"]
        content = BeautifulSoup(entry.content[0].value, "html.parser")
        assert [h.get_text() for h in content.find_all(class_="em-headline")] == [
            h.get_text() for h in email.find_all(class_="em-headline")
        ]
        assert [li.get_text() for li in content.find_all("li")] == [
            li.get_text() for li in email.find_all("li")
        ]
        assert "According to" in content.get_text()
        assert DRAFT_TITLE not in content.get_text()
    items = json.loads((site / "digests.json").read_text("utf-8"))["items"]
    assert all("style=" in item["content_html"] for item in items)  # CSS inlined, email-ready


def test_the_email_command_writes_prints_and_refuses(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, site = built
    monkeypatch.chdir(root)
    runner = CliRunner()
    out = tmp_path / "mail" / "digest.html"
    done = runner.invoke(cli, ["email", "2025-11-18", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text("utf-8") == (site / "digests" / "2025-11-18" / "email.html").read_text(
        "utf-8"
    )
    assert out.with_suffix(".txt").read_text("utf-8") == (
        site / "digests" / "2025-11-18" / "email.txt"
    ).read_text("utf-8")
    again = runner.invoke(cli, ["email", "2025-11-18", "--out", str(out)])
    assert again.exit_code == 1
    assert "exists; add --force" in again.output
    forced = runner.invoke(cli, ["email", "2025-11-18", "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    text = runner.invoke(cli, ["email", "2025-11-11", "--text"])
    assert text.exit_code == 0
    assert text.output == (site / "digests" / "2025-11-11" / "email.txt").read_text("utf-8")
    summary = runner.invoke(cli, ["email", "2025-11-11"])
    assert "2025-11-11: The week to Tuesday, November 11" in summary.output
    unknown = runner.invoke(cli, ["email", "2025-11-16"])
    assert unknown.exit_code == 2
    assert unknown.output.strip().splitlines()[-1] == (
        "briefings email: no published digest of 2025-11-16; the nearest: 2025-11-11, 2025-11-18"
    )
    draft = runner.invoke(cli, ["email", DRAFT_DIGEST])
    assert draft.exit_code == 2
    assert "no published digest" in draft.output
    assert "Traceback" not in draft.output


def test_emails_can_go_to_a_folder_outside_the_site(project: Path) -> None:
    harbour = (Path(__file__).parents[1] / "data" / "briefings" / "harbour-strike.yml").read_text(
        encoding="utf-8"
    )
    (project / "briefings" / "harbour.yml").write_text(harbour, encoding="utf-8")
    (project / "briefings" / "digests").mkdir()
    (project / "briefings" / "digests" / "2025-11-05.yml").write_text(
        "title: Wednesday\ndate: 2025-11-05\nbriefings: [harbour-strike-ends-after-nine-days]\n",
        encoding="utf-8",
    )
    yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        yml.replace("  - briefings\n", "  - briefings:\n      newsletter_dir: newsletter\n"),
        encoding="utf-8",
    )
    site = build_site(project)
    assert (project / "newsletter" / "2025-11-05" / "email.html").is_file()
    assert (project / "newsletter" / "2025-11-05" / "email.txt").is_file()
    assert not list(site.rglob("email.*"))


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("newsletter_dir: briefings/mail", "'newsletter_dir' (briefings/mail) is inside"),
        # Inside the site, the emails would be published, which newsletter_dir is there to avoid.
        ("newsletter_dir: site/mail", "'newsletter_dir' (site/mail) is inside site_dir"),
        ("newsletter_unsubscribe_url: 'javascript:alert(1)'", "'newsletter_unsubscribe_url'"),
    ],
)
def test_newsletter_options_that_cannot_work_are_refused(
    project: Path, option: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        yml.replace("  - briefings\n", f"  - briefings:\n      {option}\n"), encoding="utf-8"
    )
    with pytest.raises(Abort):
        build_site(project)
    assert message in caplog.text


def test_no_emails_when_turned_off(project: Path) -> None:
    yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "briefings" / "digests").mkdir()
    (project / "mkdocs.yml").write_text(
        yml.replace("  - briefings\n", "  - briefings:\n      newsletter_emails: false\n"),
        encoding="utf-8",
    )
    assert not list(build_site(project).rglob("email.*"))


def test_the_email_command_needs_a_site_url(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        yml.replace("site_url: https://news.example.org/\n", ""), encoding="utf-8"
    )
    monkeypatch.chdir(project)
    done = CliRunner().invoke(cli, ["email", "2025-11-05"])
    assert done.exit_code == 2
    assert "set site_url in mkdocs.yml" in done.output
    assert "Traceback" not in done.output
    bad = CliRunner().invoke(cli, ["email", "2025-13-05"])
    assert bad.exit_code == 2
    assert "is not a date; write it as YYYY-MM-DD" in bad.output
