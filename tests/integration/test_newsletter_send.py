"""`briefings email DATE --eml/--send` end to end: the sample site's digest, made as the build
makes it, written as a message and sent to a real SMTP server on 127.0.0.1 (STARTTLS, login),
then parsed as received. The addresses are example ones."""

from __future__ import annotations

import email
import shutil
from email import policy
from email.message import EmailMessage
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from mkdocs_briefings.cli import cli

from ..conftest import ROOT
from ..unit.test_send import PASSWORD, USER, Server, ca, server

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["ca", "server"]  # the SMTP server fixtures, shared with the unit tests

DAY = "2025-11-18"
OPTIONS = """\
      newsletter_from: digest@news.example.org
      newsletter_list_unsubscribe: ["https://news.example.org/unsubscribe"]
      newsletter_smtp_host: 127.0.0.1
      newsletter_smtp_port: {port}
"""


def make_project(root: Path, port: int) -> None:
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, root / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    options = OPTIONS.format(port=port)
    (root / "mkdocs.yml").write_text(
        text.replace("  - briefings:\n", "  - briefings:\n" + options, 1), encoding="utf-8"
    )


def test_a_digest_is_written_as_a_message_and_sent_once(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path, server.port)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFINGS_SMTP_USER", USER)
    monkeypatch.setenv("BRIEFINGS_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("BRIEFINGS_SMTP_CAFILE", str(server.cafile))
    runner = CliRunner()

    written = runner.invoke(cli, ["email", DAY, "--eml", "out/digest.eml"])
    assert written.exit_code == 0, written.output
    saved = email.message_from_bytes(
        (tmp_path / "out" / "digest.eml").read_bytes(), policy=policy.default
    )
    assert isinstance(saved, EmailMessage)
    assert saved.get_content_type() == "multipart/alternative"
    assert saved["From"].addresses[0].addr_spec == "digest@news.example.org"
    assert saved["List-Unsubscribe"] == "<https://news.example.org/unsubscribe>"

    dry = runner.invoke(cli, ["email", DAY, "--send", "--to", "list@lists.example.net"])
    assert dry.exit_code == 0, dry.output
    assert server.inbox.received == []  # a dry run unless --no-dry-run
    refused = runner.invoke(cli, ["email", DAY, "--no-dry-run"])
    assert refused.exit_code == 2
    assert "--no-dry-run goes with --send" in refused.output

    sent = runner.invoke(
        cli, ["email", DAY, "--send", "--no-dry-run", "--to", "list@lists.example.net"]
    )
    assert sent.exit_code == 0, sent.output
    ((sender, recipients, message),) = server.inbox.received
    assert (sender, recipients) == ("digest@news.example.org", ["list@lists.example.net"])
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert not (tmp_path / "site").exists()  # the command builds nothing into site/
    made = runner.invoke(cli, ["email", DAY, "--text"])
    assert text.get_content().replace("\r\n", "\n") == made.output  # the build's email
    assert "Storm, festival and forecasts" in message["Subject"]

    again = runner.invoke(
        cli, ["email", DAY, "--send", "--no-dry-run", "--to", "list@lists.example.net"]
    )
    assert again.exit_code == 1
    assert len(server.inbox.received) == 1  # the record: never twice without --resend
    resent = runner.invoke(
        cli,
        ["email", DAY, "--send", "--no-dry-run", "--resend", "--to", "list@lists.example.net"],
    )
    assert resent.exit_code == 0, resent.output
    assert len(server.inbox.received) == 2


def test_out_and_text_are_done_with_eml_and_send_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--out and --text were dropped without a word when --eml or --send came with them."""
    make_project(tmp_path, 2525)  # a dry run: nothing connects
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    both = runner.invoke(cli, ["email", DAY, "--out", "out/digest.html", "--eml", "out/d.eml"])
    assert both.exit_code == 0, both.output
    assert (tmp_path / "out" / "d.eml").is_file()
    assert (tmp_path / "out" / "digest.html").is_file()
    assert (tmp_path / "out" / "digest.txt").is_file()
    text = runner.invoke(cli, ["email", DAY, "--text"])
    sent = runner.invoke(cli, ["email", DAY, "--text", "--send", "--to", "list@lists.example.net"])
    assert sent.exit_code == 0, sent.output
    assert text.output in sent.output
    assert "dry run: nothing sent" in sent.output


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--resend", "--to", "list@lists.example.net"], "--resend goes with --send"),
        (["--list", "readers.txt"], "--list goes with --send"),
        (["--to", "list@lists.example.net"], "--to goes with --send or --eml"),
        (["--eml", "out/d.eml", "--send"], "--send needs --to ADDRESS or --list FILE"),
        (
            ["--send", "--to", "list@lists.example.net", "--list", "readers.txt"],
            "--send needs --to ADDRESS or --list FILE",
        ),
    ],
)
def test_flags_that_do_nothing_alone_are_usage_errors(
    args: list[str], error: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'--resend' or '--list' without '--send' did nothing and exited 0, as if sent; '--send'
    without a recipient wrote the --eml file first, then failed."""
    make_project(tmp_path, 2525)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readers.txt").write_text("ann@readers.example.net\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["email", DAY, *args])
    assert done.exit_code == 2, done.output
    assert error in done.output
    assert not (tmp_path / "out").exists()
