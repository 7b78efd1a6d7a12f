"""The items insight reads from other apps, as (kind, object) pairs, and their text."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

KINDS = ("message", "suggestion")

# The shared training data's seven board categories and the contact app's categories: the demo trains the
# category head on the board's messages, so their labels are mapped to the deployment's own set (1:1).
TEDDY_TO_CATEGORY = {
    "城乡建设": "city",
    "劳动和社会保障": "pensions",
    "教育文体": "education",
    "商贸旅游": "market",
    "环境保护": "environment",
    "卫生计生": "health",
    "交通运输": "roads",
}


def model_of(kind: str):
    if kind == "message":
        from renda.contact.models import Message

        return Message
    if kind == "suggestion":
        from renda.suggestions.models import Suggestion

        return Suggestion
    raise LookupError(kind)


def kind_of(obj) -> str:
    return "message" if obj._meta.label_lower == "contact.message" else "suggestion"


def content_type(kind: str) -> ContentType:
    return ContentType.objects.get_for_model(model_of(kind))


def text_of(obj) -> str:
    if kind_of(obj) == "message":
        return f"{obj.title}\n{obj.content}"
    return f"{obj.title}\n{obj.facts}\n{obj.proposals}"


def category_label(value: str) -> str:
    from renda.contact.choices import Category

    try:
        return Category(value).label
    except ValueError:
        return value
