from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import Notification


def inbox(request):
    page = Paginator(Notification.objects.filter(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page})


@require_POST
def read(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(note, by=request.user)
    return redirect(note.url or "notify:inbox")
