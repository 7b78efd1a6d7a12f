"""What the survey services share: staff check, the row lock, the frozen-questions rule, the cache."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import body_in_scope, require_role
from renda.core.roles import Role

from ..models import (
    Survey,
)

STAFF = {Role.STAFF}
DEVICE_SALT = "renda.surveys.device"

# Rating presets: label and score on 0–100 (docs/surveys.md "Scores").
SCALES = {
    "sat3": (("满意", 100), ("基本满意", 60), ("不满意", 0)),
    "five": (("1 很不满意", 0), ("2 不太满意", 25), ("3 一般", 50), ("4 比较满意", 75), ("5 很满意", 100)),
}
SCALE_LABELS = {"sat3": "满意 / 基本满意 / 不满意", "five": "1–5 分"}


def _staff(user, survey: Survey | None = None, action: str = "") -> None:
    require_role(user, STAFF, action=action)
    if survey is not None and not body_in_scope(user, survey.body):
        raise NotPermitted("not_in_scope", "该问卷不属于您的机关")


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def require_editable(survey: Survey) -> None:
    """Questions are frozen once an answer exists: answers point at option ids, and an edited option would
    silently change what past answers mean (wave2-references.md lesson 1). Changes go into a new version."""
    if survey.participations.exists():
        raise Refused(
            "survey_has_answers", "该问卷已有答卷，题目不能再修改；如需调整，请“复制为新版本”后修改并重新发布"
        )


def _touch(survey: Survey) -> None:
    Survey.objects.filter(pk=survey.pk).update(structure=F("structure") + 1, updated_at=timezone.now())
    survey.refresh_from_db(fields=["structure", "updated_at"])
    _forget(survey)


def _forget(survey: Survey) -> None:
    """Drop the public answer path's cached row (selectors.public_survey) in every worker at once (the cache
    is shared)."""
    from django.core.cache import cache

    from ..selectors import public_key

    key = public_key(survey.slug)
    cache.delete(key)  # now, and again after commit: a reader may have cached the old row in between
    transaction.on_commit(lambda: cache.delete(key))


# The survey --------------------------------------------------------------------------------------------------
