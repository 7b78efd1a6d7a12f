"""The public portal: published items (a filtered copy), searchable, with replies and ratings."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from ..models import Publication


@login_not_required
def public_list(request):
    q = (request.GET.get("q") or "")[:50].strip()
    qs = (
        Publication.objects.filter(withdrawn=False)
        .order_by("-year", "-number")
        .select_related("body")
        .only(
            "id", "title", "number", "year", "deputies", "units", "state_label", "published_at", "body__name"
        )
    )
    if q:
        qs = qs.filter(search_text__icontains=q)
    y = request.GET.get("year") or ""
    if y.isdigit():
        qs = qs.filter(year=int(y))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    query = f"q={q}" if q else ""
    return render(request, "suggestions/public_list.html", {"page": page, "q": q, "query": query})


@login_not_required
def public_detail(request, pk: int):
    pub = get_object_or_404(Publication.objects.select_related("body"), pk=pk, withdrawn=False)
    return render(request, "suggestions/public_detail.html", {"pub": pub})
