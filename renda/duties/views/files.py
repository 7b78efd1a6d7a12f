"""The duty file (履职档案): a page, a PDF and a Word document, for the deputy and for staff in scope."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from renda.core import downloads
from renda.core.errors import Refused
from renda.core.permissions import has_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response

from .. import pdf, permissions, selectors, services, word
from ..forms import AwardForm
from ..services import duty_file


def _mandate_id(request, pk: int) -> int:
    if not has_role(request.user, Role.DEPUTY, Role.STAFF, Role.LEADER):
        raise Http404
    if not selectors.mandates_visible(request.user).filter(pk=pk).exists():
        raise Http404("记录不存在或无权查看")
    return pk


def file_page(request, pk: int):
    f = duty_file.build(_mandate_id(request, pk))
    can_manage = permissions.can_manage(request.user, f.mandate.body)
    form = AwardForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.add_award(f.mandate, by=request.user, **form.cleaned_data)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=request.path, action="duty.add_award")
        messages.success(request, "表彰奖励已记入履职档案。")
        return redirect(request.path)
    return render(request, "duties/file.html", {"f": f, "m": f.mandate, "award_form": form})


def file_pdf(request, pk: int):
    f = duty_file.build(_mandate_id(request, pk))
    return downloads.attachment(pdf.render(f), f"{f.mandate.person.name}履职档案.pdf")


def file_docx(request, pk: int):
    f = duty_file.build(_mandate_id(request, pk))
    return downloads.attachment(word.render(f), f"{f.mandate.person.name}履职档案.docx")
