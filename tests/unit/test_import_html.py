"""importer.extract, importer.files and importer.html: the article's structure, as the page draws it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import lxml.html
import pytest
import yaml

from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.importer import import_file, import_html
from mkdocs_briefings.importer.draft import TEASER_TODO, Sources, assemble
from mkdocs_briefings.importer.extract import (
    Block,
    article_blocks,
    join_broken,
    join_drop_caps,
    split_long,
)
from mkdocs_briefings.importer.files import decode_html
from mkdocs_briefings.loader import read_briefing

from ..conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs_briefings.importer import Draft

PAGES = DATA / "import" / "pages"


def blocks_of(html: str) -> list[Block]:
    return article_blocks(lxml.html.fromstring(f"<div>{html}</div>"))


def texts_of(html: str) -> list[str]:
    return [block.text for block in blocks_of(html)]


def problems_of(draft: Draft) -> list[str]:
    """What `briefings check` reports for the draft that is not at a TODO placeholder."""
    text = yaml.safe_dump(draft.data, allow_unicode=True, sort_keys=False, width=100)
    lines = text.splitlines()
    try:
        read_briefing(text, path="b.yml")
    except BriefingError as exc:
        return [
            str(problem)
            for problem in exc.problems
            if "todo" not in lines[problem.line - 1].casefold()
        ]
    return []


def page(body: str, *, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


# --- Blocks from the tree ------------------------------------------------------------------------


def test_a_container_of_paragraphs_stays_paragraphs() -> None:
    html = "<div class='body'><p>First one.</p><p>Second one.</p><div><p>Third one.</p></div></div>"
    assert texts_of(html) == ["First one.", "Second one.", "Third one."]


def test_sentences_of_neighbouring_elements_are_never_glued() -> None:
    html = "<div>They sing and dance.<p>The new offences were listed.</p>Then a vote.</div>"
    assert texts_of(html) == [
        "They sing and dance.",
        "The new offences were listed.",
        "Then a vote.",
    ]


def test_two_line_breaks_end_a_paragraph_one_inside_a_sentence_does_not() -> None:
    html = (
        "<p>The quay opens in March.<br><br>The ferry moves in April.<br>"
        "It stops at Harbour Road<br>and Gull Point.</p>"
    )
    assert texts_of(html) == [
        "The quay opens in March.",
        "The ferry moves in April.",
        "It stops at Harbour Road and Gull Point.",
    ]


def test_links_and_emphasis_stay_in_their_sentence_and_are_measured() -> None:
    (block,) = blocks_of("<p>Read <a href='/x'>the report</a> on <b>Gull Point</b>.</p>")
    assert block.text == "Read the report on Gull Point."
    assert block.link_share == pytest.approx(len("the report") / len(block.text))


def test_lists_headings_and_quotations_keep_their_kind_and_group() -> None:
    blocks = blocks_of(
        "<h2>Fares</h2><ul><li>One</li><li>Two</li></ul><blockquote><p>Q.</p><p>R.</p></blockquote>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Fares"),
        ("item", "One"),
        ("item", "Two"),
        ("quote", "Q."),
        ("quote", "R."),
    ]
    assert blocks[1].group == blocks[2].group != blocks[3].group == blocks[4].group


def test_split_long_cuts_between_sentences() -> None:
    text = "The quay opens in March. " * 300
    pieces = split_long(text.strip(), limit=1000)
    assert all(len(piece) <= 1000 for piece in pieces)
    assert " ".join(pieces) == text.strip()
    assert all(piece.endswith("March.") for piece in pieces)


@pytest.mark.parametrize(
    "html",
    [
        "<p><span class='dropcap'>T</span>he council met.</p>",
        "<div class='drop-cap'>T</div><p>he council met.</p>",
        "<p><span class='initial'>T</span><span>he council met.</span></p>",
    ],
)
def test_a_drop_cap_letter_stays_with_its_word(html: str) -> None:
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    join_drop_caps(tree)
    assert [block.text for block in article_blocks(tree)] == ["The council met."]


# --- Charset -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "declaration", "text"),
    [
        ("windows-1252", '<meta charset="windows-1252">', "Café Söderström – “crowns”"),
        ("iso-8859-1", '<meta charset="ISO-8859-1">', "Café Söderström, Ågård"),
        (
            "shift_jis",
            '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
            "港の灯台は博物館になる",
        ),
        ("utf-16", "", "Café – “crowns”"),  # a byte-order mark
    ],
)
def test_the_declared_charset_is_honoured(encoding: str, declaration: str, text: str) -> None:
    html = f"<html><head>{declaration}</head><body><p>{text}</p></body></html>"
    assert text in decode_html(html.encode(encoding))


def test_a_page_saved_as_utf8_with_an_old_declaration_is_read_as_utf8() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Café</p></body></html>'
    assert "Café" in decode_html(html.encode("utf-8"))


def test_import_file_reads_a_windows_1252_page(tmp_path: Path) -> None:
    paragraph = "Søren Ågård’s café on Gull Point – the “old keeper’s house” – reopens in May."
    html = page(
        f"<h1>Keeper’s café reopens</h1><p>{paragraph}</p><p>{paragraph.upper()}</p>",
        head='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Keeper’s café reopens</title>",
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(html.encode("cp1252"))
    draft = import_file(path)
    assert draft.data["title"] == "Keeper’s café reopens"
    assert draft.data["body"][0]["paragraph"] == paragraph


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_import_file_reads_a_text_file_by_its_byte_order_mark(
    tmp_path: Path, encoding: str
) -> None:
    paragraph = "The Gull Point ferry resumes on Monday, the Nordvik Harbour Authority said."
    path = tmp_path / "ferry.txt"
    path.write_bytes(f"Ferry resumes\n\n{paragraph}\n".encode(encoding))
    assert import_file(path).data["body"][0]["paragraph"] == paragraph


@pytest.mark.parametrize("name", ["photo.html", "photo.txt", "photo.md"])
def test_import_file_refuses_binary_data_under_a_text_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ValueError, match=r"not a text file \(binary data under a \.\w+ name\)"):
        import_file(path)


def test_import_file_refuses_another_suffix_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF")
    path.chmod(0)  # unreadable: the suffix alone is refused
    with pytest.raises(ValueError, match=r"cannot import \.pdf"):
        import_file(path)


def test_a_modified_date_that_is_no_day_is_left_out() -> None:
    html = page(
        "<h1>Keeper’s café reopens</h1><p>The keeper’s café on Gull Point reopens in May, the "
        "Nordvik museum said on Sunday, after two winters of repairs to its roof.</p>",
        head='<meta property="article:modified_time" content="2025-13-45T10:00:00Z">'
        "<title>Keeper’s café reopens</title>",
    )
    assert "updated" not in import_html(html).data


# --- The whole page ------------------------------------------------------------------------------


def test_a_page_keeps_its_paragraphs_and_drops_its_furniture() -> None:
    draft = import_file(PAGES / "harbour-ledger-lighthouse.html")
    data = draft.data
    assert data["title"] == "Old lighthouse on Gull Point to become a museum"
    assert data["sources"] == {
        "harbour-ledger": {
            "name": "The Harbour Ledger",
            "url": "https://harbour-ledger.example/2025/11/lighthouse-museum",
        }
    }
    assert [block["paragraph"][:40] for block in data["body"]] == [
        "The council of Port Anselm voted on Wedn",  # the drop cap kept
        "The museum will show the lamps, logbooks",  # a container split at <br><br>
        "Volunteers from the Gull Point Society h",
        "Restoring the tower will cost 2.4 millio",
        "The society's chair, Tomas Reel, said th",
    ]
    text = yaml.safe_dump(data, allow_unicode=True)
    for furniture in (
        "Ines Varga",  # byline
        "Posted on",
        "Sign up",
        "MORE:",
        "Follow us",
        "What a day",  # the embedded post
        "Dockers",  # related stories
        "©",
        "dark since 1994",  # the caption
    ):
        assert furniture not in text
    assert data["tags"] == ["Gull Point", "lighthouse", "museums"]
    assert data["category"] == "Culture"
    assert data["image"]["src"] == "https://harbour-ledger.example/media/2025/11/gull-point.jpg"
    assert data["image"]["credit"] == "Quayside Pictures"
    assert problems_of(draft) == []


def test_the_headline_repeated_in_the_text_is_not_a_paragraph() -> None:
    html = page(
        "<div class='title'>Gull Point lighthouse saved</div>"
        "<p>The council of Port Anselm voted on Wednesday to keep the lighthouse on Gull Point.</p>"
        "<p>Restoring the tower will cost 2.4 million crowns, half of it from the region.</p>",
        head="<title>Gull Point lighthouse saved - Gull Point Gazette</title>",
    )
    data = import_html(html).data
    assert data["title"] == "Gull Point lighthouse saved"
    assert data["body"][0]["paragraph"].startswith("The council of Port Anselm")


def test_a_pull_quote_goes_with_its_attribution() -> None:
    html = page(
        "<h1>Ferry</h1><p>The council met on Monday. “We will not give up the ferry,” said"
        " Tomas Reel, who chairs the society.</p>"
        "<blockquote class='quote'><p>“We will not give up the ferry”</p><p>— Tomas Reel</p>"
        "</blockquote><p>The vote is on Friday, and the society hopes to win it easily.</p>"
        + "<p>More paragraphs follow about the ferry and its passengers on the route.</p>"
        * 2
    )
    paragraphs = [b.get("paragraph", "") for b in import_html(html).data["body"]]
    assert not any("— Tomas Reel" in p for p in paragraphs)
    assert paragraphs.count("The vote is on Friday, and the society hopes to win it easily.") == 1


def test_a_paywalled_teaser_says_so() -> None:
    html = page(
        "<h1>Dockers vote to strike</h1>"
        "<p>Dockers at Port Anselm voted on Tuesday to strike over night shifts.</p>"
        "<div class='paywall'><p>Subscribe to continue reading.</p>"
        "<p>Already a subscriber? Log in.</p></div>",
        head="<title>Dockers vote to strike | The Harbour Ledger</title>",
    )
    body = import_html(html, url="https://harbour-ledger.example/dockers").data["body"]
    assert [block["paragraph"] for block in body] == [
        "Dockers at Port Anselm voted on Tuesday to strike over night shifts.",
        TEASER_TODO,
    ]


def test_a_long_leading_list_is_not_the_key_points() -> None:
    items = "".join(f"<li>Item number {n} of the list of harbour works.</li>" for n in range(7))
    html = page(f"<h1>Works</h1><ul>{items}</ul><p>{'The works start in May. ' * 5}</p>")
    data = import_html(html).data
    assert data["key_points"][0].startswith("TODO:")
    assert data["body"][0]["paragraph"] == "Item number 0 of the list of harbour works."


def test_a_page_of_more_blocks_than_the_format_allows_joins_neighbouring_paragraphs() -> None:
    paragraphs = [
        f"Paragraph {n} of a long report on the harbour and its works." for n in range(130)
    ]
    html = page("<h1>Report</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs))
    draft = import_html(html, url="https://x.example/r")
    body = draft.data["body"]
    assert len(body) <= 100
    assert " ".join(block["paragraph"] for block in body) == " ".join(paragraphs)
    assert problems_of(draft) == []


def test_blocks_that_cannot_be_joined_are_cut_with_a_todo() -> None:
    body = [{"paragraph": f"Paragraph {n}.", "credits": [f"s{n % 2}"]} for n in range(130)]
    data = assemble(
        title="T", category="C", published="2025-11-06", key_points=[], body=body, sources=Sources()
    )
    assert len(data["body"]) == 100
    assert data["body"][98] == body[98]
    assert data["body"][99] == {
        "paragraph": "TODO: the article goes on for 31 more paragraphs; add what the briefing needs",
        "credits": ["s0"],
    }


def test_a_sentence_the_page_breaks_in_two_paragraphs_is_joined() -> None:
    blocks = join_broken(blocks_of("<p>The ferry gives commuters an</p><p>easy way home.</p>"))
    assert [b.text for b in blocks] == ["The ferry gives commuters an easy way home."]
    items = join_broken(blocks_of("<ul><li>Arrowhead water</li><li>snack bars</li></ul>"))
    assert [b.text for b in items] == ["Arrowhead water", "snack bars"]
    apart = join_broken(blocks_of("<p>The ferry left.</p><p>iPhones were on board.</p>"))
    assert len(apart) == 2
