"""Popolo export (https://www.popoloproject.com): persons, organizations, memberships, posts, areas.

Mapping: a congress is an Organization (legislature) with its Area (the region); each term (届) is an
Event (classification "legislative period", organised by the congress), referenced by each membership's
`legislative_period_id` as the Popolo spec defines it; a
delegation (代表团) is an Organization and the membership is `on_behalf_of` it; a constituency (选区) is
an Area and its seats are one Post of the congress. Only public fields: no ID, phone or address.
"""

from renda.core.models import Body

from . import dates
from .models import Constituency, Delegation, Mandate, Term

GENDER = {"M": "male", "F": "female"}


def _org(pk: int) -> str:
    return f"org-body-{pk}"


def _term_event(pk: int) -> str:
    return f"event-term-{pk}"


def _body_area(pk: int) -> str:
    return f"area-body-{pk}"


def export(*, body: Body | None = None, image_base: str = "") -> dict:
    mandates = Mandate.objects.all()
    if body is not None:
        mandates = mandates.filter(body__path__startswith=body.path)
    rows = list(
        mandates.values(
            "id",
            "person_id",
            "body_id",
            "term_id",
            "constituency_id",
            "delegation_id",
            "start_date",
            "end_date",
            "status",
            "level",
        ).order_by("id")
    )
    person_ids = {r["person_id"] for r in rows}
    body_ids = {r["body_id"] for r in rows}
    # Persons, with only what the congress publishes about its deputies.
    from .models import Person

    persons = []
    for p in (
        Person.objects.filter(pk__in=person_ids)
        .values(
            "id",
            "name",
            "name_pinyin",
            "gender",
            "birth_date",
            "birth_precision",
            "occupation",
            "work_unit",
            "photo",
        )
        .order_by("id")
    ):
        item = {
            "id": f"person-{p['id']}",
            "name": p["name"],
            "sort_name": p["name_pinyin"] or p["name"],
            "gender": GENDER.get(p["gender"]),
            "summary": p["occupation"] or None,
        }
        if p["birth_date"]:
            # 出生年月, as published deputy lists show; only the year when that is all that is known.
            coarse = dates.YEAR if p["birth_precision"] == dates.YEAR else dates.MONTH
            item["birth_date"] = dates.partial_iso(p["birth_date"], coarse)
        if p["photo"] and image_base:
            item["image"] = f"{image_base.rstrip('/')}/{p['photo']}"
        persons.append(item)

    # Bodies and every ancestor, so parent_id and area parent_id always resolve.
    bodies = {b.pk: b for b in Body.objects.filter(pk__in=body_ids)}
    ancestor_ids = {int(x) for b in bodies.values() for x in b.path.strip("/").split("/") if x}
    bodies.update({b.pk: b for b in Body.objects.filter(pk__in=ancestor_ids - set(bodies))})
    organizations, areas = [], []
    for b in sorted(bodies.values(), key=lambda b: b.path):
        org = {
            "id": _org(b.pk),
            "name": b.name,
            "classification": "legislature" if b.pk in body_ids else b.kind,
            "area_id": _body_area(b.pk),
        }
        if b.parent_id in bodies:
            org["parent_id"] = _org(b.parent_id)
        organizations.append(org)
        area = {
            "id": _body_area(b.pk),
            "name": b.region_name or b.name,
            "classification": b.level,
            "identifier": b.region_code or None,
        }
        if b.parent_id in bodies:
            area["parent_id"] = _body_area(b.parent_id)
        areas.append(area)
    terms = {t.pk: t for t in Term.objects.filter(pk__in={r["term_id"] for r in rows})}
    events = [
        {
            "id": _term_event(t.pk),
            "name": f"{bodies[t.body_id].name}{t}",
            "classification": "legislative period",
            "organization_id": _org(t.body_id),
            "start_date": t.start_date.isoformat(),
            "end_date": t.end_date.isoformat() if t.end_date else None,
        }
        for t in sorted(terms.values(), key=lambda t: (t.body_id, t.number))
    ]
    for d in Delegation.objects.filter(
        pk__in={r["delegation_id"] for r in rows if r["delegation_id"]}
    ).order_by("id"):
        organizations.append(
            {
                "id": f"org-delegation-{d.pk}",
                "name": d.name,
                "classification": "delegation",
                "parent_id": _org(d.body_id),
            }
        )
    posts = []
    cons = Constituency.objects.filter(pk__in={r["constituency_id"] for r in rows if r["constituency_id"]})
    township_ids = set(cons.exclude(township__isnull=True).values_list("township_id", flat=True)) - set(
        bodies
    )
    for b in Body.objects.filter(pk__in=township_ids):
        # A township that has no deputies of its own (a sub-district) still names the area.
        areas.append(
            {
                "id": _body_area(b.pk),
                "name": b.region_name or b.name,
                "classification": b.level,
                "identifier": b.region_code or None,
                **({"parent_id": _body_area(b.parent_id)} if b.parent_id in bodies else {}),
            }
        )
    for c in cons.order_by("id"):
        area = {"id": f"area-constituency-{c.pk}", "name": c.name, "classification": "constituency"}
        area["parent_id"] = _body_area(c.township_id or c.body_id)
        areas.append(area)
        posts.append(
            {
                "id": f"post-constituency-{c.pk}",
                "label": f"{c.name}代表",
                "role": "代表",
                "organization_id": _org(c.body_id),
                "area_id": area["id"],
            }
        )
    memberships = []
    for r in rows:
        term = terms[r["term_id"]]
        m = {
            "id": f"membership-{r['id']}",
            "person_id": f"person-{r['person_id']}",
            "organization_id": _org(r["body_id"]),
            "role": "代表",
            "label": f"{bodies[r['body_id']].name}{term}代表",
            "legislative_period_id": _term_event(term.pk),
            "start_date": r["start_date"].isoformat(),
            "end_date": r["end_date"].isoformat() if r["end_date"] else None,
        }
        if r["constituency_id"]:
            m["post_id"] = f"post-constituency-{r['constituency_id']}"
            m["area_id"] = f"area-constituency-{r['constituency_id']}"
        if r["delegation_id"]:
            m["on_behalf_of_id"] = f"org-delegation-{r['delegation_id']}"
        memberships.append(m)
    return {
        "persons": persons,
        "organizations": organizations,
        "memberships": memberships,
        "posts": posts,
        "areas": areas,
        "events": events,
    }
