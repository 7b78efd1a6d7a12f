"""Which ContactPolicy applies to a body: its own, else the nearest above it, else the defaults."""

from renda.core.models import Body

from .models import ContactPolicy


def for_body(body: Body) -> ContactPolicy:
    ids = [int(p) for p in body.path.strip("/").split("/") if p] or [body.pk]
    rows = {p.body_id: p for p in ContactPolicy.objects.filter(body_id__in=ids)}
    for pk in reversed(ids):
        if pk in rows:
            return rows[pk]
    return ContactPolicy(body=body)
