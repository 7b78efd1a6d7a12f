from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse

from renda.core.models import Body, Level

from .links import LINKS


@login_not_required
def home(request):
    links = [
        {"title": link.title, "text": link.text, "url": reverse(link.url_name)}
        for link in sorted(LINKS, key=lambda item: item.order)
    ]
    county = (
        Body.objects.filter(level=Level.COUNTY, parent__isnull=True).first()
        or Body.objects.order_by("path").first()
    )
    return render(request, "portal/home.html", {"links": links, "county": county})
