"""Check a Popolo export against the Popolo JSON Schemas (read from /work/shared/data, never copied) and
what the schemas cannot: unique ids, every *_id resolving, start ≤ end."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

SCHEMAS = Path("/work/shared/data/popolo-schemas")
KINDS = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "posts": "post",
    "areas": "area",
    "events": "event",
}
TARGETS = {
    "person_id": "persons",
    "organization_id": "organizations",
    "post_id": "posts",
    "area_id": "areas",
    "on_behalf_of_id": "organizations",
    "legislative_period_id": "events",
    "parent_id": None,  # within the same list
}


@cache
def _validators() -> dict:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT3)))
    registry = Registry().with_resources(resources)
    return {
        key: Draft3Validator(json.loads((SCHEMAS / f"{name}.json").read_text()), registry=registry)
        for key, name in KINDS.items()
    }


def validate(data: dict) -> dict[str, set]:
    """Assert `data` is valid Popolo; return the ids of each list."""
    for key, validator in _validators().items():
        assert data[key] or key in ("posts", "areas"), key  # a delegation-only congress has no posts
        for item in data[key]:
            errors = list(validator.iter_errors(item))
            assert not errors, (key, item, errors[0].message)
    ids = {key: {item["id"] for item in data[key]} for key in KINDS}
    for key in KINDS:
        assert len(ids[key]) == len(data[key]), f"duplicate ids in {key}"
    for key, items in data.items():
        for item in items:
            for field, value in item.items():
                if field.endswith("_id") and value is not None:
                    assert value in ids[TARGETS[field] or key], (key, field, value)
            if item.get("start_date") and item.get("end_date"):
                assert item["start_date"] <= item["end_date"], item
    events = {e["id"]: e for e in data["events"]}
    assert all(e["classification"] == "legislative period" for e in events.values())
    assert all(m["legislative_period_id"] in events for m in data["memberships"])
    return ids
