"""schema: the committed JSON Schema matches the models."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_briefings.schema import main, schema_text

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "docs" / "schema" / "briefing.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `make schema` and commit docs/schema/briefing.json"


def test_schema_forbids_unknown_keys_and_requires_the_essentials() -> None:
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {
        "title",
        "category",
        "published",
        "key_points",
        "body",
        "sources",
    }
    assert schema["properties"]["key_points"]["maxItems"] == 5


def test_schema_refuses_to_overwrite_a_different_file(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    out.write_text("{}", encoding="utf-8")
    assert main([str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "{}"
    assert main([str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]  # no temporary file left
