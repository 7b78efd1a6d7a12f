"""The duty file (履职档案): a page, a PDF and a Word document, for the deputy and for staff in scope."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from renda.core.permissions import has_role
from renda.core.roles import Role

from .. import pdf, selectors, word
from ..services import duty_file


def _mandate_id(request, pk: int) -> int:
    if not has_role(request.user, Role.DEPUTY, Role.STAFF, Role.LEADER):
        raise Http404
    if not selectors.mandates_visible(request.user).filter(pk=pk).exists():
        raise Http404("记录不存在或无权查看")
    return pk


def file_page(request, pk: int):
    f = duty_file.build(_mandate_id(request, pk))
    return render(request, "duties/file.html", {"f": f, "m": f.mandate})


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    from urllib.parse import quote

    resp = HttpResponse(data, content_type=content_type)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


def file_pdf(request, pk: int):
    f = duty_file.build(_mandate_id(request, pk))
    return _download(pdf.render(f), f"{f.mandate.person.name}履职档案.pdf", "application/pdf")


def file_docx(request, pk: int):
    f = duty_file.build(_mandate_id(request, pk))
    return _download(word.render(f), f"{f.mandate.person.name}履职档案.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
