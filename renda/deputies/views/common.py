"""Pieces the staff views share: the bodies deputies sit in, within the viewer's scope."""

from django.db.models import QuerySet

from renda.core.models import Body, BodyKind
from renda.core.permissions import bodies_in_scope

# Bodies that have deputies: people's congresses and township presidiums (a township's congress).
CONGRESS_KINDS = (BodyKind.CONGRESS, BodyKind.PRESIDIUM)


def deputy_bodies(user) -> QuerySet[Body]:
    return bodies_in_scope(user).filter(kind__in=CONGRESS_KINDS).order_by("path")
