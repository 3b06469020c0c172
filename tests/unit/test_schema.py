"""schema: the committed JSON Schema matches the models."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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


# What editors check a "format" against: the JSON language service behind VS Code's YAML
# extension (yaml-language-server) asserts formats with these RFC 3339 patterns.
EDITOR_FORMATS = {
    "date": r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    "date-time": r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):"
    r"([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([01][0-9]|2[0-3]):([0-5][0-9]))$",
}


def _editor_accepts(schema: dict[str, Any], value: str) -> bool:
    return any(
        "pattern" in alt
        and re.search(alt["pattern"], value)
        and re.match(EDITOR_FORMATS.get(alt.get("format", ""), ""), value, re.IGNORECASE)
        for alt in schema["anyOf"]
    )


@pytest.mark.parametrize("key", ["published", "updated", "change"])
def test_schema_takes_the_documented_times_and_refuses_one_without_its_offset(key: str) -> None:
    schema = json.loads(schema_text())
    found = {
        "published": schema["properties"]["published"],
        "updated": schema["properties"]["updated"],
        "change": schema["$defs"]["Change"]["properties"]["date"],
    }[key]
    # The forms format.md shows ("Times and scheduling"); the loader reads each of them.
    for value in ("2025-11-14", "2025-11-14T09:30+01:00", "2025-11-14T08:30Z", "2025-11-14 14:00Z"):
        assert _editor_accepts(found, value), value
    assert not _editor_accepts(found, "2025-11-14T09:30")  # the loader refuses it: no offset
