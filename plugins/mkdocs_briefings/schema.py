"""The JSON Schema of the briefing format, for editors' YAML language servers.

Run ``python -m mkdocs_briefings.schema docs/schema/briefing.json --force`` to refresh it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .model import Briefing

SCHEMA_ID = "https://mkdocs-briefings.github.io/mkdocs-briefings/schema/briefing.json"


def briefing_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one briefing file."""
    schema = Briefing.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as stable, pretty-printed JSON."""
    return json.dumps(briefing_schema(), indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    """Print the schema, or write it to a file; a different file is replaced only with --force."""
    parser = argparse.ArgumentParser(prog="python -m mkdocs_briefings.schema", description=__doc__)
    parser.add_argument(
        "out", nargs="?", type=Path, help="file to write; standard output if left out"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing, different file")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    if args.out.exists() and args.out.read_text(encoding="utf-8") != text and not args.force:
        print(f"{args.out}: exists and differs; pass --force to replace it", file=sys.stderr)
        return 1
    write_atomically(args.out, text)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
