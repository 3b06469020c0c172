"""What is on an article's page but is not the article: prompts, promotions, captions, bylines.

Two passes, both general rules rather than rules for one site: `mark_furniture` marks the
elements a page marks as furniture by their class or id (newsletter boxes, captions, bylines,
author bios, embedded posts, share bars, hidden messages) and the captions it draws without
caption markup (a short phrase under a picture) before extraction; `is_furniture` and
`article_only` judge the extracted paragraphs by their words ("Subscribe to continue
reading", "MORE: …", "© 2025 …", "Posted on …", "Photo: …", "By Jane Doe", "Click to share",
a list of keywords), their links (a list of other stories' headlines) and their place (an
author's bio or a company's "About" section after the article's last paragraph).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .extract import Block

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement  # type: ignore[import-untyped]

# Class and id words that mark furniture, matched against the words of an element's class
# and id ("newsletter-signup", "relatedStories", "wp-caption-text").
_FURNITURE_WORDS = re.compile(
    r"^(?:newsletter|subscri(?:be|ption|ber)|signup|paywall|promo|promotion|promoted|related"
    r"|recirc|recirculation|recommend(?:ed|ations?)?|outbrain|taboola|caption|figcaption|credit"
    r"|credits|byline|bylines|dateline|author|authors|share|sharing|social|sharebar|comments?"
    r"|disqus|breadcrumbs?|tags|topics|bio|bios|biography|advert|advertisement|ads?"
    r"|sponsor(?:ed)?|popular"
    r"|trending|readmore|read-more|most|embed|embedded|tweet|twitter|instagram|facebook|tiktok"
    r"|youtube|timestamp|meta|toolbar|print|donate|donation|app|banner|cta|teaser|nav|footer)$",
    re.IGNORECASE,
)
# A word that alone is not enough ("meta", "most", "app") unless another marks it too.
_WEAK_WORDS = frozenset({"meta", "most", "app", "embed", "embedded", "print", "cta", "teaser"})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_SPLIT = re.compile(r"[^A-Za-z]+")
_EMBEDS = re.compile(
    r"twitter-tweet|twitter-timeline|instagram-media|tiktok-embed|fb-post|reddit-card"
    r"|imgur-embed|bluesky-embed|threads-post|social-embed|embed-(?:twitter|instagram|youtube)",
    re.IGNORECASE,
)
_PAYWALL_MARK = re.compile(
    r"paywall|subscriber-only|subscribers-only|premium-content|piano|meter-|regwall|locked",
    re.IGNORECASE,
)
_HIDDEN = re.compile(
    r"rollover|tooltip|popup|popover|hovercard|visually-hidden|sr-only|screen-reader"
    r"|display:\s*none|visibility:\s*hidden",
    re.IGNORECASE,
)
_HIDDEN_CLASS = frozenset({"hide", "hidden", "is-hidden", "d-none", "invisible"})
"""Class names that hide an element until a script shows it (a form's "sent" message)."""
_SHOWN_CLASS = re.compile(r"d-(?:sm|md|lg|xl|xxl)-|visible|show")
_KEEP_TAGS = frozenset({"html", "body", "main", "article", "head"})
_INLINE = frozenset(
    {"a", "span", "em", "strong", "b", "i", "u", "sup", "sub", "abbr", "time", "small", "mark"}
)
_PROSE = frozenset({"p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd"})
_MAX_PRUNED_SHARE = 0.35
"""An element marked as furniture holding more of the page's paragraph text is kept.

Why: some pages mark the article itself with such words ("article-body paywall-content",
"story has-related"); removing it would lose the article to win on furniture.
"""


def _marks(element: HtmlElement) -> list[str]:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return [word.lower() for word in _WORD_SPLIT.split(_CAMEL.sub(" ", names)) if word]


def _is_marked(element: HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if _EMBEDS.search(names):
        return True
    words = [word for word in _marks(element) if _FURNITURE_WORDS.match(word)]
    return any(word not in _WEAK_WORDS for word in words) or len(set(words)) >= 2


def _hidden_by_class(element: HtmlElement) -> bool:
    """Whether a class name hides the element ("email-ty-wrap hide").

    Not when another class shows it on some screens ("hidden md:block", "d-none d-lg-block",
    "hide visible-desktop"): that is what a desktop reader sees.
    """
    names = str(element.get("class", "")).lower().split()
    shown = any(":" in name or _SHOWN_CLASS.match(name) for name in names)
    return not shown and not _HIDDEN_CLASS.isdisjoint(names)


def _text_length(element: HtmlElement) -> int:
    return sum(len(" ".join(p.text_content().split())) for p in element.iter("p"))


FURNITURE_MARK = "data-not-article"
"""The attribute `mark_furniture` sets; prune with ``//*[@data-not-article]``."""


def mark_furniture(tree: HtmlElement) -> int:
    """Mark the elements a page marks as not the article, for the extractor to prune.

    Marks figure captions, captions without their markup (`_bare_captions`), and elements
    whose class or id says newsletter, subscribe, promo, related, caption, credit, byline,
    bio, share, social, comments, tags, ads, hidden ("hide"), or an embedded post (a tweet,
    an Instagram or TikTok post) — unless the element holds much of the page's paragraph
    text (`_MAX_PRUNED_SHARE`), which is then the article itself.

    Why mark rather than remove: the page's metadata (its dates in a byline's ``<time>``)
    is read from the whole page; only the text is read without them.

    Args:
        tree: The page, as parsed by lxml.html; changed in place.

    Returns:
        How many elements were marked.
    """
    body = tree.find(".//body")
    if body is None:
        return 0
    total = _text_length(body) or 1
    last: HtmlElement | None = None
    marked = 0
    for caption in _bare_captions(body):
        caption.set(FURNITURE_MARK, "")
        marked += 1
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _KEEP_TAGS:
            continue
        if last is not None and any(ancestor is last for ancestor in element.iterancestors()):
            continue  # inside the element marked last (iter() walks in document order)
        hidden = element.get("hidden") is not None or _HIDDEN.search(
            f"{element.get('class', '')} {element.get('id', '')} {element.get('style', '')}"
        )
        if (
            not hidden
            and element.tag in _INLINE
            and any(a.tag in _PROSE for a in element.iterancestors())
        ):
            continue  # a link or a name in a sentence ("relatedLink"), not a box beside it
        if (
            element.tag == "figcaption"
            or hidden
            or (
                (_is_marked(element) or _hidden_by_class(element))
                and _text_length(element) <= _MAX_PRUNED_SHARE * total
            )
        ):
            element.set(FURNITURE_MARK, "")
            last = element
            marked += 1
    return marked


_CAPTION_WORDS = 20
"""A caption without caption markup is a phrase of at most this many words."""
_CAPTION_BOXES = frozenset({"p", "div", "figure", "picture", "center", "section", "a", "span"})
_CAPTION_TAGS = frozenset(
    {"p", "div", "span", "em", "i", "small", "strong", "b", "center", "font", "figcaption"}
)
_CAPTION_INSIDE = frozenset({*_INLINE, "br", "font"})
_PHRASE_END = re.compile(r"[.!?…:;\"”’]$")


def _words_of(element: HtmlElement) -> str:
    return " ".join("".join(element.itertext()).split())


def _with_words(body: HtmlElement) -> set[HtmlElement]:
    """The elements that hold any text, found in one walk over the page.

    Why one walk: asking each image's ancestors for their text again would read a long
    page once per image (3,000 inline images took minutes).
    """
    found: set[HtmlElement] = set()
    for element in body.iter():
        holders = []
        if not _blank(element.text) and isinstance(element.tag, str):
            holders.append(element)
        if not _blank(element.tail) and element.getparent() is not None:
            holders.append(element.getparent())
        for holder in holders:
            while holder is not None and holder not in found:
                found.add(holder)
                holder = holder.getparent()
    return found


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _image_box(image: HtmlElement, worded: set[HtmlElement]) -> HtmlElement | None:
    """The largest element around an image that holds no text, if it stands apart.

    It stands apart when it is a block (a paragraph, a div, a figure) or follows one: an
    image inside a sentence is no picture with a caption.
    """
    box = image
    parent = box.getparent()
    while parent is not None and parent.tag not in _KEEP_TAGS and parent not in worded:
        box, parent = parent, parent.getparent()
    if parent is None:
        return None
    if box.tag in _CAPTION_BOXES - {"a", "span"}:
        return box
    before = box.getprevious()
    if before is None:
        return box if _blank(parent.text) else None
    return box if _blank(before.tail) and before.tag not in _INLINE else None


def _caption_after(
    box: HtmlElement, image: HtmlElement, worded: set[HtmlElement]
) -> HtmlElement | None:
    """The element right after an image's box that reads as its caption, if one does.

    A caption is a short phrase without a sentence's final mark ("The harbour at dusk"),
    or the image's own alt or title text, standing alone: no text between the image and
    it, none after it in the same element.
    """
    if not _blank(box.tail):
        return None
    candidate = box.getnext()
    while candidate is not None and candidate not in worded:
        if not _blank(candidate.tail) or candidate.find(".//img") is not None:
            return None
        candidate = candidate.getnext()
    if (
        candidate is None
        or candidate.tag not in _CAPTION_TAGS
        or not _blank(candidate.tail)
        or any(inner.tag not in _CAPTION_INSIDE for inner in candidate.iterdescendants())
    ):
        return None  # a menu, a list, a table, a box of other stories: no caption
    if candidate.tag in _INLINE and any(
        after in worded or not _blank(after.tail) for after in candidate.itersiblings()
    ):
        return None  # a bold lead-in of the text that follows ("<b>Clip the coupon</b><br>…")
    text = _words_of(candidate)
    if _CJK.search(text):
        return None  # Why: no word count, and its sentences may end without a mark
    described = {_normal(image.get(name, "")) for name in ("alt", "title")} - {""}
    if _normal(text) in described and len(text.split()) <= 2 * _CAPTION_WORDS:
        return candidate
    # Why no colon: "Tested by: … Price: …" under a product's picture is the review's own
    # box of facts, not a caption (and "Photo: …" lines are furniture by their words).
    if len(text.split()) <= _CAPTION_WORDS and ":" not in text and not _PHRASE_END.search(text):
        return candidate
    return None


def _bare_captions(body: HtmlElement) -> list[HtmlElement]:
    """Captions drawn without caption markup: the phrase right under a picture.

    Why: many pages set a caption as a plain paragraph or span under the image ("<p><em>The
    lamp room in 1920</em></p>"); without its markup, only its place and its shape say so.
    """
    found = []
    worded = _with_words(body)
    for image in body.iter("img"):
        box = _image_box(image, worded)
        caption = _caption_after(box, image, worded) if box is not None else None
        if caption is not None:
            found.append(caption)
    return found


_LINKED_BLOCK = 400
"""Blocks up to this length get their link share from the page's links (`measure_links`)."""
_WHOLLY_LINKED = 0.95
"""A short block (`_LINKED_BLOCK`) this much inside links is a link to another page."""
_PARTLY_LINKED = 0.9
"""The most a block that is not one whole link gets as its link share (`measure_links`)."""


def link_texts(tree: HtmlElement) -> set[str]:
    """The texts of the page's links (whitespace collapsed), for `measure_links`."""
    texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    return {text for text in texts if len(text) > 1}


def measure_links(blocks: list[Block], links: set[str]) -> list[Block]:
    """The blocks, with the share of each short one's text that the page's links make up.

    Why not from the extracted tree: trafilatura, asked to keep links, sometimes loses the
    space after one ("Expercomis knocking"), which would put words on the draft that are
    not on the page; extracted without links, the text is right and this gives the share.
    """
    measured = []
    for block in blocks:
        if len(block.text) > _LINKED_BLOCK:
            measured.append(block)
            continue
        covered = sum(len(link) for link in links if link in block.text)
        # Why the cap: links found inside a paragraph's text are counted, so several short
        # ones ("Nordvik", "Nordvik Courier") may add up; only one whole link is wholly linked.
        share = 1.0 if block.text in links else min(_PARTLY_LINKED, covered / len(block.text))
        measured.append(Block(block.kind, block.text, max(share, block.link_share), block.group))
    return measured


def is_paywalled(tree: HtmlElement) -> bool:
    """Whether the page marks a paywall (a class or id such as "paywall" or "regwall")."""
    return any(
        isinstance(element.tag, str)
        and _PAYWALL_MARK.search(f"{element.get('class', '')} {element.get('id', '')}")
        for element in tree.iter()
    )


_SHORT = 300
"""Paragraphs up to this length are judged by `_FURNITURE_LINE`; longer ones are prose."""

_FURNITURE_LINE = re.compile(
    r"""
    # prompts to subscribe, sign up, follow, download, share, comment (as prompts: "readers
    # who cancelled their subscriptions" is news)
    ^(?:subscribe|sign\ up|register|join\ (?:us|now|today)|get\ (?:unlimited|full|the\ latest))\b
    |\b(?:subscribe|sign\ up|register)\ (?:now|today|here|for\ free|to\ (?:our|the|get|receive))\b
    |\b(?:our|free|daily|weekly|morning|evening)\ (?:\w+\ )?newsletters?\b
    |\bnewsletters?\b.{0,60}\b(?:sign\ up|subscribe|inbox)
    |\b(?:in|to)\ your\ inbox\b|\balready\ a\ (?:subscriber|member)\b
    |\blog\ ?in\ to\ (?:continue|read)
    |\bcreate\ (?:an|a\ free)\ account\b|\bbecome\ a\ (?:member|subscriber)\b
    |\bstart\ your\ free\ trial\b|\bunlimited\ digital\ access\b|\bcontinue\ reading\b
    |\bsubscribers\ only\b|\bfor\ subscribers\b
    |\bsubscriptions?\ (?:service|offer|plan)s?\ for\ as\ little\b
    |\b(?:click|tap)\ here\b|\bif\ you\ enjoyed\ this\b|\btags\s*:
    |^(?:follow|listen|more|watch|download|visit|see|read|find|get)\b.{0,100}(?:https?://|www\.)
    |^(?:listen|watch)\ (?:to\ )?.{0,60}\b(?:live|here|now|podcast|on\ demand)\b
    |^don'?t\ miss\b|^related\ \w+\s*:
    |\b(?:get|download|install)\ (?:the|our)\ .{0,40}\bapp\b
    |\bfollow\ (?:us|@\w+|him|her|them)\b
    |^follow\b.{0,80}\bon\ (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok)\b
    |^(?:like\ this\ (?:story|article)|share\ (?:this|it)|comments?|\d+\ comments?
      |leave\ a\ (?:comment|reply)|explore\ further|you\ (?:may|might)\ also\ like|have\ a\ tip)\b
    # comment moderation notices, forms' messages, leftover shortcodes ("[button link=…]")
    |\b(?:comments?|comentários|commentaires|kommentare)\b.{0,80}\b(?:moderat|approv|aprovad|policy)
    |\bmoderat\w*\ .{0,40}\bcomments?\b
    |\ban\ error\ (?:has\ )?occurred\b|\bplease\ try\ again\b|^\[\w+\ [^\]]*=
    # an invitation to write to the editors ("We'd like to hear what you think …")
    |\bwe['’]?d\ (?:like|love)\ to\ hear\ (?:what\ you\ think|from\ you|your)
    |\bhere['’]s\ our\ e-?mail\b|^we\ want\ to\ hear\ from\ you\b
    |^join\ the\ (?:conversation|discussion|debate)\b
    # offers and promotions as imperatives ("Get access to … for as little as …", "Watch
    # the interview on our YouTube channel")
    |^get\ (?:unlimited\ |full\ |instant\ )?access\ to\b
    |^(?:get|enjoy|try|start|unlock|join)\b.{0,80}\bfor\ (?:as\ little\ as|just|only)\ \W?\d
    |^(?:watch|listen\ to|stream|hear)\b.{0,80}\bon\ (?:our\ )?(?:youtube|spotify|apple\ podcasts
      |podcast|app|channel|website|site)\b
    # the page's own messages: a form's answers, scripts' notices
    |^(?:this|the)\ (?:article|story|page|link)\ (?:has\ been|was)\ (?:sent|shared|saved
      |e-?mailed)\b
    |^thank\ you\ for\ (?:signing\ up|subscribing|registering|your\ (?:feedback|submission
      |interest|comment))\b
    |^your\ (?:message|e-?mail|comment|feedback|submission)\ (?:has\ been|was)\ (?:sent
      |submitted|received|posted)\b
    |\b(?:enable|turn\ on)\ javascript\b|\byour\ browser\ does\ not\ support\b
    |^(?:this|the)\ (?:video|content|media|audio|embed)\ (?:is\ (?:not|no\ longer)\ available
      |is\ unavailable|can\s?not\ be\ (?:played|displayed|shown))\b
      (?:\ (?:in\ your\ (?:region|country|browser)|right\ now|here))?\W*$
    |\byour\ (?:privacy|cookie)\ (?:preferences|settings|choices)\b
    |\bwe\ use\ cookies\ (?:to|on|and|so)\b
    |^we\ respect\ your\ privacy\b
    |^(?:please\ )?enter\ (?:your|a\ valid)\ (?:e-?mail|name|address|password)\b
    |^invalid\ (?:e-?mail|address|input|password)\b|^loading\W*$
    |^by\ (?:clicking|signing\ up|subscribing|registering|continuing)\b.{0,120}
      \b(?:agree|accept|consent)
    # buttons and links of the page's own ("Click to share on …", "Skip to main content")
    |^(?:click|tap)\ to\ (?:share|print|e-?mail|open|enlarge|expand|play|view|comment)\b
    |\(?opens?\ in\ (?:a\ )?new\ (?:window|tab)\)?|^skip\ to\ (?:the\ )?(?:main\ )?content\b
    |^scroll\ (?:down\ )?to\ (?:continue|read)\b
    |^(?:image|photo|slide|picture)\ \d+\ of\ \d+\b
    |^(?:print|e-?mail|share|save)\ (?:this\ )?(?:article|story|page)\W*$|^share\ (?:on|via)\ \w
    |\breprints?\ (?:&|and)\ permissions\b
    |^(?:sign|log)\ ?in\ to\ (?:comment|reply|save|follow|continue|read)\b
    # invitations to comment, to send tips, to read on elsewhere
    # (Why no "This article was originally published by …", "Story continues below" or "The
    # views expressed …": people marking articles' text count those lines as the article's.)
    |^(?:please\ )?(?:read|see|review)\ our\ (?:community|comments?|commenting)\ (?:guidelines
      |policy|rules|standards)\b
    |^(?:tell\ us|let\ us\ know|share\ your\ (?:thoughts|views)|have\ your\ say|what\ do\ you
      \ think)\b.{0,80}\bcomments?\b|^have\ your\ say\W*$
    |^(?:do\ you\ have|got|have\ you\ got)\ a\ (?:story|news\ tip|tip)\b
    |^send\ us\ (?:a\ |your\ )?(?:letters?|tips?|views|story|stories)\b
    |^contact\ the\ (?:author|writer|reporter)\b
    |\bcan\ be\ reached\ (?:at|on|via)\ (?:\S+@\S|@\w|\+?\(?\d{2,}[\d\s().-]{5,}\d\b)
    |^support\ (?:independent|local|quality|our)\ journalism\b
    |^want\ (?:more\ (?:stories|news|articles)|to\ (?:know|learn|read)\ more)\b
    |^(?:you\ can\ )?(?:read|see|view|find|watch|listen\ to|download|check\ out)\b.{0,80}
      \bhere\W*$
    |\b(?:this|the)\ (?:post|article|page|story)\ (?:may\ )?contains?\ affiliate\ links\b
    |^(?:paid|sponsored)\ (?:content|post|partner)\b
    # "MORE:", "READ MORE:", "RELATED:", "SEE ALSO:", "WATCH:" lines
    |^\[?(?:more|read\ more|read\ also|also\ read|see\ also|see\ more|related|recommended
      |watch|listen|also|don'?t\ miss|must\ read|read\ next|up\ next|trending|leggi\ anche
      |filed\ under|tags|topics|source|sources|leia\ (?:também|mais)|veja\ também
      |lea\ (?:también|más)|lee\ (?:también|más)|ver\ también|(?:à\ )?lire\ aussi|voir\ aussi
      |lesen\ sie\ (?:auch|mehr)|mehr\ zum\ thema|auch\ interessant|vedi\ anche)\s*:
    |^(?:assine|inscreva-se|suscr[ií]bete|reg[ií]strate|abonnez-vous|inscrivez-vous
      |abonnieren\ sie|jetzt\ abonnieren|iscriviti|abbonati)\b
    # copyright and rights lines
    |©|\bcopyright\b|\ball\ rights\ reserved\b|\(c\)\ \d{4}
    |\bmay\ not\ be\ (?:re)?published,?\ broadcast\b|\bfor\ your\ personal,?\ non-commercial\ use\b
    # dates and reading times standing alone
    |^(?:posted|published|updated|last\ updated|latest\ update|first\ published|modified
      |originally\ published|publicado|publié|veröffentlicht|aktualisiert)\b
      (?=.{0,80}$)(?=.*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ago\b|today|yesterday))
    |\b\d+\ (?:min|mins|minutes?|minutos?)\ (?:read|de\ leitura)\b|\breading\ time\b
    |^tempo\ de\ leitura\b
    # captions, photo credits, bylines and credit lines
    |^(?:photo|photos|photograph|image|images|picture|illustration|video|graphic|file\ photo)
      (?:\ credit)?\s*(?::|by\b)
    |\((?:[^()]*\bphoto\b[^()]*|getty\ images|afp|reuters|ap|shutterstock|epa|file)\)\.?$
    |\b(?:getty\ images|via\ getty|shutterstock|ap\ photo|afp\ photo|reuters/)\b
    |^\(?(?:additional\ )?(?:reporting|writing|editing|compiled|research
      |contributed\ reporting)\ by\b
    |\bcontributed\ (?:reporting|to\ this\ (?:report|story|article))\b
    |^(?:write\ to|email|e-mail|contact|reach)\ .{0,60}\ at\ \S+@
    |\bmay\ be\ reached\ at\b
    # affiliate disclosures
    |\bif\ you\ (?:buy|purchase)\ something\b
    |\bwe\ may\ (?:earn|get|receive)\ (?:a\ )?(?:commission|share)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PROMPT = re.compile(
    r"(?:follow\ (?:us|@\w+)|if\ you\ enjoyed\ this|get\ access\ to|subscribe\ (?:to|now|today)"
    r"|sign\ up\ (?:for|to|now|today)|click\ here|download\ (?:the|our))\b",
    re.IGNORECASE | re.VERBOSE,
)
"""A longer paragraph that opens like this is a prompt too ("Follow @… on Twitter to …")."""
_BYLINE = re.compile(
    r"^(?i:by|von|por|par|di)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|and|&|,))*"
    r"(?:\s*[,|/–-]\s*.{0,60})?$"
    r"|^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3},\s*(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?i:writer|reporter|correspondent|editor|columnist|contributor|staff)\b.{0,40}$",
)
_ADDRESS = re.compile(r"^(?:https?://|www\.|[\w.-]+\.(?:com|org|net)/)\S*$|^\S+@\S+\.\w+$")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_END_MARK = re.compile(
    r"""^(?:related(?:\ (?:stories|articles|posts|content|coverage|news|reading|links))?
    |more\ (?:from|on|about|stories|news|coverage|in)\b.{0,40}
    |you\ (?:may|might)\ also\ (?:like|enjoy)|recommended(?:\ for\ you|\ stories|\ articles)?
    |read\ (?:more|next)|most\ (?:read|popular|viewed)
    |trending(?:\ now|\ stories)?|popular\ (?:now|stories|articles)|don'?t\ miss|also\ (?:read|see)
    |what\ to\ read\ next|latest\ (?:news|stories|articles|videos)|top\ stories|comments?
    |\d+\ comments?|leave\ a\ (?:comment|reply)|share\ this(?:\ article|\ story)?|explore\ further
    |further\ reading|more\ to\ explore|editor'?s\ picks|around\ the\ web
    |sponsored\ (?:stories|links)
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PAYWALL_TEXT = re.compile(
    r"\b(?:subscribe\ to\ (?:continue|keep)\ reading|already\ a\ (?:subscriber|member)"
    r"|subscribers?\ only|to\ continue\ reading"
    r"|this\ (?:article|content|story)\ is\ (?:for|available\ to)\ subscribers"
    r"|you\ have\ reached\ your\ (?:free\ )?(?:article\ )?limit|log\ in\ to\ (?:continue|read))\b",
    re.IGNORECASE | re.VERBOSE,
)
_TAGS_MARK = re.compile(
    r"^(?:tags|tagged(?:\ with)?|keywords|filed\ under|topics|etiquetas|schlagw[öo]rter)\W*$",
    re.IGNORECASE,
)
_AFTER_MARK = 150
"""Under a "Related stories" line, a block shorter than this is another story's headline."""
_TEASER_MARKED = 150
_TEASER_UNMARKED = 25
_REPEATED_SENTENCE = 12
"""An identical paragraph of at least this many words, given twice, is given once."""
_KEYWORDS = 5
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # written without spaces


def is_furniture(block: Block) -> bool:
    """Whether a short paragraph is page furniture rather than the article's text.

    Prompts to subscribe or follow, "MORE:" and "click here" links, copyright lines, "Posted
    on" and reading-time lines, captions and photo credits, bylines and "Reporting by" lines,
    a bare address, a line of only a date and time, a line that is mostly a link (another
    story's headline) or one whole link (another story's summary), or in capitals and
    linked; the page's own buttons, forms' messages and invitations ("Click to share", "Sign
    in to comment", "Do you have a story?"); a list of search keywords.
    """
    text = block.text
    if len(text) > _SHORT:
        return len(text) < 2 * _SHORT and bool(
            _PAYWALL_TEXT.search(text) or _PROMPT.match(text) or _FURNITURE_LINE.match(text)
        )
    words = text.split()
    if _FURNITURE_LINE.search(text) or _BYLINE.match(text) or _ADDRESS.match(text):
        return True
    if _TIME.search(text) and len(words) <= 12 and not text.endswith((".", "”", '"')):
        return True
    if len(words) <= 2 and not _CJK.search(text) and not re.search(r"[.!?:\"”’]$", text):
        return True  # a label, a logo's text, a button
    letters = _LETTER.findall(text)
    if block.link_share >= 0.6 and len(words) <= 25:
        return True  # another story's headline, a tag, a "read more" link
    if block.link_share >= _WHOLLY_LINKED:
        return True  # another story's summary: an article's paragraph is never one link
    if _is_keyword_list(text):
        return True
    return bool(letters) and len(words) >= 3 and text.upper() == text and block.link_share > 0.3


def _is_keyword_list(text: str) -> bool:
    """Whether a line is a list of search keywords ("harbour, port anselm, ferry fares, …").

    Five or more comma-separated phrases of at most four words, most of them in lower case,
    and no sentence's end or label: a sentence that lists things has words around its list,
    and a list of names ("Cast: Ada Lund, Tomas Reel, …") is in capitals.
    """
    parts = [part.strip() for part in text.split(",")]
    parts = parts[:-1] if parts and not parts[-1] else parts
    lower = sum(part[:1].islower() for part in parts)
    return (
        len(parts) >= _KEYWORDS
        and 2 * lower > len(parts)
        and all(0 < len(part.split()) <= 4 for part in parts)
        and not re.search(r"[.!?…:;]", text)
        and not re.search(r"^(?:and|or|und|et|e|y|o|ou)\s", parts[-1])
    )


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def drop_repeats(blocks: Iterable[Block]) -> list[Block]:
    """Without pull quotes and repeats: a block whose words the article gives elsewhere.

    A pull quote repeats a sentence of the article in large type; a teaser repeats the lead.
    The longer text stays where it is; a repeat of at least four words goes, and with a
    repeated quotation goes the rest of its blockquote (its attribution, "— Tomas Reel"),
    so that it is never glued to a paragraph.
    """
    kept = list(blocks)
    normals = [_normal(block.text) for block in kept]
    repeats: set[int] = set()
    for index, (block, normal) in enumerate(zip(kept, normals, strict=True)):
        if len(normal.split()) < 4:
            continue
        # Why the length: a repeated list line ("1 Purple container") is the article's own;
        # a repeated sentence is a teaser or a pull quote.
        earlier_same = normals.index(normal) != index and (
            block.kind != "paragraph" or len(normal.split()) >= _REPEATED_SENTENCE
        )
        inside_other = any(normal in other and normal != other for other in normals)
        if earlier_same or inside_other:
            repeats.add(index)
    quoted = {kept[i].group for i in repeats if kept[i].kind == "quote" and kept[i].group >= 0}
    return [
        block
        for index, block in enumerate(kept)
        if index not in repeats and not (block.kind == "quote" and block.group in quoted)
    ]


def article_only(blocks: list[Block]) -> list[Block]:
    """The blocks of the article: without furniture, pull quotes and what follows its end.

    Under a heading or line such as "Related stories", "More from…", "You may also like",
    "Don't miss", the short or linked blocks that follow (other stories' headlines) go, up
    to the next paragraph of prose; any block goes if it is furniture (`is_furniture`) or
    repeats another (`drop_repeats`); an author's bio or an "About" section at the end goes
    (`drop_trailer`).
    """
    kept: list[Block] = []
    after_mark = after_tags = False
    for block in blocks:
        if _END_MARK.match(block.text):
            after_mark = True
            continue
        if _TAGS_MARK.match(block.text):
            after_tags = True
            continue
        if after_mark and (len(block.text) < _AFTER_MARK or block.link_share > 0.3):
            continue  # the headlines under "Related stories", "You may also like"
        if after_tags and (
            block.link_share > 0.3 or len(block.text.split()) <= 4 or _is_keyword_list(block.text)
        ):
            continue  # the tags under "Tags" (which some pages put before the article)
        after_mark = after_tags = False
        if not is_furniture(block):
            kept.append(block)
    return drop_repeats(drop_trailer(kept))


_SUBJECT = r"""(?P<name>(?!(?:The|This|That|It|He|She|They|We|There|Here|Its|I)\s)
    [A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|&|de|van|von)){0,4}?)\s+(?:is|has\ been)\s+"""
_BIO = re.compile(
    _SUBJECT
    + r"""(?:a|an|the|[A-Z][\w&.-]*['’]s)\s+(?:[\w'’&,-]+\s+){0,5}?
    (?:journalist|writer|reporter|editor|curator|correspondent|columnist|contributor|author
    |blogger|freelancer|photographer|critic|novelist)s?\b
    |(?P<writer>[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s+(?:writes|covers|reports)\s+(?:about|on)?\b
    .{0,80}\b(?:for|at)\s+(?:the\s+)?[A-Z]""",
    re.VERBOSE,
)
"""An author's bio: "Ines Varga is the Ledger's harbour correspondent and …", "Ines Varga
covers the harbour for the Ledger"."""
_TAGLINE = re.compile(r"^The\ (?:author|writer)s?\ (?:is|are|was|were)\ (?:a|an|the)\b", re.VERBOSE)
"""An opinion piece's closing line about its author: "The writer is a professor of …"."""
_ABOUT_COMPANY = re.compile(
    _SUBJECT
    + r"""(?:a|an|one\ of\ the)\s+(?:[\w'’&,-]+\s+){0,5}?
    (?:provider|company|firm|maker|manufacturer|developer|supplier|distributor|retailer
    |organi[sz]ation|agency|publisher|corporation|consultancy|nonprofit|non-profit|charity
    |foundation|operator|innovator|pioneer)s?\b""",
    re.VERBOSE,
)
"""A press release's "About" paragraph: "Gullwing is a leading maker of ferry engines …"."""
_STANDING = re.compile(
    r"\b(?:leading|global|world['’]s|worldwide|international|headquartered|solutions"
    r"|www\.|https?://)",
    re.IGNORECASE,
)
"""Words of a company's standing description, as news does not put it ("a leading …")."""
_ABOUT = re.compile(r"^(?i:about)\s+(?:the\s+)?(?:author|authors|writer|[A-Z][\w&.'’-]*)\b")
_TRAILER = 4
"""A bio or an "About" section starts within this many blocks of the article's end."""
_FOLLOWER = re.compile(
    r"^(?:He|She|They|It|Its|His|Her|Their|The\ company|For\ more)\b|\S@\S|https?://|www\."
)


def _opens_trailer(blocks: list[Block], start: int) -> bool:
    block = blocks[start]
    if _ABOUT.match(block.text) and len(block.text.split()) <= 6:
        return not _PHRASE_END.search(block.text)  # a heading, not "About Nordvik, none."
    if block.kind == "heading":
        return False
    if _TAGLINE.match(block.text):
        return all(_FOLLOWER.search(b.text) for b in blocks[start + 1 :])
    described = _BIO.match(block.text)
    if described is None and _STANDING.search(block.text):
        described = _ABOUT_COMPANY.match(block.text)
    if described is None:
        return False
    name = described["name"] or described["writer"]
    if described.re is _BIO:
        # Why: the article's own people are named before they are described at its end;
        # the author of a bio is not in the story they wrote.
        surname = name.split()[-1]
        if any(surname in earlier.text for earlier in blocks[:start]):
            return False
    return all(b.text.startswith(name) or _FOLLOWER.search(b.text) for b in blocks[start + 1 :])


def drop_trailer(blocks: list[Block]) -> list[Block]:
    """The blocks without an author's bio or a company's "About" section at the end.

    A trailer opens, within the last four blocks, with an "About …" line ("About Port
    Anselm Ferries", "About the author"), with a bio ("Ines Varga is the Ledger's harbour
    correspondent …", someone the article has not named before) or with a company's
    standing description ("Gullwing is a leading maker of …"), and is dropped when every
    block after it carries on about the same name (or he, she, it, an address).

    Why only at the end: an article's paragraph that introduces a company in the same
    words is its own text; at the end, after the article's last word, it is the issuer's
    or the outlet's standing text.
    """
    for start in range(max(0, len(blocks) - _TRAILER), len(blocks)):
        if _opens_trailer(blocks, start):
            return blocks[:start]
    return blocks


def is_teaser(blocks: list[Block], *, paywalled: bool) -> bool:
    """Whether the page holds only the start of the article (a paywall's teaser).

    Args:
        blocks: The page's blocks before furniture is taken out.
        paywalled: Whether the page marks a paywall (`is_paywalled`).

    Returns:
        True when the page says so ("Subscribe to continue reading", a paywall element)
        and less than 150 words of article text are left, or when less than 25 are left
        (a news brief of two sentences is not a teaser).
    """
    text = [block.text for block in article_only(blocks) if block.kind != "heading"]
    # Why the characters: Chinese, Japanese and Korean are written without spaces.
    words = sum(len(t.split()) + len(_CJK.findall(t)) // 2 for t in text)
    marked = paywalled or any(_PAYWALL_TEXT.search(block.text) for block in blocks)
    return words < _TEASER_UNMARKED or (marked and words < _TEASER_MARKED)
