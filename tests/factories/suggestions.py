"""Factories for suggestions. Most tests drive the services instead (see tests/suggestions/conftest.py)."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.suggestions.models import State, Suggestion
from tests.factories.deputies import MandateFactory


def reply_pdf(name: str = "答复函.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 reply", content_type="application/pdf")


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    lead = factory.SubFactory(MandateFactory)
    body = factory.SelfAttribute("lead.body")
    year = 2026
    title = factory.Sequence(lambda n: f"关于改善第{n}小区道路照明的建议")
    facts = "小区道路夜间照明不足，居民出行不便。"
    proposals = "建议增设路灯并定期检修。"
    card_number = factory.SelfAttribute("lead.card_number")
    contact = "13800000000"
    state = State.DRAFT
    created_by = factory.SelfAttribute("lead.person.user")
