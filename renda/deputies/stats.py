"""Composition of a roster (代表构成): the shares every congress reports — gender, age, party, ethnicity,
occupation category, education, re-election. One aggregate query per figure."""

from datetime import date

from django.db.models import Count, QuerySet

from .choices import PARTY_UNKNOWN, Education, Gender, OccupationCategory, Party

AGE_BANDS = ((0, 35, "35岁及以下"), (36, 45, "36–45岁"), (46, 55, "46–55岁"), (56, 200, "56岁及以上"))


def _share(rows, labels: dict, total: int) -> list[dict]:
    out = [
        {
            "key": k,
            "label": labels.get(k, k or "未填写"),
            "count": n,
            "share": round(100 * n / total, 1) if total else 0.0,
        }
        for k, n in rows
    ]
    return sorted(out, key=lambda r: -r["count"])


def composition(mandates: QuerySet, *, on: date) -> dict:
    """Shares of the given mandates' persons; `on` fixes the date ages are counted at."""
    persons = mandates.values("person")
    from .models import Person

    people = Person.objects.filter(pk__in=persons)
    total = people.count()

    def by(field):
        return list(people.values_list(field).annotate(n=Count("id")).order_by())

    ages = [0] * len(AGE_BANDS)
    # A year-only birth date is stored as 1 January: the age band may then be one year high.
    for (birth,) in people.values_list("birth_date"):
        if birth is None:
            continue
        age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
        for i, (lo, hi, _label) in enumerate(AGE_BANDS):
            if lo <= age <= hi:
                ages[i] += 1
    ethnic = by("ethnicity")
    minority = sum(n for e, n in ethnic if e and e != "汉族")
    women = sum(n for g, n in by("gender") if g == Gender.FEMALE)
    re_elected = mandates.filter(re_elected=True).values("person").distinct().count()

    def pct(n: int) -> float:
        return round(100 * n / total, 1) if total else 0.0

    return {
        "total": total,
        "women_share": pct(women),
        "minority_share": pct(minority),
        "seats": mandates.count(),
        "women": women,
        "minority": minority,
        "re_elected": re_elected,
        "gender": _share(by("gender"), dict(Gender.choices), total),
        "party": _share(by("party"), {**dict(Party.choices), "": PARTY_UNKNOWN}, total),
        "ethnicity": _share(ethnic, {}, total),
        "category": _share(by("occupation_category"), dict(OccupationCategory.choices), total),
        "education": _share(by("education"), dict(Education.choices), total),
        "age": [
            {"key": label, "label": label, "count": n, "share": round(100 * n / total, 1) if total else 0.0}
            for (_lo, _hi, label), n in zip(AGE_BANDS, ages, strict=True)
        ],
    }
