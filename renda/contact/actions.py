"""The one action table of contact: what each step on a voter's message reads and which service it calls.

The message's page (views/handling.py, from its form's cleaned data), the staff API (POST
/api/v1/contact/messages/{id}/actions) and the voter's rating by tracking code (public page and public API)
look an action up here, fill one `ActionIn` and call the same function; the success message defaults to
the workflow step's label (workflow.py). `page_form` is the page's own form for the step: it checks types
and lengths with the page's messages and hands its cleaned data on through `page_values`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django import forms as django_forms
from ninja import Schema
from pydantic import Field

from renda.api.schema import Text
from renda.core.errors import Refused
from renda.core.models import Unit

from . import forms, services, workflow
from .choices import NotAcceptedReason, Rating, Urgency
from .models import Message


class ActionIn(Schema):
    """Everything an action may carry; each action reads the fields it needs (the rest stay empty)."""

    text: Text(4000) = Field("", description="答复、退回理由，或受理、不予受理、转办、转12345、办结的说明")
    reason: Literal[tuple(NotAcceptedReason.values)] | None = None  # type: ignore[valid-type]
    unit_id: int | None = Field(None, ge=1, le=2**62)
    ref: Text(40) = ""
    urgency: Literal[tuple(Urgency.values)] = Urgency.ORDINARY  # type: ignore[valid-type]
    rating: Literal[tuple(Rating.values)] | None = Field(  # type: ignore[valid-type]
        None, description="仅回访评价（rate）使用：工作人员在页面记录，选民凭查询码评价"
    )
    resolved: bool = Field(False, description="仅回访评价（rate）使用：问题是否已解决")


def accept(m: Message, d: ActionIn, by) -> Message:
    return services.accept(m, urgency=d.urgency, note=d.text, by=by)


def reject(m: Message, d: ActionIn, by) -> Message:
    return services.reject(m, reason=d.reason or "", note=d.text, by=by)


def answer(m: Message, d: ActionIn, by) -> Message:
    return services.answer(m, text=d.text, by=by)


def forward(m: Message, d: ActionIn, by) -> Message:
    # Any unit by id: the service refuses one that is inactive or outside the message's area, with a reason.
    unit = Unit.objects.filter(pk=d.unit_id).select_related("body").first() if d.unit_id else None
    return services.forward(m, unit=unit, note=d.text, by=by)


def convert(m: Message, d: ActionIn, by) -> Message:
    return services.convert(m, by=by)


def hotline(m: Message, d: ActionIn, by) -> Message:
    return services.hand_to_hotline(m, ref=d.ref, note=d.text, by=by)


def return_to_staff(m: Message, d: ActionIn, by) -> Message:
    return services.return_to_staff(m, reason=d.text, by=by)


def reply(m: Message, d: ActionIn, by) -> Message:
    return services.reply(m, text=d.text, by=by)


def rate(m: Message, d: ActionIn, by) -> Message:
    return services.rate(m, rating=d.rating or "", resolved=d.resolved, note=d.text, by=by)


def close(m: Message, d: ActionIn, by) -> Message:
    return services.close(m, note=d.text, by=by)


def _accept_values(d: dict) -> dict:
    return {"urgency": d["urgency"], "text": d["note"]}


def _reject_values(d: dict) -> dict:
    return {"reason": d["reason"], "text": d["note"]}


def _text_values(d: dict) -> dict:
    return {"text": d["text"]}


def _forward_values(d: dict) -> dict:
    return {"unit_id": d["unit"].pk, "text": d["note"]}


def _hotline_values(d: dict) -> dict:
    return {"ref": d["ref"], "text": d["note"]}


def _rate_values(d: dict) -> dict:
    return {"rating": d["rating"], "resolved": d["resolved"], "text": d["note"]}


@dataclass(frozen=True)
class Action:
    run: Callable[[Message, ActionIn, Any], Message]
    step: str = ""  # the workflow action where it is no Python name ("return"); else the function's name
    done: str = ""  # the success message, when the step's label alone says too little
    api: bool = True  # the call-back rating is recorded on the page only (the voter rates by code)
    page_form: type[django_forms.Form] | None = None  # the page's form for the step; none: a bare button
    page_values: Callable[[dict], dict] | None = None  # the page form's cleaned data → ActionIn fields

    @property
    def name(self) -> str:
        return self.step or self.run.__name__


# In the workflow table's order, which is also the order the API lists its actions in.
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(accept, page_form=forms.AcceptForm, page_values=_accept_values),
        Action(reject, done="已记录不予受理", page_form=forms.RejectForm, page_values=_reject_values),
        Action(answer, page_form=forms.TextForm, page_values=_text_values),
        Action(forward, page_form=forms.ForwardForm, page_values=_forward_values),
        Action(convert, done="已转为代表建议草稿"),
        Action(hotline, done="已记录转12345热线", page_form=forms.HotlineForm, page_values=_hotline_values),
        Action(
            return_to_staff, step="return", done="已退回", page_form=forms.TextForm, page_values=_text_values
        ),
        Action(reply, done="答复已发送", page_form=forms.TextForm, page_values=_text_values),
        Action(rate, done="已记录回访评价", api=False, page_form=forms.RateForm, page_values=_rate_values),
        Action(close),
    )
}
API_ACTIONS: tuple[str, ...] = tuple(name for name, a in ACTIONS.items() if a.api)

# Steps of the workflow with no row here, and why.
ELSEWHERE = {
    "reopen": "由 rate 的服务在选民不满意时接着办理（workflow 中 follows='rate'），不单独提供按钮或接口",
}


def success_message(name: str) -> str:
    action = ACTIONS[name]
    return action.done or f"已{workflow.MESSAGE.step(name).label}"


def page_form(name: str, data=None) -> django_forms.Form | None:
    """The page's form for `name` (prefixed with the action, as the message page shows several), or None."""
    action = ACTIONS[name]
    return action.page_form(data, prefix=name) if action.page_form is not None else None


def from_form(name: str, form: django_forms.Form | None) -> ActionIn:
    """The page's valid form as the action's input. Not validated a second time: the form has checked types,
    lengths and NULs with its own messages, and a second check could only turn a difference between the two
    into a 500 where the page should show the form again; the service checks the rules either way."""
    if form is None:
        return ActionIn()
    return ActionIn.model_construct(**ACTIONS[name].page_values(form.cleaned_data))


def run(name: str, m: Message, data: ActionIn, *, by) -> Message:
    action = ACTIONS.get(name)
    if action is None:
        raise Refused("action_unknown", "未知的操作；可用：" + "、".join(ACTIONS))
    return action.run(m, data, by)
