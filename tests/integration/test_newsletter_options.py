"""The newsletter_* delivery options in mkdocs.yml: read into MailSettings, bad ones stop the
build with a line naming the option. Every address here is fictional."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from mkdocs_briefings.adapter.config import make_mail_settings
from mkdocs_briefings.newsletter.message import MailSettings

from ..conftest import MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

OPTIONS = """\
      newsletter_from: digest@news.example.org
      newsletter_reply_to: desk@news.example.org
      newsletter_list_unsubscribe:
        - mailto:leave@news.example.org
        - https://news.example.org/unsubscribe
      newsletter_smtp_host: smtp.example.org
"""


def write_config(project: Path, options: str) -> None:
    yml = MINIMAL_MKDOCS_YML.replace("  - briefings\n", "  - briefings:\n" + options)
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")


def test_the_options_make_the_mail_settings(project: Path) -> None:
    write_config(project, OPTIONS)
    config = load_config(str(project / "mkdocs.yml"))
    settings = make_mail_settings(config.plugins["briefings"].config, config)
    assert settings == MailSettings(
        sender="digest@news.example.org",
        sender_name="Test briefings",  # site_name
        reply_to="desk@news.example.org",
        list_unsubscribe=("mailto:leave@news.example.org", "https://news.example.org/unsubscribe"),
        smtp_host="smtp.example.org",
        smtp_port=587,
        sent_record=project / ".briefings" / "sent.json",
    )
    build_site(project)  # valid options build
    assert not (project / ".briefings").exists()  # building sends nothing and records nothing


def test_without_a_sender_there_are_no_settings(project: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"))
    with pytest.raises(PluginError, match="newsletter_from: not set"):
        make_mail_settings(config.plugins["briefings"].config, config)
    build_site(project)  # and the site builds without any newsletter option


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("newsletter_from: digest", "newsletter_from: 'digest' is not an e-mail address"),
        (
            "newsletter_from: d@news.example.org\n      newsletter_reply_to: 'a@b.org, c@d.org'",
            "newsletter_reply_to: 'a@b.org, c@d.org' is not one e-mail address",
        ),
        (
            "newsletter_from: d@news.example.org\n"
            "      newsletter_list_unsubscribe: [javascript:alert(1)]",
            "newsletter_list_unsubscribe: 'javascript:alert(1)' is neither a mailto: nor",
        ),
        (
            "newsletter_from: d@news.example.org\n      newsletter_smtp_port: 70000",
            "newsletter_smtp_port: 70000 is not a port",
        ),
        (
            "newsletter_sent_record: briefings/sent.json",
            "newsletter_sent_record: briefings/sent.json is inside briefings_dir",
        ),
        (
            "newsletter_sent_record: docs/sent.json",
            "newsletter_sent_record: docs/sent.json is inside docs_dir",
        ),
    ],
)
def test_bad_newsletter_options_stop_the_build(
    project: Path, options: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    write_config(project, f"      {options}\n")
    with pytest.raises(Abort):
        build_site(project)
    assert f"briefings: {message}" in caplog.text
    assert "Traceback" not in caplog.text
