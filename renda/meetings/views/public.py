"""The portal's page of published results of open (named) votes on meeting agenda items."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import votes


@login_not_required
def results(request):
    rows = []
    got = votes.engine()
    if got is not None:
        from django.contrib.contenttypes.models import ContentType

        from renda.voting.models import Poll

        from ..models import AgendaItem

        ct = ContentType.objects.get_for_model(AgendaItem)
        qs = Poll.objects.filter(content_type=ct, secret=False, state="announced").order_by(
            "-closed_at", "-id"
        )
        page = Paginator(qs, 20).get_page(request.GET.get("page"))
        items = {
            i.pk: i
            for i in AgendaItem.objects.filter(pk__in=[p.object_id for p in page]).select_related("meeting")
        }
        rows = [(p, items.get(int(p.object_id)), votes.result(p, names=True)) for p in page]
    else:
        page = None
    return render(
        request, "meetings/public_results.html", {"rows": rows, "page": page, "engine": got is not None}
    )
