"""The JSON Schemas of briefing and digest files, for editors' YAML language servers.

Run ``python -m mkdocs_briefings.schema docs/schema --force`` to refresh them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Briefing, Digest, People
from .writing import write_atomically

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_BASE = "https://mkdocs-briefings.github.io/mkdocs-briefings/schema/"
SCHEMAS: dict[str, type[BaseModel]] = {
    "briefing.json": Briefing,
    "digest.json": Digest,
    "people.json": People,
}
BRIEFING_SCHEMA = Path("schema") / "briefing.json"
"""Where the briefing schema is, inside the docs folder."""


def schema_reference(folder: Path, docs: Path) -> str:
    """The briefing schema's path as seen from a file in ``folder`` ('../docs/schema/...').

    Why relative: editors resolve the `$schema` comment against the file's own folder, so a
    file written outside briefings/ needs its own way back to docs/.
    """
    return Path(os.path.relpath(docs / BRIEFING_SCHEMA, folder)).as_posix()


def model_schema(name: str = "briefing.json") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file: 'briefing.json' or 'digest.json'."""
    schema = SCHEMAS[name].model_json_schema()
    meta = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_BASE + name}
    return {**meta, **schema}


def schema_text(name: str = "briefing.json") -> str:
    """A schema as stable, pretty-printed JSON."""
    return json.dumps(model_schema(name), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the briefing schema, or write every schema into a folder.

    A file that exists and differs is replaced only with --force.
    """
    parser = argparse.ArgumentParser(prog="python -m mkdocs_briefings.schema", description=__doc__)
    parser.add_argument(
        "out", nargs="?", type=Path, help="folder to write; standard output if left out"
    )
    parser.add_argument("--force", action="store_true", help="replace existing, different files")
    args = parser.parse_args(argv)
    if args.out is None:
        sys.stdout.write(schema_text())
        return 0
    status = 0
    for name in SCHEMAS:
        target, text = args.out / name, schema_text(name)
        if target.exists() and target.read_text(encoding="utf-8") != text and not args.force:
            print(f"{target}: exists and differs; pass --force to replace it", file=sys.stderr)
            status = 1
            continue
        write_atomically(target, text)
        print(target)
    return status


if __name__ == "__main__":
    sys.exit(main())
