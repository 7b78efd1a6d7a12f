"""The standing-committee member's screen: my deputies, what they raised and did, and my contacts."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .. import permissions, selectors, services
from ..forms import ContactForm
from .common import run_form


def member(request):
    if not permissions.is_member(request.user):
        raise Http404("仅常委会组成人员使用")
    year = timezone.localdate().year
    overview = selectors.member_overview(request.user, year=year)
    form = ContactForm(request.POST or None, mandates=selectors.linked_mandates(request.user))
    ctx = {"o": overview, "year": year, "seat": permissions.seats_of(request.user).first()}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.record_contact(request.user, by=request.user, **d),
            ok="联系情况已记录，并记入所联系代表的履职档案",
            to="liaison:member",
            template="liaison/member.html",
            ctx=ctx,
            action="liaison.record_contact",
        )
    return render(request, "liaison/member.html", {**ctx, "form": form})
