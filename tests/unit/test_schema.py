"""schema: the committed JSON Schema matches the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_briefings.schema import main, schema_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["briefing.json", "digest.json", "people.json"])
def test_committed_schemas_are_current(name: str) -> None:
    committed = (ROOT / "docs" / "schema" / name).read_text(encoding="utf-8")
    assert committed == schema_text(name), f"run `make schema` and commit docs/schema/{name}"


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
    out = tmp_path / "briefing.json"
    out.write_text("{}", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert out.read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "digest.json").read_text(encoding="utf-8") == schema_text("digest.json")
    assert main([str(tmp_path), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "briefing.json",
        "digest.json",
        "people.json",
    ]


def test_schema_names_the_image_kind_and_takes_a_story_name_as_written() -> None:
    schema = json.loads(schema_text())
    image = schema["$defs"]["Image"]["properties"]
    assert image["kind"]["enum"] == ["photo", "illustration", "graphic"]
    assert image["kind"]["default"] == "photo"
    (story, _none) = schema["properties"]["story"]["anyOf"]
    # A name as readers see it ('Port Anselm sea wall'), not a slug: no pattern.
    assert story == {"maxLength": 100, "minLength": 1, "type": "string"}


def test_people_schema_keys_people_by_slug_and_forbids_other_keys() -> None:
    schema = json.loads(schema_text("people.json"))
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    (person,) = schema["patternProperties"].values()
    assert person == {"$ref": "#/$defs/Person"}
    fields = schema["$defs"]["Person"]["properties"]
    assert set(fields) == {"name", "role", "bio", "avatar", "links", "fediverse"}
    assert schema["$defs"]["Person"]["required"] == ["name"]
    assert schema["$defs"]["Person"]["additionalProperties"] is False
