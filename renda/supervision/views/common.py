"""Helpers shared by the supervision screens."""

from datetime import date

from django.core.paginator import Paginator
from django.utils import timezone

from renda.core import params
from renda.core.models import Body, BodyKind, Unit
from renda.core.permissions import bodies_in_scope

PAGE = 30


def year_of(request) -> int:
    return params.year_param(request.GET.get("year"), default=timezone.localdate().year)


def home_body(user) -> Body:
    """The standing committee the user works for (its congress's committee for deputies)."""
    body = user.body or user.unit.body  # unit users belong to a unit, which answers to a congress
    if body.kind == BodyKind.CONGRESS:
        sc = Body.objects.filter(parent=body, kind=BodyKind.STANDING_COMMITTEE).first()
        return sc or body
    if body.kind in (BodyKind.SPECIAL_COMMITTEE, BodyKind.WORKING_COMMITTEE) and body.parent_id:
        return body.parent
    return body


def committees(user):
    return bodies_in_scope(user).filter(kind__in=[BodyKind.SPECIAL_COMMITTEE, BodyKind.WORKING_COMMITTEE])


def units_for(body: Body):
    """The units under the congress the standing committee belongs to."""
    ids = [body.pk] + ([body.parent_id] if body.parent_id else [])
    return Unit.objects.filter(body_id__in=ids, active=True).order_by("name")


def page(request, qs, n: int = PAGE):
    return Paginator(qs, n).get_page(request.GET.get("page"))


def date_param(raw) -> date | None:
    try:
        return date.fromisoformat(str(raw or "")[:10])
    except ValueError:
        return None


def text(request, name: str, limit: int = 2000) -> str:
    return params.text_param(request.POST.get(name), limit)


def pid(raw) -> int:
    return params.id_param(raw) or 0


def writer_context(request) -> dict:
    """What the staff's "new …" forms need: whether the user writes, and the units to choose from."""
    from .. import permissions

    can = permissions.can_write(request.user)
    return {"can_write": can, "units": units_for(home_body(request.user)) if can else []}
