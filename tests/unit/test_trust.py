"""Trust (issue 16, item 4): the publisher's NewsMediaOrganization, each correction as a
CorrectionComment, and the site-wide Corrections page, from pure functions. Every name here
is fictional."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup

from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.plan import PlanOptions, list_corrections, plan_site, site_link
from mkdocs_briefings.render.html import ListedCorrection, render_corrections
from mkdocs_briefings.seo import (
    Publisher,
    check_publisher,
    json_ld_script,
    news_article,
    news_media_organization,
    site_address,
)

from .test_loader import VALID

SITE = "https://news.example.org/desk/"
CORRECTED = VALID + (
    "corrections:\n"
    "  - date: 2025-11-05\n"
    "    text: The strike lasted nine days, not ten.\n"
    "  - date: 2025-11-07\n"
    '    text: "The union is the Dockers\' Guild </script><!-- not the Harbour Union."\n'
)

FULL = Publisher(
    name="The Anselm Desk",
    logo="assets/images/logo.png",
    masthead="about.md#masthead",
    corrections_policy="corrections-policy.md",
    ethics_policy="https://anselm-desk.example/standards",
    contact="desk@anselm-desk.example",
    founding_date="2024-03-01",
    same_as=("https://social.example/@anselmdesk",),
)


# -- the publisher -------------------------------------------------------------------------------


def test_the_publisher_is_a_news_media_organization_with_absolute_addresses() -> None:
    assert news_media_organization(FULL, site_url=SITE) == {
        "@context": "https://schema.org",
        "@type": "NewsMediaOrganization",
        "@id": f"{SITE}#publisher",
        "name": "The Anselm Desk",
        "url": SITE,
        "logo": {"@type": "ImageObject", "url": f"{SITE}assets/images/logo.png"},
        "masthead": f"{SITE}about/#masthead",
        "correctionsPolicy": f"{SITE}corrections-policy/",
        "ethicsPolicy": "https://anselm-desk.example/standards",
        "foundingDate": "2024-03-01",
        "sameAs": ["https://social.example/@anselmdesk"],
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "newsroom",
            "email": "desk@anselm-desk.example",
        },
    }


def test_only_the_publisher_options_set_are_said() -> None:
    data = news_media_organization(Publisher("Desk"), site_url=SITE, context=False)
    assert data == {
        "@type": "NewsMediaOrganization",
        "@id": f"{SITE}#publisher",
        "name": "Desk",
        "url": SITE,
    }


@pytest.mark.parametrize(
    ("value", "directory_urls", "address"),
    [
        ("standards.md", True, f"{SITE}standards/"),
        ("standards.md", False, f"{SITE}standards.html"),
        ("policies/index.md#errors", True, f"{SITE}policies/#errors"),
        ("index.md", True, SITE),
        ("about/", True, f"{SITE}about/"),
        ("/about/", True, f"{SITE}about/"),
        ("assets/our logo.png", True, f"{SITE}assets/our%20logo.png"),
        ("https://elsewhere.example/x", True, "https://elsewhere.example/x"),
    ],
)
def test_addresses_join_the_site_url(value: str, directory_urls: bool, address: str) -> None:
    assert site_address(value, site_url=SITE, directory_urls=directory_urls) == address


def test_a_contact_page_or_mailto_address() -> None:
    page = news_media_organization(Publisher("D", contact="contact.md"), site_url=SITE)
    assert page["contactPoint"]["url"] == f"{SITE}contact/"
    mail = news_media_organization(Publisher("D", contact="mailto:d@x.example"), site_url=SITE)
    assert mail["contactPoint"]["email"] == "d@x.example"


def test_good_publisher_options_have_no_problems() -> None:
    assert check_publisher(FULL) == []
    assert check_publisher(Publisher("D", founding_date="2024", contact="mailto:d@x.example")) == []


@pytest.mark.parametrize(
    ("publisher", "message"),
    [
        (Publisher(" "), "publisher_name: give the newsroom's name"),
        (Publisher("D", logo="javascript:alert(1)"), "publisher_logo: 'javascript:alert(1)' is"),
        (Publisher("D", masthead="//evil.example/x"), "publisher_masthead: '//evil.example/x'"),
        (Publisher("D", ethics_policy="data:text/html,x"), "publisher_ethics_policy: 'data:"),
        (Publisher("D", corrections_policy="a b.md"), "publisher_corrections_policy: 'a b.md'"),
        (Publisher("D", contact="ftp://x.example"), "publisher_contact: 'ftp://x.example'"),
        (Publisher("D", contact="mailto:nobody"), "publisher_contact: 'mailto:nobody'"),
        (Publisher("D", contact="desk@localhost"), "'desk@localhost' is not an e-mail address"),
        (Publisher("D", founding_date="2024-02-30"), "publisher_founding_date: '2024-02-30'"),
        (Publisher("D", founding_date="spring"), "write YYYY-MM-DD (or YYYY)"),
        (Publisher("D", same_as=("x", "https://ok.example")), "publisher_same_as[0]: 'x' is not"),
        (Publisher("D", same_as=("javascript:alert(1)",)), "publisher_same_as[0]"),
        # '..' climbs out of docs/: the JSON-LD named a page above the site ('../README.md')
        (Publisher("D", masthead="../README.md"), "publisher_masthead: '../README.md' is"),
        (Publisher("D", logo="assets/../../logo.png"), "publisher_logo: 'assets/../../logo"),
        (Publisher("D", contact="../contact.md"), "publisher_contact: '../contact.md' is"),
    ],
)
def test_bad_publisher_options_are_named_with_a_fix(publisher: Publisher, message: str) -> None:
    problems = check_publisher(publisher)
    assert len(problems) == 1, problems
    assert message in problems[0]


# -- corrections in the JSON-LD ------------------------------------------------------------------


def article(text: str, publisher: dict[str, object] | None = None) -> dict[str, object]:
    b = read_briefing(text, path="b.yml")
    return news_article(
        b, url=f"{SITE}x/", site_name="D", site_url=SITE, image_url=None, publisher=publisher
    )


def test_each_correction_is_a_correction_comment() -> None:
    assert article(CORRECTED)["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The strike lasted nine days, not ten.",
            "datePublished": "2025-11-05",
        },
        {
            "@type": "CorrectionComment",
            "text": "The union is the Dockers' Guild </script><!-- not the Harbour Union.",
            "datePublished": "2025-11-07",
        },
    ]
    assert "correction" not in article(VALID)


def test_a_correction_cannot_end_the_script_element() -> None:
    text = json_ld_script(article(CORRECTED))
    assert "</script" not in text.lower()
    assert "<!--" not in text
    assert json.loads(text)["correction"][1]["text"].endswith(
        "</script><!-- not the Harbour Union."
    )


def test_the_article_publisher_is_the_organization() -> None:
    org = news_media_organization(FULL, site_url=SITE, context=False)
    assert article(VALID, org)["publisher"] == org
    assert article(VALID)["publisher"] == {"@type": "Organization", "name": "D", "url": SITE}


# -- the Corrections page ------------------------------------------------------------------------


FERRY = (
    VALID.replace("Harbour strike ends", "Ferry timetable changes")
    .replace("published: 2025-11-03", "published: 2025-11-06")
    .replace("updated: 2025-11-04\n", "")
    + "corrections:\n  - date: 2025-11-06\n    text: The ferry leaves at 7, not 8.\n"
)


def test_corrections_are_listed_newest_first_without_drafts() -> None:
    harbour, ferry = read_entry(CORRECTED, path="b/h.yml"), read_entry(FERRY, path="b/f.yml")
    draft = read_entry(FERRY.replace("Ferry", "Draft ferry") + "draft: true\n", path="b/d.yml")
    listed = [(e.slug, c.date.isoformat()) for e, c in list_corrections([ferry, draft, harbour])]
    assert listed == [
        ("harbour-strike-ends", "2025-11-07"),
        ("ferry-timetable-changes", "2025-11-06"),
        ("harbour-strike-ends", "2025-11-05"),
    ]


def test_the_corrections_page_escapes_and_links_each_correction() -> None:
    made = render_corrections(
        [ListedCorrection(dt.date(2025, 11, 7), "<b>Guild</b>", "A & B", "../briefings/a-b/")],
        policy_href="../corrections-policy/",
    )
    page = BeautifulSoup(made.content, "html.parser")
    assert page.h1.get_text(strip=True).startswith("Corrections")
    item = page.select_one("li.briefing-correction")
    assert item.time["datetime"] == "2025-11-07"
    assert item.a["href"] == "../briefings/a-b/"
    assert item.a.get_text() == "A & B"
    assert item.select_one(".briefing-correction__text").get_text() == "<b>Guild</b>"
    assert page.find("b") is None
    assert page.select_one(".briefing-intro a")["href"] == "../corrections-policy/"


def test_no_corrections_yet() -> None:
    page = BeautifulSoup(render_corrections([]).content, "html.parser")
    assert page.select("li") == []
    assert "No corrections yet." in page.get_text()


def test_the_plan_makes_the_corrections_page_once() -> None:
    harbour, ferry = read_entry(CORRECTED, path="b/h.yml"), read_entry(FERRY, path="b/f.yml")
    options = PlanOptions(site_url=SITE, publisher=Publisher("D", corrections_policy="p.md"))
    plan = plan_site([harbour, ferry], [], options)
    page = plan.pages["corrections/index.md"]
    assert page.url == "corrections/"
    assert page.meta is not None
    assert page.meta["title"] == "Corrections"
    links = BeautifulSoup(page.html.content, "html.parser").select("li a")
    assert [a["href"] for a in links] == [
        "../briefings/harbour-strike-ends/",
        "../briefings/ferry-timetable-changes/",
        "../briefings/harbour-strike-ends/",
    ]
    for page_src in ("corrections/index.md", "corrections.md"):
        hand_written = plan_site([harbour], [], options, exists={page_src}.__contains__)
        assert "corrections/index.md" not in hand_written.pages


def test_the_home_page_carries_the_publisher() -> None:
    plan = plan_site([], [], PlanOptions(site_url=SITE, publisher=Publisher("D")))
    data = json.loads(plan.context("index.md", "", SITE)["briefing_json_ld"])
    assert data["@type"] == "NewsMediaOrganization"
    assert "briefing_json_ld" not in plan.context("about.md", "about/", f"{SITE}about/")
    no_url = plan_site([], [], PlanOptions(publisher=Publisher("D")))
    assert "briefing_json_ld" not in no_url.context("index.md", "", None)


@pytest.mark.parametrize(
    ("value", "href"),
    [
        ("corrections-policy.md", "../corrections-policy/"),
        ("about.md#corrections", "../about/#corrections"),
        ("https://x.example/a?b=1&c=2", "https://x.example/a?b=1&amp;c=2"),
    ],
)
def test_policy_links_are_relative_to_the_page(value: str, href: str) -> None:
    assert site_link(value, "corrections/", PlanOptions()) == href
