"""What the user typed into an action form that was refused, kept for the page the refusal returns to.

Action forms post, and a refusal redirects back to the item's page (full-page posts use messages.error and
redirect). The redirect would drop what was typed — a deputy's evaluation, a unit's reply —
so the posted text is kept in the session for that one next view of the item and put back into its form. Files
cannot be put back into a file input: the form says so beside the field (issue 14)."""

from django.http import QueryDict

KEY = "suggestions.typed"
SKIP = {"csrfmiddlewaretoken", "next"}


def keep(request, *, pk: int, action: str) -> None:
    data = {k: [v[:20000] for v in request.POST.getlist(k)][:300] for k in request.POST if k not in SKIP}
    files = sorted(f.name for f in request.FILES.values())
    request.session[KEY] = {"pk": pk, "action": action, "data": data, "files": files}


def take(request, pk: int) -> tuple[str, QueryDict | None, list[str]]:
    """(action, what was posted, names of files that were chosen) — once; nothing for another item."""
    kept = request.session.get(KEY)
    if not kept:
        return "", None, []
    del request.session[KEY]
    if kept.get("pk") != pk:
        return "", None, []
    data = QueryDict(mutable=True)
    for k, values in kept.get("data", {}).items():
        data.setlist(k, values)
    return kept.get("action", ""), data, kept.get("files", [])
