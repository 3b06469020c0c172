"""The plugin's options in mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError

from ..catalog import Layout
from ..newsletter.message import SENT_RECORD, MailSettings, check_mail_settings
from ..newsletter.render import DEFAULT_UNSUBSCRIBE, EmailSettings
from ..plan import PlanOptions
from ..render.html import Permalinks
from ..seo import Publisher, check_publisher, site_path
from ..times import to_zone

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class BriefingsConfig(base.Config):
    """Options of the ``briefings`` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. ``enabled: !ENV [BRIEFINGS, true]``)."""

    briefings_dir = c.Dir(exists=True, default="briefings")
    """Folder of briefing YAML files, relative to mkdocs.yml."""

    url_prefix = c.Type(str, default="briefings")
    """Folder of the generated pages in the site: briefings/<slug>/."""

    page_template = c.Type(str, default="briefing.html")
    """Theme template for briefing pages (docs/overrides/briefing.html wins if present)."""

    recent_limit = c.Type(int, default=5)
    """How many other briefings the "Recent briefings" list on each page shows."""

    latest_limit = c.Type(int, default=10)
    """How many briefings the home page template lists."""

    words_per_minute = c.Type(int, default=200)
    """Reading speed used for the reading time in each briefing's header."""

    digests_dir = c.Type(str, default="digests")
    """Folder of digest YAML files, inside briefings_dir (its files are not briefings)."""

    page_size = c.Type(int, default=25)
    """Briefings per page of the category, tag, source and story listings."""

    feed_limit = c.Type(int, default=50)
    """How many of the newest briefings (and digests) each feed carries."""

    feed_topic_limit = c.Type(int, default=20)
    """How many of the newest briefings the feeds of each category, story and outlet carry
    (``categories/<slug>/feed.rss.xml``, ``feed.atom.xml``, ``feed.json``); 0 makes none."""

    related_limit = c.Type(int, default=3)
    """How many related briefings end each briefing page."""

    cache = c.Type(bool, default=True)
    """Keep what reading made of each briefing (and its page's HTML) in ``cache_dir``
    between builds, keyed by the files' content: unchanged files are not parsed again."""

    cache_dir = c.Type(str, default=".cache/plugin/briefings")
    """Folder of the build cache, relative to mkdocs.yml (Material keeps its caches in
    ``.cache/plugin/`` too); it gets a ``.gitignore`` so git leaves it alone."""

    category_colors = c.DictOfItems(c.Type(str), default={})
    """A colour per category (``Politics: "#c62828"``): the mark on its story cards and the
    bar of its share cards. Categories without one get a colour picked by their name."""

    share_cards = c.Type(bool, default=True)
    """Draw a share card image (headline, category, site name; 1200 x 630 PNG) for every
    briefing and digest: the ``og:image``, Twitter card and JSON-LD image where there is no
    photo. Drawn once per headline and kept in ``cache_dir``."""

    image_widths = c.ListOfItems(c.Type(int), default=[480, 800, 1200])
    """Widths of the smaller copies made of raster lead images (JPEG, PNG, WebP) for
    ``srcset``: phones download a small file. Made once and kept in ``cache_dir``."""

    search = c.Choice(("material", "pagefind"), default="material")
    """Search engine: Material's lunr index (one download of every page), or ``pagefind``: a
    chunked Pagefind index behind Material's search box, for large sites (needs
    ``pip install 'mkdocs-briefings[pagefind]'`` and Material's ``search`` plugin)."""

    build_drafts = c.Type(bool, default=False)
    """Build the briefings and digests marked ``draft: true`` too, each with a Draft banner,
    as ``mkdocs serve`` always does: for a preview deployment. Drafts never join the feeds
    or the sitemap."""

    time_zone = c.Type(str, default="UTC")
    """The newsroom's time zone, an IANA name such as ``Europe/London``: pages show times in
    it, and a briefing dated by a day alone is published from that day's midnight there."""
    # The newsroom (the home page's NewsMediaOrganization JSON-LD, each NewsArticle's
    # publisher). An address is a page's file in docs/ (about.md#masthead), a path in the site
    # (assets/images/logo.png) or an http(s) URL; relative ones join site_url.
    publisher_name = c.Optional(c.Type(str))
    """The newsroom's name; site_name when left out."""

    publisher_logo = c.Optional(c.Type(str))
    """The newsroom's logo: an image file in docs/ or an http(s) URL."""

    publisher_masthead = c.Optional(c.Type(str))
    """The page naming who runs the newsroom (e.g. about.md#masthead)."""

    publisher_corrections_policy = c.Optional(c.Type(str))
    """The corrections policy page (e.g. corrections-policy.md); the Corrections page links it."""

    publisher_ethics_policy = c.Optional(c.Type(str))
    """The standards or ethics policy page (e.g. standards.md)."""

    publisher_contact = c.Optional(c.Type(str))
    """How readers reach the newsroom: an e-mail address, a page or an http(s) URL."""

    publisher_founding_date = c.Optional(c.Type((str, int, dt.date)))
    """When the newsroom was founded: YYYY-MM-DD or YYYY."""

    publisher_same_as = c.ListOfItems(c.Type(str), default=[])
    """The newsroom's profiles elsewhere (social networks, Wikipedia): http(s) URLs."""
    # The newsletter's delivery (`briefings email DATE --eml FILE / --send`, see
    # docs/manual/sending.md). The SMTP user and password come from the environment
    # (BRIEFINGS_SMTP_USER, BRIEFINGS_SMTP_PASSWORD), never from mkdocs.yml.
    newsletter_from = c.Optional(c.Type(str))
    """The address digests are sent from (From:), e.g. digest@news.example.org."""

    newsletter_from_name = c.Optional(c.Type(str))
    """The name shown with it; site_name when left out."""

    newsletter_reply_to = c.Optional(c.Type(str))
    """Where readers' replies go (Reply-To:), if not to newsletter_from."""

    newsletter_list_unsubscribe = c.ListOfItems(c.Type(str), default=[])
    """The List-Unsubscribe header's addresses: a mailto: address and/or an https: page
    (which also turns on one-click unsubscribing)."""

    newsletter_smtp_host = c.Optional(c.Type(str))
    """The SMTP server that sends the digests (STARTTLS is required), e.g. smtp.example.org."""

    newsletter_smtp_port = c.Type(int, default=587)
    """Its submission port."""

    newsletter_sent_record = c.Type(str, default=SENT_RECORD)
    """The record of sent digests, relative to mkdocs.yml (outside docs/ and briefings/):
    a digest in it is not sent again without --resend. Keep it (commit or cache it)."""

    # The newsletter: each published digest as an email (docs/manual/newsletter.md).
    newsletter_emails = c.Type(bool, default=True)
    """Make each published digest's email (``email.html`` and ``email.txt``) at build time
    (needs site_url: an email's links are absolute). `briefings email DATE` makes one anyway."""

    newsletter_dir = c.Optional(c.Type(str))
    """Where the build puts the emails: left out, inside the site next to each digest
    (``digests/<date>/email.html``); else a folder relative to mkdocs.yml, outside docs_dir,
    site_dir and briefings_dir (``<folder>/<date>/email.html``), so the emails are not published."""

    newsletter_postal_address = c.Type(str, default="")
    """The sender's postal address, in every email's footer (anti-spam laws such as CAN-SPAM
    ask for one). Empty: no address line, and `briefings email` warns."""

    newsletter_unsubscribe_url = c.Type(str, default=DEFAULT_UNSUBSCRIBE)
    """The unsubscribe link's address: the placeholder your sending provider fills in for
    each reader (Buttondown ``{{ unsubscribe_url }}``, the default; Mailchimp ``*|UNSUB|*``;
    listmonk ``{{ UnsubscribeURL }}``), or a fixed http(s) address."""


def make_publisher(opts: BriefingsConfig, config: MkDocsConfig) -> Publisher:
    """The ``publisher_*`` options as one value (the name defaults to site_name)."""
    founded = opts.publisher_founding_date
    return Publisher(
        name=opts.publisher_name if opts.publisher_name is not None else config.site_name,
        logo=opts.publisher_logo,
        masthead=opts.publisher_masthead,
        corrections_policy=opts.publisher_corrections_policy,
        ethics_policy=opts.publisher_ethics_policy,
        contact=opts.publisher_contact,
        founding_date=None if founded is None else str(founded),
        same_as=tuple(opts.publisher_same_as),
    )


def check_publisher_options(opts: BriefingsConfig, config: MkDocsConfig) -> None:
    """Refuse publisher options that would make wrong structured data: a value that is no
    address, a file in docs/ that is not there.

    Raises:
        PluginError: naming each option and what to set instead.
    """
    publisher = make_publisher(opts, config)
    problems = check_publisher(publisher)
    if not problems:
        for name in ("logo", "masthead", "corrections_policy", "ethics_policy", "contact"):
            value = getattr(publisher, name)
            path = None if value is None else site_path(value)
            local = (value or "").lstrip("/").partition("#")[0]
            if path is None or "@" in local or not (name == "logo" or local.endswith(".md")):
                continue  # a URL, an e-mail address, or a built path (about/) MkDocs may make
            if not (Path(config.docs_dir) / local).is_file():
                problems.append(
                    f"publisher_{name}: {local} is not a file in docs/ ({config.docs_dir}); "
                    "add it, or give its path inside docs/"
                )
    if problems:
        raise PluginError("briefings: " + "\nbriefings: ".join(problems))


def check_options(opts: BriefingsConfig, config: MkDocsConfig) -> None:
    """Refuse option values that cannot work, with a message that says which.

    Raises:
        PluginError: naming the option and what to set instead.
    """
    for name in ("words_per_minute", "page_size"):
        if opts[name] < 1:
            raise PluginError(f"briefings: '{name}' must be at least 1, not {opts[name]}")
    for name in ("recent_limit", "latest_limit", "related_limit", "feed_limit", "feed_topic_limit"):
        if opts[name] < 0:
            raise PluginError(f"briefings: '{name}' cannot be negative ({opts[name]})")
    if not opts.url_prefix.strip("/"):
        # Briefings at the site's root would share URLs with its pages and indexes.
        raise PluginError(
            f"briefings: 'url_prefix' must name a folder, e.g. briefings ({opts.url_prefix!r})"
        )
    _check_cache_dir(opts, config)
    for category, color in opts.category_colors.items():
        if not _COLOR.fullmatch(color):
            raise PluginError(
                f"briefings: category_colors: {category!r} has {color!r}; "
                "give a colour as #rrggbb, e.g. '#c62828'"
            )
    try:
        to_zone(opts.time_zone)
    except ValueError as exc:
        raise PluginError(f"briefings: time_zone: {exc}") from None
    if any(width < 16 for width in opts.image_widths):
        raise PluginError(f"briefings: 'image_widths' must be pixel widths ({opts.image_widths})")
    check_publisher_options(opts, config)
    check_newsletter_delivery(opts, config)
    check_newsletter_options(opts, config)


_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def check_newsletter_options(opts: BriefingsConfig, config: MkDocsConfig) -> None:
    """An unsubscribe address that is neither a placeholder nor an http(s) or mailto address,
    or an email folder inside docs/, the site or briefings/, cannot work.

    Raises:
        PluginError: naming the option and what to set instead.
    """
    url = opts.newsletter_unsubscribe_url.strip()
    scheme = _SCHEME.match(url)
    unsafe = scheme and scheme[1].lower() not in ("http", "https", "mailto")
    if not url or unsafe or any(char in url for char in "<>\"'"):
        raise PluginError(
            f"briefings: 'newsletter_unsubscribe_url' ({url!r}) must be your provider's "
            f"placeholder, e.g. {DEFAULT_UNSUBSCRIBE}, or an http(s) address"
        )
    if opts.newsletter_dir is None:
        return
    folder = (project_root(config) / opts.newsletter_dir).resolve()
    for name, inside in (
        ("docs_dir", config.docs_dir),
        ("site_dir", config.site_dir),
        ("briefings_dir", opts.briefings_dir),
    ):
        if folder.is_relative_to(Path(inside).resolve()):
            raise PluginError(
                f"briefings: 'newsletter_dir' ({opts.newsletter_dir}) is inside {name} "
                f"({inside}); keep it outside, e.g. newsletter/, or leave it out"
            )


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def email_settings(opts: BriefingsConfig, config: MkDocsConfig) -> EmailSettings:
    """The ``newsletter_*`` options and the site, as each email's settings."""
    return EmailSettings(
        site_name=config.site_name,
        site_url=config.site_url or "",
        postal_address=opts.newsletter_postal_address.strip(),
        unsubscribe_url=opts.newsletter_unsubscribe_url.strip(),
    )


def _check_cache_dir(opts: BriefingsConfig, config: MkDocsConfig) -> None:
    """The build cache must stay out of docs/ (it would be published) and briefings/ (the
    build never writes there, and serve would rebuild on every save of the cache)."""
    if not opts.cache:
        return
    cache = (project_root(config) / opts.cache_dir).resolve()
    for name, folder in (("docs_dir", config.docs_dir), ("briefings_dir", opts.briefings_dir)):
        if cache.is_relative_to(Path(folder).resolve()):
            raise PluginError(
                f"briefings: 'cache_dir' ({opts.cache_dir}) is inside {name} ({folder}); "
                "keep it outside, e.g. the default .cache/plugin/briefings"
            )


def make_mail_settings(opts: BriefingsConfig, config: MkDocsConfig) -> MailSettings:
    """The ``newsletter_*`` delivery options as one value, the record's path made absolute.

    Raises:
        PluginError: when newsletter_from is not set (nothing can be sent without it).
    """
    if not opts.newsletter_from:
        raise PluginError(
            "briefings: newsletter_from: not set; add the address digests come from to the "
            "plugin's options in mkdocs.yml, e.g. newsletter_from: digest@news.example.org"
        )
    name = opts.newsletter_from_name
    return MailSettings(
        sender=opts.newsletter_from,
        sender_name=config.site_name if name is None else name,
        reply_to=opts.newsletter_reply_to,
        list_unsubscribe=tuple(opts.newsletter_list_unsubscribe),
        smtp_host=opts.newsletter_smtp_host,
        smtp_port=opts.newsletter_smtp_port,
        sent_record=project_root(config) / opts.newsletter_sent_record,
    )


def check_newsletter_delivery(opts: BriefingsConfig, config: MkDocsConfig) -> None:
    """Refuse delivery options that could not work, and a record of sent digests inside
    docs/, the site or briefings/ (it would be published, or the build would write there).

    Raises:
        PluginError: naming each option and what to set instead.
    """
    problems = []
    if opts.newsletter_from:
        problems += check_mail_settings(make_mail_settings(opts, config))
    record = (project_root(config) / opts.newsletter_sent_record).resolve()
    for name, folder in (
        ("docs_dir", config.docs_dir),
        ("site_dir", config.site_dir),
        ("briefings_dir", opts.briefings_dir),
    ):
        if record.is_relative_to(Path(folder).resolve()):
            problems.append(
                f"newsletter_sent_record: {opts.newsletter_sent_record} is inside {name} "
                f"({folder}); keep it outside, e.g. the default {SENT_RECORD}"
            )
    if problems:
        raise PluginError("briefings: " + "\nbriefings: ".join(problems))


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: paths in problems and the cache folder are relative to it."""
    return Path(config.config_file_path or config.docs_dir).parent


def plan_options(
    config: MkDocsConfig, opts: BriefingsConfig, *, serving: bool = False
) -> PlanOptions:
    """What the plan needs of mkdocs.yml and the plugin's options (``serving``: under
    `mkdocs serve`, which shows drafts)."""
    toc = config.mdx_configs.get("toc", {}) if "toc" in config.markdown_extensions else {}
    permalink = toc.get("permalink", False)
    marks = Permalinks(
        symbol=("&para;" if permalink is True else str(permalink)) if permalink else None,
        title=toc.get("permalink_title", "Permanent link"),
        css_class=toc.get("permalink_class", "headerlink"),
        slugify=toc.get("slugify", toc_slugify),
        separator=toc.get("separator", "-"),
    )
    return PlanOptions(
        layout=Layout(briefings=opts.url_prefix.strip("/")),
        page_template=opts.page_template,
        words_per_minute=opts.words_per_minute,
        page_size=opts.page_size,
        recent_limit=opts.recent_limit,
        latest_limit=opts.latest_limit,
        related_limit=opts.related_limit,
        feed_limit=opts.feed_limit,
        feed_topic_limit=opts.feed_topic_limit,
        language=str(config.theme.get("language") or "en"),
        directory_urls=config.use_directory_urls,
        category_colors=tuple(opts.category_colors.items()),
        share_cards=opts.share_cards,
        site_url=config.site_url or "",
        site_name=config.site_name,
        site_description=config.site_description or "",
        marks=marks,
        root=str(project_root(config)),
        docs_dir=config.docs_dir,
        drafts=opts.build_drafts or serving,
        time_zone=opts.time_zone,
        publisher=make_publisher(opts, config),
        newsletter=email_settings(opts, config) if opts.newsletter_emails else None,
    )


PACKAGE = resources.files("mkdocs_briefings")
STYLESHEET = "assets/stylesheets/briefings.css"
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "toc")


def configure_site(config: MkDocsConfig, opts: BriefingsConfig) -> None:
    """Ship the templates (after docs/overrides/, which wins) and the stylesheet, and turn on
    the Markdown extensions hand-written pages may rely on. Templates even when the plugin is
    disabled: docs/index.md may name briefings-home.html."""
    # Before the theme's own templates, so that the few of its partials the plugin changes
    # (partials/toc.html) are the plugin's; after docs/overrides/, which wins over both.
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "templates"))
    if not opts.enabled:
        return
    # sitemap.xml becomes an index of sitemap-pages.xml (see templates/sitemap.xml).
    config.theme.static_templates.add("sitemap-pages.xml")
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)


def stopped(error: OSError) -> Abort:
    """A full disk or a missing permission while building: one clear line naming the file
    (MkDocs would print a traceback), and the build stops."""
    where = f" at {error.filename}" if error.filename else ""
    return Abort(
        f"the build stopped{where}: {error.strerror or error}; "
        "free some space or fix the permissions, then build again"
    )
