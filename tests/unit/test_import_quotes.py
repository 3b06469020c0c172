"""importer.quotes, importer.speakers, importer.body: quote callouts an editor can publish.

Each failure shape seen on real news pages (issue 15) has a test here, built from invented
text: Port Anselm, Nordvik and Eastmoor, their people and outlets are fictional.
"""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_briefings.importer.body import body_blocks
from mkdocs_briefings.importer.draft import Sources
from mkdocs_briefings.importer.quotes import QuoteReader, extract_quotes, merge_pieces
from mkdocs_briefings.importer.speakers import People, Person, mentions

CREDIT = "gazette"


def blocks_of(*paragraphs: str) -> list[dict[str, Any]]:
    """The body blocks of an article made of these paragraphs, credits left out."""
    document = "\n".join(paragraphs)
    blocks = body_blocks(list(paragraphs), Sources(), default_credit=CREDIT, document=document)
    for block in blocks:
        assert block.pop("credits") == [CREDIT]
    return blocks


def quotes_of(*paragraphs: str) -> list[dict[str, Any]]:
    return [block for block in blocks_of(*paragraphs) if "quote" in block]


# --- Order ---------------------------------------------------------------------------------------


def test_a_quote_stands_where_the_paragraph_gives_it() -> None:
    assert blocks_of(
        "The council met on Monday. “The tram will reach the harbour by 2027,” said Alda"
        " Fenwick. The vote is due in May."
    ) == [
        {"paragraph": "The council met on Monday."},
        {"quote": "The tram will reach the harbour by 2027", "speaker": "Alda Fenwick"},
        {"paragraph": "The vote is due in May."},
    ]


def test_a_speaker_s_next_quoted_sentence_stays_in_the_same_callout() -> None:
    assert blocks_of(
        "“We lost that game,” Lund said. “We have to learn from it and move on.” The club"
        " plays again on Friday."
    ) == [
        {"quote": "We lost that game. We have to learn from it and move on.", "speaker": "Lund"},
        {"paragraph": "The club plays again on Friday."},
    ]


def test_an_interrupted_quote_is_one_callout() -> None:
    assert quotes_of("“Forty years at sea,” said Per Olsen, “and I still respect the tide.”") == [
        {"quote": "Forty years at sea, and I still respect the tide.", "speaker": "Per Olsen"}
    ]


@pytest.mark.parametrize(
    ("paragraph", "quote"),
    [
        # A comma before the attribution ends a sentence when the next part starts one ...
        ("“We lost,” Ada Lund said. “We learn.”", "We lost. We learn."),
        ("“We lost,” said Ada Lund, “We learn.”", "We lost. We learn."),
        # ... and stays as the page gives it before a lowercase word; other marks stay.
        ("“We lost,” said Ada Lund, “but we learn.”", "We lost, but we learn."),
        ("“Did we lose?” Ada Lund asked. “We learn.”", "Did we lose? We learn."),
        ("“We lost!” Ada Lund said. “We learn.”", "We lost! We learn."),
    ],
)
def test_joined_parts_read_as_one_quotation(paragraph: str, quote: str) -> None:
    assert [q["quote"] for q in quotes_of(paragraph)] == [quote]


def test_a_quote_over_several_paragraphs_is_one_callout() -> None:
    assert blocks_of(
        "Cora Brandt, the harbour master, said: “These boats are too old. They have to go.",
        "“Other than new ferries, I don’t see any option for the island.",
        "“We will ask the council again in the spring.”",
        "The council has not replied.",
    ) == [
        {
            "quote": "These boats are too old. They have to go. Other than new ferries, I don’t"
            " see any option for the island. We will ask the council again in the spring.",
            "speaker": "Cora Brandt",
            "role": "Harbour master",
        },
        {"paragraph": "The council has not replied."},
    ]


def test_a_quotation_paragraph_right_after_a_callout_continues_it() -> None:
    assert quotes_of(
        "“Small ferries can reach the outer islands,” said Ines Koval, founder of Koval Boats.",
        "“The large operators cannot, and the islanders know it.”",
    ) == [
        {
            "quote": "Small ferries can reach the outer islands. The large operators cannot, and"
            " the islanders know it.",
            "speaker": "Ines Koval",
            "role": "Founder of Koval Boats",
        }
    ]


def test_a_quotation_paragraph_after_plain_text_stays_a_paragraph() -> None:
    paragraphs = ("Ines Koval runs the yard.", "“The large operators cannot reach the islands.”")
    assert blocks_of(*paragraphs) == [{"paragraph": p} for p in paragraphs]


def test_a_quote_open_at_a_paragraph_s_end_without_a_speaker_keeps_its_words() -> None:
    paragraphs = ("“The boats are old and the crews are tired.", "The council has not replied.")
    assert blocks_of(*paragraphs) == [{"paragraph": p} for p in paragraphs]


# --- Names that stop where the text stops them ---------------------------------------------------


def test_a_name_is_never_stretched_across_of() -> None:
    document = "Her book The Wisdom of Mara Quell sold well.\n“We never planned it,” Quell said."
    assert quotes_of(*document.splitlines()) == [
        {"quote": "We never planned it", "speaker": "Mara Quell"}
    ]


def test_a_name_is_never_glued_to_the_paragraph_before() -> None:
    assert quotes_of("Free Sign Up", "Mara Quell said: “The harbour needs a new pier now.”") == [
        {"quote": "The harbour needs a new pier now.", "speaker": "Mara Quell"}
    ]


def test_a_name_is_never_stretched_across_a_sentence() -> None:
    document = "They play in the Northern Division. Halvik scored twice."
    assert Person("Halvik") in mentions(document)
    assert People(document).fuller(Person("Halvik")) == Person("Halvik")


def test_a_place_before_a_name_is_not_part_of_it() -> None:
    document = (
        "The prosecutor for the District of Eastmoor Joren Halvik filed charges.\n"
        "“No one is above the law in this county,” Halvik said."
    )
    assert quotes_of(*document.splitlines()) == [
        {"quote": "No one is above the law in this county", "speaker": "Joren Halvik"}
    ]
    assert People("special envoy to Nordvik Kurt Lamm met them.").fuller(Person("Lamm")) == (
        Person("Kurt Lamm")
    )


def test_a_relative_clause_is_never_a_role() -> None:
    paragraph = (
        "“The pier will be finished by June,” said Tomas Vale, who was a longtime adviser to"
        " the mayor."
    )
    _, quotes = extract_quotes(paragraph)
    assert all("role" not in q or "who" not in q["role"].casefold() for q in quotes)


@pytest.mark.parametrize(
    ("paragraph", "block"),
    [
        (
            "“And I asked, well, on whose authority?” said Vale, who will testify Thursday."
            " “And he said, the harbour board.”",
            {
                "quote": "And I asked, well, on whose authority? And he said, the harbour board.",
                "speaker": "Tomas Vale",
                "context": "who will testify Thursday",
            },
        ),
        (
            "“Fares follow the tide,” said Ines Koval, the chief economist at Koval Boats, which"
            " runs ferries to the outer islands.",
            {
                "quote": "Fares follow the tide",
                "speaker": "Ines Koval",
                "role": "Chief economist at Koval Boats",
                "context": "which runs ferries to the outer islands",
            },
        ),
        (
            "Tomas Vale, who chairs the harbour board, said: “The pier will open in June.”",
            {
                "quote": "The pier will open in June.",
                "speaker": "Tomas Vale",
                "context": "who chairs the harbour board",
            },
        ),
        (
            "Tomas Vale, who chairs the harbour board, said in a statement: “The pier will open"
            " in June.”",
            {
                "quote": "The pier will open in June.",
                "speaker": "Tomas Vale",
                "context": "who chairs the harbour board, in a statement",
            },
        ),
    ],
)
def test_a_relative_clause_after_a_named_speaker_is_the_context(
    paragraph: str, block: dict[str, str]
) -> None:
    document = f"The board met Tomas Vale in May.\n{paragraph}"
    assert blocks_of(*document.splitlines())[1:] == [block]


@pytest.mark.parametrize(
    "paragraph",
    [
        # A clause that holds a quotation of its own is not a description.
        "“The pier will open in June,” said Tomas Vale, who called it “a gift to the town.”",
    ],
)
def test_a_relative_clause_that_would_not_fit_leaves_the_sentence_whole(paragraph: str) -> None:
    assert extract_quotes(paragraph) == (paragraph, [])


def test_two_people_with_one_surname_keep_the_name_as_given() -> None:
    people = People("Ada Lund runs the yard.\nPer Lund sails.")
    assert people.fuller(Person("Lund")) == Person("Lund")


# --- Forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        ("“The pier will open in June,” Mr. Vale said.", "Tomas Vale", None),
        ("“The pier will open in June,” Mr Vale said.", "Tomas Vale", None),
        ("“The pier will open in June,” Dr. Vale explained.", "Tomas Vale", None),
        ("“The pier will open in June,” Vale explains.", "Tomas Vale", None),
        ("“The pier will open in June,” says Gov. Tomas Vale.", "Tomas Vale", "Gov."),
        ("“Will the pier open in June?” Vale asked.", "Tomas Vale", None),
        ("Vale wrote: “The pier will open in June.”", "Tomas Vale", None),
        ("“The pier will open in June,” Vale added.", "Tomas Vale", None),
        ("“The pier will open in June,” Vale told reporters.", "Tomas Vale", None),
        ("“The pier will open in June,” comments Tomas Vale.", "Tomas Vale", None),
        ("“The pier will open in June,” Vale laughed.", "Tomas Vale", None),
        ("“The pier will open in June,” assures Tomas Vale.", "Tomas Vale", None),
    ],
)
def test_speech_verbs_and_honorifics(sentence: str, speaker: str, role: str | None) -> None:
    document = f"The harbour board chose Tomas Vale in May.\n{sentence}"
    [quote] = quotes_of(*document.splitlines())
    assert (quote["speaker"], quote.get("role")) == (speaker, role)


def test_a_run_of_capitalised_words_longer_than_any_name_is_no_speaker() -> None:
    sentence = "“We will run again,” said " + "Very " * 30 + "Long Name."
    assert extract_quotes(sentence) == (sentence, [])


def test_a_surname_that_is_also_a_role_noun() -> None:
    document = "The club hired Ada King last year.\n“We will be ready by spring,” King said."
    assert quotes_of(*document.splitlines()) == [
        {"quote": "We will be ready by spring", "speaker": "Ada King"}
    ]


def test_a_role_noun_alone_is_no_speaker() -> None:
    paragraph = "“We will be ready by spring,” Bishop said."
    assert extract_quotes(paragraph) == (paragraph, [])


def test_a_trailing_clause_becomes_context() -> None:
    assert quotes_of("“This is the best tea in Nordvik,” Harry Osk said, lifting the cup.") == [
        {
            "quote": "This is the best tea in Nordvik",
            "speaker": "Harry Osk",
            "context": "Lifting the cup",
        }
    ]


def test_an_appositive_without_a_role_noun_is_the_role() -> None:
    assert quotes_of("“The bridge moves in the wind,” said Bill Dorn, a Port Anselm engineer.") == [
        {
            "quote": "The bridge moves in the wind",
            "speaker": "Bill Dorn",
            "role": "Port Anselm engineer",
        }
    ]


def test_according_to_a_person() -> None:
    assert quotes_of("“The bridge moves in the wind,” according to Lena Brask.") == [
        {"quote": "The bridge moves in the wind", "speaker": "Lena Brask"}
    ]


def test_a_role_with_lowercase_words_before_it() -> None:
    assert quotes_of("“Fares have risen every year,” says veteran transport analyst Eli Moss.") == [
        {
            "quote": "Fares have risen every year",
            "speaker": "Eli Moss",
            "role": "Veteran transport analyst",
        }
    ]


# --- Pronouns ------------------------------------------------------------------------------------


def test_he_is_the_person_the_sentence_before_is_about() -> None:
    assert quotes_of(
        "Oskar Lind, chair of the passengers’ association, said the boats are late.",
        "“People wait two hours for the morning ferry,” he said.",
    ) == [
        {
            "quote": "People wait two hours for the morning ferry",
            "speaker": "Oskar Lind",
            "role": "Chair of the passengers’ association",
        }
    ]


def test_he_after_a_quote_is_its_speaker() -> None:
    quotes = quotes_of("“The boats are late,” Lind said.", "“We wait two hours,” he added.")
    assert [q["speaker"] for q in quotes] == ["Lind", "Lind"]


@pytest.mark.parametrize(
    "before",
    [
        "The ferry company has not answered.",  # about no one
        "Lind and Vale met the council.",  # two people
        "Wild winds closed the port.",  # a capitalised word is not a person
    ],
)
def test_he_stays_unresolved_when_the_sentence_before_names_no_one(before: str) -> None:
    paragraph = "“People wait two hours for the morning ferry,” he said."
    assert blocks_of(before, paragraph) == [{"paragraph": before}, {"paragraph": paragraph}]


# --- One lookup per article ----------------------------------------------------------------------


def test_each_article_has_its_own_people() -> None:
    paragraph = "“The pier will open in June,” Vale said."
    first = extract_quotes(paragraph, document=f"Tomas Vale spoke.\n{paragraph}")
    second = extract_quotes(paragraph, document=f"Ilse Vale spoke.\n{paragraph}")
    assert [first[1][0]["speaker"], second[1][0]["speaker"]] == ["Tomas Vale", "Ilse Vale"]


def test_merge_pieces_joins_text_and_continued_quotes() -> None:
    reader = QuoteReader("")
    pieces = reader.read("Rain fell. “We stay open,” Ada Lund said. “All winter.” It rained.")
    assert merge_pieces(pieces) == (
        "Rain fell. It rained.",
        [{"quote": "We stay open. All winter.", "speaker": "Ada Lund"}],
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        # A quote that is part of its sentence is not a callout, whatever comes before it.
        "Lena Brask told the Ledger that the yard is “working with the harbour board on it.”",
        "Vale said meeting the board was useful, in which Lund “raised the fares again.”",
        # An aside is no role.
        "“The pier will open in June,” Tomas Vale, however, said.",
    ],
)
def test_sentences_that_only_look_like_attributions_stay_whole(paragraph: str) -> None:
    assert extract_quotes(paragraph) == (paragraph, [])


def test_a_british_title_without_a_full_stop_is_a_role() -> None:
    assert quotes_of("Lt Col Ada Brask said: “The exercise will end on Friday.”") == [
        {"quote": "The exercise will end on Friday.", "speaker": "Ada Brask", "role": "Lt Col"}
    ]


# --- Quotation marks -----------------------------------------------------------------------------


def test_an_interrupted_quote_with_mixed_marks_is_one_callout() -> None:
    assert quotes_of(
        "Rika Dahl has led the ferry union since 2019.",
        '“When the boats are counted at the end of the season," she said, "the island will'
        " see what it lost.”",
    ) == [
        {
            "quote": "When the boats are counted at the end of the season, the island will see"
            " what it lost.",
            "speaker": "Rika Dahl",
        }
    ]


@pytest.mark.parametrize("closing", ["’’", "''"])
def test_two_apostrophes_close_a_quotation(closing: str) -> None:
    assert quotes_of(
        f"“It was an attempt to mislead the island{closing} Tova Brenn told the Ledger."
    ) == [
        {
            "quote": "It was an attempt to mislead the island",
            "speaker": "Tova Brenn",
            "context": "Told the Ledger",
        }
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Er sagte: „Die Fähre kommt nicht. Wir warten.“ Dann ging er.",
        "Il a dit : «Le bac ne vient pas. Nous attendons.» Puis il est parti.",
    ],
)
def test_other_languages_quotations_are_not_split_into_sentences(paragraph: str) -> None:
    from mkdocs_briefings.importer.sentences import split_sentences

    assert len(split_sentences(paragraph)) == 2


# --- Words between the speaker and the verb ------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“I played the best match of my year,” the 14th-ranked Vale said.", "Tomas Vale"),
        ("“I played the best match of my year,” said the veteran Vale.", "Tomas Vale"),
        ("“I played the best match of my year,” Nordvik defender Tomas Vale said.", "Tomas Vale"),
    ],
)
def test_a_description_before_a_known_name(paragraph: str, speaker: str) -> None:
    document = f"The club signed Tomas Vale in May.\n{paragraph}"
    assert quotes_of(*document.splitlines()) == [
        {"quote": "I played the best match of my year", "speaker": speaker}
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“I played the best match of my year,” the lawyer for Tomas Vale said.",
        "“I played the best match of my year,” the man who beat Tomas Vale said.",
        "“I played the best match of my year,” the coach of Tomas Vale said.",
        "“I played the best match of my year,” the Vale family said.",
    ],
)
def test_words_that_tie_a_name_to_someone_else_leave_the_sentence(paragraph: str) -> None:
    document = f"The club signed Tomas Vale in May.\n{paragraph}"
    assert quotes_of(*document.splitlines()) == []


def test_a_speaker_s_next_sentence_after_a_described_name() -> None:
    assert quotes_of(
        "Nordvik defender Tomas Vale, who scored twice, could see the crowd was tired.",
        "“They have waited for this all season,” he said.",
    ) == [{"quote": "They have waited for this all season", "speaker": "Tomas Vale"}]


@pytest.mark.parametrize(
    ("paragraph", "context"),
    [
        ("“We never did the rounds,” Vale allegedly told a guard.", "Allegedly told a guard"),
        ("“We never did the rounds,” Vale later said.", "Later"),
        ("Vale later said in a statement: “We never did the rounds.”", "Later in a statement"),
    ],
)
def test_an_adverb_before_the_verb_is_context(paragraph: str, context: str) -> None:
    document = f"The club signed Tomas Vale in May.\n{paragraph}"
    [quote] = quotes_of(*document.splitlines())
    assert (quote["speaker"], quote["context"]) == ("Tomas Vale", context)


def test_a_relative_clause_inside_an_appositive_is_never_part_of_the_role() -> None:
    assert quotes_of(
        "Lena Brask, a Nordvik geologist who led the survey, said the ice is thinning.",
        "“The third sample is hard to find,” she said.",
        "“The ice is thin,” said Lena Brask, a Nordvik geologist who led the survey.",
    ) == [
        {
            "quote": "The third sample is hard to find",
            "speaker": "Lena Brask",
            "role": "Nordvik geologist",
        },
        {
            "quote": "The ice is thin",
            "speaker": "Lena Brask",
            "role": "Nordvik geologist",
            "context": "who led the survey",
        },
    ]


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_quotes_run_across_paragraphs_and_blockquotes_stay_in_place() -> None:
    from mkdocs_briefings.importer.markdown import import_markdown

    text = """---
title: Night ferry cut
source: Anselm Gazette
---

Cora Brandt, who runs the harbour, said the boats are too old.

“They have to go before the winter,” she said. “The island cannot wait.”

“We will ask the council again in the spring.”

> The ferries stay until March.
> — Sander Voss, operations director

“People wait two hours for the morning ferry,” she said.
"""
    body = import_markdown(text).data["body"]
    assert [{k: v for k, v in b.items() if k != "credits"} for b in body] == [
        {"paragraph": "Cora Brandt, who runs the harbour, said the boats are too old."},
        {
            "quote": "They have to go before the winter. The island cannot wait. We will ask"
            " the council again in the spring.",
            "speaker": "Cora Brandt",
        },
        {
            "quote": "The ferries stay until March.",
            "speaker": "Sander Voss",
            "role": "Operations director",
        },
        # A blockquote came between: "she" is no longer clear.
        {"paragraph": "“People wait two hours for the morning ferry,” she said."},
    ]
    assert {c for b in body for c in b["credits"]} == {"anselm-gazette"}


# --- A quotation after the sentence that gives its speaker ---------------------------------------


def test_a_quotation_after_a_sentence_ending_in_its_speaker_s_verb() -> None:
    assert blocks_of(
        "Doctors should ask about pets and bedding, Lena Brask said. “That way they find what"
        " makes people ill.” The clinic opens in May."
    ) == [
        {"paragraph": "Doctors should ask about pets and bedding, Lena Brask said."},
        {"quote": "That way they find what makes people ill.", "speaker": "Lena Brask"},
        {"paragraph": "The clinic opens in May."},
    ]


def test_a_quotation_paragraph_after_a_colon_introduction() -> None:
    assert blocks_of(
        "Tomas Vale said in a statement:",
        "“The pier will open in June. The board has the money.",
        "“We thank the town for its patience.”",
        "“This is not the end of it.”",
    )[:2] == [
        {"paragraph": "Tomas Vale said in a statement:"},
        {
            "quote": "The pier will open in June. The board has the money. We thank the town"
            " for its patience. This is not the end of it.",
            "speaker": "Tomas Vale",
        },
    ]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Reported words end a paragraph: a quotation in the next one is not surely theirs.
        ("Doctors should ask about pets, Lena Brask said.", "“That way they find it.”"),
        # A sentence about someone is no introduction.
        ("Tomas Vale arrived at the pier on Monday.", "“The pier will open in June.”"),
        # Words said to someone: 'told the board that' leads into a clause.
        ("Tomas Vale told the board that the pier is late:", "“The pier will open in June.”"),
    ],
)
def test_a_quotation_paragraph_without_a_clear_introduction_stays(
    paragraphs: tuple[str, str],
) -> None:
    assert blocks_of(*paragraphs) == [{"paragraph": p} for p in paragraphs]


def test_she_carries_the_person_through_sentences_about_her() -> None:
    assert quotes_of(
        "Then, last week, Mara Quell wrote to the harbour board.",
        "She claimed the board had blocked the festival. But she kept her tone calm.",
        "“I just want to play my own songs on the pier,” she said.",
    ) == [{"quote": "I just want to play my own songs on the pier", "speaker": "Mara Quell"}]


def test_a_pronoun_sentence_after_no_one_is_about_no_one() -> None:
    paragraphs = (
        "The board met on Monday.",
        "She claimed the board had blocked the festival.",
        "“I just want to play my own songs on the pier,” she said.",
    )
    assert quotes_of(*paragraphs) == []


@pytest.mark.parametrize(
    ("paragraph", "context"),
    [
        # A short title in quotation marks may stand in the context.
        (
            "“The yard has been losing money for years,” Vale said on Nordvik Radio’s “Harbour"
            " Hour” on Monday. “Now it is turning.”",
            "On Nordvik Radio’s “Harbour Hour” on Monday",
        ),
        # Told someone, then what the speaker did while saying it.
        (
            "“You are here because of this crisis,” Vale told the inspector, repeatedly asking"
            " how the yard had failed. “Now it is turning.”",
            "Told the inspector, repeatedly asking how the yard had failed",
        ),
    ],
)
def test_contexts_with_a_title_or_a_clause_after_the_listener(paragraph: str, context: str) -> None:
    document = f"The board hired Tomas Vale in May.\n{paragraph}"
    [quote] = quotes_of(*document.splitlines())
    assert (quote["speaker"], quote["context"]) == ("Tomas Vale", context)
    assert quote["quote"].endswith(". Now it is turning.")


def test_a_quotation_in_the_context_longer_than_a_title_leaves_the_sentence_whole() -> None:
    paragraph = (
        "“The yard is old,” Tomas Vale said in a letter that called the cranes “a slow and"
        " quiet decline over many years.”"
    )
    assert extract_quotes(paragraph) == (paragraph, [])


def test_what_the_speaker_did_while_saying_it_may_quote_them() -> None:
    assert quotes_of(
        "“The yard is old,” Tomas Vale said, adding that the cranes show “a slow and quiet"
        " decline over many years.”"
    ) == [
        {
            "quote": "The yard is old",
            "speaker": "Tomas Vale",
            "context": "Adding that the cranes show “a slow and quiet decline over many years.”",
        }
    ]


def test_a_lead_in_with_a_title_before_the_subject() -> None:
    assert quotes_of(
        "Following a performance of their song “Black Tide,” Ola Sund introduced the guest.",
        "“You might remember him from his own band these days,” he said.",
    ) == [{"quote": "You might remember him from his own band these days", "speaker": "Ola Sund"}]


# --- Organisations -------------------------------------------------------------------------------


def test_an_organisation_named_as_speaker_and_it_after_it() -> None:
    assert quotes_of(
        "“The ferry licence is withdrawn,” the Nordvik Harbour Authority said in a statement.",
        "The yard will close, the Eastmoor Shipping Board said.",
        "“The reason is that the hull failed its last inspection,” it added.",
    ) == [
        {
            "quote": "The ferry licence is withdrawn",
            "speaker": "Nordvik Harbour Authority",
            "context": "In a statement",
        },
        {
            "quote": "The reason is that the hull failed its last inspection",
            "speaker": "Eastmoor Shipping Board",
        },
    ]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Descriptions and plurals are no names.
        ("“The ferry licence is withdrawn,” officials said.",),
        ("“The ferry licence is withdrawn,” the company said.",),
        ("“The ferry licence is withdrawn,” they said.",),
        # "it" is never a person, and "he" never an organisation.
        ("Ada Lund spoke first.", "“The ferry licence is withdrawn,” it said."),
        ("The Nordvik Harbour Authority met.", "“The ferry licence is withdrawn,” he said."),
    ],
)
def test_no_organisation_without_its_proper_name(paragraphs: tuple[str, ...]) -> None:
    assert quotes_of(*paragraphs) == []


def test_a_name_given_first_is_the_one_full_name_that_starts_with_it() -> None:
    document = "Nordvik’s envoy to Eastmoor Liu Wenhai spoke first.\nAda Lund and Ada Brask came."
    people = People(document)
    assert people.fuller(Person("Liu")) == Person("Liu Wenhai")
    assert people.fuller(Person("Ada")) == Person("Ada")  # two people: left as given


def test_she_leads_into_a_participle_quote() -> None:
    assert blocks_of(
        "In a letter in May, Ada Brask, the head of the Nordvik Growers, said farmers were angry.",
        "She urged the board to act, saying “time is running out for the growers.”",
    )[1:] == [
        {"paragraph": "She urged the board to act."},
        {
            "quote": "time is running out for the growers.",
            "speaker": "Ada Brask",
            "role": "Head of the Nordvik Growers",
        },
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "role"),
    [
        # The auxiliary goes with the verb.
        (
            "Nordvik investor Tomas Vale had said, “Harbours do not grow out of thin air.”",
            "Tomas Vale",
            None,
        ),
        # An owner before the name, and 'and' between two describing words.
        ("“Harbours do not grow out of thin air,” Nordvik's Tomas Vale said.", "Tomas Vale", None),
        (
            "“Harbours do not grow out of thin air,” port scientist and study co-author Tomas Vale said.",
            "Tomas Vale",
            None,
        ),
        # The role first, the name between commas.
        (
            "“Harbours do not grow out of thin air,” Nordvik’s deputy harbour master, Tomas Vale,"
            " said on Tuesday.",
            "Tomas Vale",
            "Nordvik’s deputy harbour master",
        ),
        (
            "According to his aunt, Tomas Vale, “Harbours do not grow out of thin air.”",
            "Tomas Vale",
            "His aunt",
        ),
    ],
)
def test_names_after_owners_auxiliaries_and_roles(
    paragraph: str, speaker: str, role: str | None
) -> None:
    [quote] = quotes_of(paragraph)
    assert (quote["speaker"], quote.get("role")) == (speaker, role)


@pytest.mark.parametrize(
    "paragraph",
    [
        "“Harbours do not grow out of thin air,” Lund and Tomas Vale said.",
        "“Harbours do not grow out of thin air,” Asked about Lund, Tomas Vale said.",
        "“Harbours do not grow out of thin air,” Nordvik Port's Tomas Vale said.",
    ],
)
def test_names_after_words_that_are_no_description(paragraph: str) -> None:
    assert quotes_of(paragraph) == []


def test_a_role_too_long_for_a_label_is_kept_in_the_context() -> None:
    [quote] = quotes_of(
        "Ian Vale, an expert in tides and harbour silt at the Department of Marine Sciences at"
        " the Eastmoor Institute of the Northern Coasts who did not work on the study, told the"
        " Ledger: “The silt will move again in the spring storms.”"
    )
    assert (quote["speaker"], quote.get("role")) == ("Ian Vale", None)
    assert quote["context"] == (
        "Expert in tides and harbour silt at the Department of Marine Sciences at the Eastmoor"
        " Institute of the Northern Coasts, who did not work on the study, told the Ledger"
    )


def test_they_after_a_name_with_a_plural_verb_is_that_group() -> None:
    assert quotes_of(
        "Tidewater Records have twice denied blocking the concert.",
        "“At no point did we stop her from playing on the pier,” they said in a statement.",
    ) == [
        {
            "quote": "At no point did we stop her from playing on the pier",
            "speaker": "Tidewater Records",
            "context": "In a statement",
        }
    ]


@pytest.mark.parametrize(
    "before",
    [
        "Officials have denied blocking the concert.",  # a capitalised first word, no name
        "The organisers have denied blocking the concert.",
        "Tidewater Records denied blocking the concert.",  # no plural verb: "they" is unclear
        "Ada Lund and Per Vale have denied blocking the concert.",
    ],
)
def test_they_is_never_officials_or_people(before: str) -> None:
    quote = "“At no point did we stop her from playing on the pier,” they said."
    assert quotes_of(before, quote) == []


def test_a_lead_in_clause_before_the_subject_of_the_sentence_before() -> None:
    assert quotes_of(
        "When the music did not stop, Mara Quell realised she had to write it down. “I sang"
        " what I heard in my head to a friend every day,” she said."
    ) == [
        {"quote": "I sang what I heard in my head to a friend every day", "speaker": "Mara Quell"}
    ]
