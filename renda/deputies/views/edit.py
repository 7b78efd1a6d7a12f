"""Staff writes: a person's record, a new seat (当选/补选), a mandate's groups, a change of mandate."""

from django.http import Http404
from django.shortcuts import redirect, render

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions, selectors, services, workflow
from ..forms import ChangeForm, ElectForm, MandateForm, PersonForm
from ..models import Person
from .common import deputy_bodies


def _refused(request, form, exc: Refused, template: str, ctx: dict):
    audit.record_refusal(exc, by=request.user)
    form.add_error(None, exc.message)
    return render(request, template, {"form": form, **ctx}, status=422)


def person_new(request):
    """A new person together with their first seat (one natural person, then mandates)."""
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    form = PersonForm(request.POST or None, request.FILES or None)
    elect = ElectForm(request.POST or None, bodies=bodies, prefix="seat")
    if request.method == "POST" and form.is_valid() and elect.is_valid():
        try:
            person = _create(request.user, form, elect)
        except Refused as exc:
            return _refused(request, form, exc, "deputies/person_form.html", {"elect": elect, "new": True})
        return redirect("deputies:person", pk=person.pk)
    return render(
        request,
        "deputies/person_form.html",
        {"form": form, "elect": elect, "new": True},
        status=422 if request.method == "POST" else 200,
    )


def _create(user, form: PersonForm, elect: ElectForm) -> Person:
    e = elect.cleaned_data
    return services.register_deputy(
        person=form.values(),
        term=e["term"],
        on=e["on"],
        by=user,
        kind=e["kind"],
        reason=e["reason"],
        constituency=e["constituency"],
        delegation=e["delegation"],
        group=e["group"],
        card_number=e["card_number"],
        electing_body=e["electing_body"],
    )


def person_edit(request, pk: int):
    permissions.require_read(request.user)
    person = selectors.person_in_scope(request.user, pk)
    form = PersonForm(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_person(person, by=request.user, **form.values())
        except Refused as exc:
            return _refused(request, form, exc, "deputies/person_form.html", {"person": person})
        return redirect("deputies:person", pk=person.pk)
    return render(
        request,
        "deputies/person_form.html",
        {"form": form, "person": person},
        status=422 if request.method == "POST" else 200,
    )


def mandate_add(request, pk: int):
    """Another seat for an existing person (e.g. a county deputy also elected to the township congress)."""
    permissions.require_read(request.user)
    person = selectors.person_in_scope(request.user, pk)
    form = ElectForm(request.POST or None, bodies=deputy_bodies(request.user))
    if request.method == "POST" and form.is_valid():
        e = form.cleaned_data
        try:
            services.elect(
                person,
                term=e["term"],
                on=e["on"],
                by=request.user,
                kind=e["kind"],
                reason=e["reason"],
                constituency=e["constituency"],
                delegation=e["delegation"],
                group=e["group"],
                card_number=e["card_number"],
                electing_body=e["electing_body"],
            )
        except Refused as exc:
            return _refused(request, form, exc, "deputies/mandate_add.html", {"person": person})
        return redirect("deputies:person", pk=person.pk)
    return render(
        request,
        "deputies/mandate_add.html",
        {"form": form, "person": person},
        status=422 if request.method == "POST" else 200,
    )


def mandate_edit(request, pk: int):
    permissions.require_read(request.user)
    mandate = selectors.mandate_in_scope(request.user, pk)
    initial = {
        "delegation": mandate.delegation,
        "group": mandate.group,
        "card_number": mandate.card_number,
        "re_elected": mandate.re_elected,
        "professional_groups": list(mandate.professional_groups.all()),
        "stations": list(mandate.stations.all()),
    }
    form = MandateForm(request.POST or None, body=mandate.body, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_mandate(
                mandate,
                by=request.user,
                delegation=d["delegation"],
                group=d["group"],
                card_number=d["card_number"],
                re_elected=d["re_elected"],
                professional_groups=list(d["professional_groups"]),
                stations=list(d["stations"]),
            )
        except Refused as exc:
            return _refused(request, form, exc, "deputies/mandate_edit.html", {"mandate": mandate})
        return redirect("deputies:person", pk=mandate.person_id)
    return render(
        request,
        "deputies/mandate_edit.html",
        {"form": form, "mandate": mandate},
        status=422 if request.method == "POST" else 200,
    )


def mandate_change(request, pk: int):
    """Record a change of mandate: the kinds offered are the ones the state table allows now."""
    permissions.require_read(request.user)
    mandate = selectors.mandate_in_scope(request.user, pk)
    if not permissions.can_manage(request.user, mandate.body):
        raise Http404
    kinds = [s.action for s in workflow.allowed(mandate, request.user)]
    form = ChangeForm(request.POST or None, kinds=kinds, body=mandate.body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.record_change(
                mandate,
                kind=d["kind"],
                on=d["on"],
                reason=d["reason"],
                by=request.user,
                document=d["document"],
                constituency=d["constituency"],
            )
        except Refused as exc:
            return _refused(request, form, exc, "deputies/mandate_change.html", {"mandate": mandate})
        return redirect("deputies:person", pk=mandate.person_id)
    return render(
        request,
        "deputies/mandate_change.html",
        {"form": form, "mandate": mandate},
        status=422 if request.method == "POST" else 200,
    )
