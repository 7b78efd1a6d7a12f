"""Reading a paper: the reader page (watermarked), the raw PDF for its frame, the download."""

from urllib.parse import quote

from csp.constants import SELF
from csp.decorators import csp_replace
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin

from renda.core.errors import NotPermitted, Refused
from renda.core.views.refusals import refusal_response

from .. import permissions
from ..models import DocKind, Document
from ..services import documents as docs


def _doc(request, pk: int) -> Document:
    d = get_object_or_404(Document.objects.select_related("item__meeting__body", "replaced_by"), pk=pk)
    if not permissions.can_read_document(request.user, d):
        raise Http404("材料不存在或无权阅读")
    return d


def reader(request, pk: int):
    d = _doc(request, pk)
    read = docs.open_for(d, request.user, download=False)
    return render(
        request,
        "meetings/reader.html",
        {
            "d": d,
            "m": d.item.meeting,
            "mark": docs.watermark_text(request.user, read.at),
            "marks": range(24),
            "paragraphs": docs.docx_paragraphs(d) if d.kind == DocKind.DOCX else [],
            "can_download": d.kind == DocKind.DOCX
            or permissions.can_manage(request.user, d.item.meeting)
            or docs.policy_for(d.item.meeting.body).pdf_download,
        },
    )


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def inline(request, pk: int):
    """The PDF shown in the reader page's frame (no download header), stamped like a download, so the
    browser viewer's own save button hands out a watermarked copy too. The reader page logged the read."""
    d = _doc(request, pk)
    if d.kind != DocKind.PDF:
        raise Http404("仅PDF材料可在线显示")
    try:
        data = docs.watermarked_pdf(d, user=request.user, at=timezone.now())
    except Refused as exc:
        return HttpResponse(exc.message, status=422, content_type="text/plain; charset=utf-8")
    return HttpResponse(data, content_type="application/pdf")


def download(request, pk: int):
    d = _doc(request, pk)
    try:
        read = docs.open_for(d, request.user, download=True)
    except (Refused, NotPermitted) as exc:
        return refusal_response(
            request, exc, redirect_to=reverse("meetings:reader", args=[d.pk]), action="下载材料"
        )
    name = request.user.full_name or request.user.username
    filename = quote(f"{d.title}（第{d.version}版·{name}）.{d.kind}")
    if d.kind == DocKind.DOCX:
        resp = HttpResponse(
            docs.watermarked_docx(d, read),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        try:
            data = docs.watermarked_pdf(d, user=read.user, at=read.at)
        except Refused as exc:
            return refusal_response(
                request, exc, redirect_to=reverse("meetings:reader", args=[d.pk]), action="下载材料"
            )
        resp = HttpResponse(data, content_type="application/pdf")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return resp


def latest(request, pk: int):
    """An old version's link leads to the newest one."""
    d = _doc(request, pk)
    while d.replaced:
        d = d.replaced_by
    return redirect("meetings:reader", d.pk)
