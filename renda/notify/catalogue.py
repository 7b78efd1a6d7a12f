"""The notifications renda sends: each template's named variables and its default Chinese wording.

A body edits the wording (models.Template); the variables are fixed here, because the code that sends the
notification is what fills them. `{name}` is the only placeholder syntax.
"""

from dataclasses import dataclass, field
from string import Formatter


@dataclass(frozen=True)
class Default:
    code: str
    name: str
    variables: dict[str, str]  # name → what it holds (shown on the edit page)
    title: str
    text: str
    sms: str = ""
    wechat_fields: tuple[str, ...] = field(default=("thing1", "time2"))  # keys of the WeChat template's data


CATALOGUE: dict[str, Default] = {}


def _add(d: Default) -> None:
    CATALOGUE[d.code] = d


_add(
    Default(
        "message",
        "通用通知",
        {"title": "标题", "body": "内容", "url": "链接"},
        "{title}",
        "{body}",
        "【人大】{title}",
    )
)
_add(
    Default(
        "contact_accepted",
        "选民留言已受理",
        {"title": "留言标题", "link": "查询页面地址"},
        "您的留言已受理：{title}",
        "您反映的“{title}”已受理，可凭查询码在 {link} 查看办理进度。",
        "【人大代表联络站】您的留言“{title}”已受理，凭查询码查看进度：{link}",
    )
)
_add(
    Default(
        "contact_replied",
        "选民留言已答复",
        {"title": "留言标题", "unit": "答复单位", "link": "查询页面地址"},
        "您的留言已答复：{title}",
        "{unit}已答复您反映的“{title}”，请凭查询码在 {link} 查看并评价。",
        "【人大代表联络站】您的留言“{title}”已由{unit}答复，请凭查询码查看并评价：{link}",
    )
)
_add(
    Default(
        "contact_closed",
        "选民留言已办结",
        {"title": "留言标题", "link": "查询页面地址"},
        "您的留言已办结：{title}",
        "您反映的“{title}”已办结，感谢您的参与。查询：{link}",
        "【人大代表联络站】您的留言“{title}”已办结，感谢参与。查询：{link}",
    )
)
_add(
    Default(
        "suggestion_replied",
        "建议已答复（代表）",
        {"title": "建议标题", "due": "评价截止日期"},
        "建议已答复，请评价：{title}",
        "请在 {due} 前对办理态度和结果分别评价。",
        "【人大】您的建议“{title}”已答复，请于{due}前登录评价。",
    )
)
_add(
    Default(
        "suggestion_cosign",
        "请求附议（代表）",
        {"title": "建议标题", "lead": "领衔代表"},
        "请确认附议：{title}",
        "{lead}邀请您联名提出建议。",
        "【人大】{lead}邀请您附议建议“{title}”，请登录确认。",
    )
)
# 代表活动提前通知 (issue 18): meetings' notices, reminders and cancellations, liaison's planned activities.
# Values go to the SMS templates as they are: the callers cut titles to 20 characters (Aliyun allows 35).
_add(
    Default(
        "meeting_notice",
        "会议通知（参会人员）",
        {"title": "会议名称", "when": "时间", "place": "地点"},
        "会议通知：{title}",
        "{when}，{place}。请确认参加或请假。",
        "【人大】会议通知：{title}，{when}在{place}召开，请登录确认参加或请假。",
    )
)
_add(
    Default(
        "meeting_reminder",
        "会议提醒（参会人员）",
        {"title": "会议名称", "when": "时间", "place": "地点"},
        "会议提醒：{title}",
        "{when}在{place}召开，请准时参加并扫码签到。",
        "【人大】会议提醒：{title}，{when}在{place}召开，请准时参加。",
    )
)
_add(
    Default(
        "meeting_cancelled",
        "会议取消（参会人员）",
        {"title": "会议名称", "reason": "取消理由"},
        "会议取消：{title}",
        "{reason}",
        "【人大】会议取消：{title}。{reason}",
    )
)
_add(
    Default(
        "activity_notice",
        "代表活动通知",
        {"title": "活动名称", "when": "日期", "place": "地点", "kind": "活动类型"},
        "活动通知：{title}",
        "{when}，{place}。{kind}，请提前安排。",
        "【人大】代表活动通知：{title}，{when}在{place}，请提前安排。",
    )
)
_add(
    Default(
        "digest",
        "每日通知汇总",
        {"date": "日期", "count": "条数", "items": "通知列表"},
        "{date} 通知汇总（{count} 条）",
        "您在 {date} 收到 {count} 条站内通知：\n{items}",
    )
)


def placeholders(text: str) -> list[str]:
    """The `{name}` fields of a text; raises ValueError on a malformed brace."""
    return [name for _, name, _, _ in Formatter().parse(text) if name is not None]


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(text: str, context: dict) -> str:
    return text.format_map(_Blank({k: "" if v is None else v for k, v in context.items()}))
