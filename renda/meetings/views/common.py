from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Meeting


def meeting_for(request, pk: int) -> Meeting:
    """The meeting if the user may read it; not found and not yours look the same (house style)."""
    m = get_object_or_404(
        Meeting.objects.select_related("body", "session", "delegation", "current_item"), pk=pk
    )
    if not permissions.can_read(request.user, m):
        raise Http404("会议不存在或无权查看")
    return m
