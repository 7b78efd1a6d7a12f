from django.db.models import Q, QuerySet
from django.http import Http404

from .models import DEPUTY_BODY_KINDS, Body, Unit
from .permissions import bodies_in_scope, is_business_user
from .queries import one_or_none
from .roles import UNIT_ROLES


def deputy_bodies(user) -> QuerySet[Body]:
    """The bodies in the user's scope in which deputies hold seats (`DEPUTY_BODY_KINDS`), in tree order."""
    return bodies_in_scope(user).filter(kind__in=DEPUTY_BODY_KINDS).order_by("path")


def body_for(user, pk: int) -> Body:
    """A body inside the user's scope; not found and not yours look the same."""
    body = one_or_none(bodies_in_scope(user).select_related("parent").filter(pk=pk))
    if body is None:
        raise Http404("记录不存在或无权查看")
    return body


def units_for(user, *, q: str = "") -> QuerySet[Unit]:
    """Units serving a body in the user's scope; a unit user sees only their own unit."""
    if not is_business_user(user):
        return Unit.objects.none()
    if user.role in UNIT_ROLES:
        qs = Unit.objects.filter(pk=user.unit_id)
    else:
        qs = Unit.objects.filter(body__path__startswith=user.body.scope_path)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(contact_name__icontains=q))
    return qs.select_related("body").order_by("body__path", "kind", "name")
