"""Issue 15 "Soft references in one spelling": the migrations that turn Message.suggestion_id into a foreign
key and Suggestion.origin_* / DutyRecord.source_* into content type references keep every link, both ways."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from renda.contact import services
from renda.contact.models import Message
from renda.duties import services as duties
from renda.duties.models import DutyRecord
from renda.suggestions import services as suggestions
from renda.suggestions.models import Suggestion

BEFORE = [
    ("contact", "0005_tracking_code_hash"),
    ("suggestions", "0003_reply_class_upper_level"),
    ("duties", "0003_leave_per_half_day"),
]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_migrations_keep_links_sources_and_unknown_strings(make_message, mandate, deputy_user):
    on = timezone.localdate() - dt.timedelta(days=1)
    m = services.convert(services.accept(make_message(), by=deputy_user), by=deputy_user, mandate=mandate)
    draft, dangling = m.suggestion, make_message(title="另一条留言")
    plain = suggestions.create_draft(mandate=mandate, title="热线转来", content="内容", by=deputy_user)
    rec = duties.record_automatic(mandate, duty_type_code="suggestion", on=on, source=draft, title="建议")
    demo = duties.record_automatic(mandate, duty_type_code="suggestion", on=on, source=plain, title="演示")

    old = _migrate(BEFORE)
    # Backwards: the content types became "app.model" strings again and the link a bare id.
    OldSuggestion, OldRecord = (
        old.get_model("suggestions", "Suggestion"),
        old.get_model("duties", "DutyRecord"),
    )
    assert OldSuggestion.objects.filter(pk=draft.pk).values_list("origin_type", "origin_id").get() == (
        "contact.message",
        str(m.pk),
    )
    assert OldRecord.objects.get(pk=rec.pk).source_type == "suggestions.suggestion"
    assert old.get_model("contact", "Message").objects.get(pk=m.pk).suggestion_id == draft.pk
    # Old-shape rows the new shape has no model for: a link to a deleted draft, strings naming no model.
    old.get_model("contact", "Message").objects.filter(pk=dangling.pk).update(suggestion_id=987654)
    OldSuggestion.objects.filter(pk=plain.pk).update(origin_type="hotline", origin_id="A-1")
    OldRecord.objects.filter(pk=demo.pk).update(source_type="demo.suggestion", source_id="abc")

    _migrate()
    assert Message.objects.get(pk=m.pk).suggestion == Suggestion.objects.get(pk=draft.pk)
    assert Message.objects.get(pk=dangling.pk).suggestion is None
    assert Suggestion.objects.get(pk=draft.pk).origin == Message.objects.get(pk=m.pk)
    kept = Suggestion.objects.get(pk=plain.pk)
    # Kept, not resolved: the content type names no installed model.
    assert (kept.origin_type.app_label, kept.origin_type.model, kept.origin_id) == (
        "legacy",
        "hotline",
        "A-1",
    )
    assert kept.origin_type.model_class() is None
    assert DutyRecord.objects.get(pk=rec.pk).source_object == Suggestion.objects.get(pk=draft.pk)
    demo = DutyRecord.objects.get(pk=demo.pk)
    assert (demo.source_type.app_label, demo.source_type.model, demo.source_id) == (
        "demo",
        "suggestion",
        "abc",
    )
    # Idempotency holds over migrated rows: the same source gives the same record, the database refuses a twin.
    again = duties.record_automatic(mandate, duty_type_code="suggestion", on=on, source=draft, title="建议")
    assert again.pk == rec.pk and DutyRecord.objects.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyRecord.objects.create(
            mandate=demo.mandate,
            body=demo.body,
            duty_type=demo.duty_type,
            on=on,
            title="重复",
            source=demo.source,
            source_type=demo.source_type,
            source_id="abc",
        )
