"""Navigation, home-page "waiting" lines and portal links (registered from AppConfig.ready), and the
extension points other apps use on the public deputy profile."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.urls import reverse

from renda.core.nav import Waiting, register_nav, register_waiting
from renda.core.roles import Role


@dataclass(frozen=True)
class ProfilePanel:
    """A block on the public profile. `render(request, person, mandates) -> str` returns safe HTML or ""."""

    order: int
    render: Callable


@dataclass(frozen=True)
class ProfileAction:
    """A button on the public profile, e.g. "给代表留言". `url(person, mandates) -> str | None`."""

    order: int
    label: str
    url: Callable


PROFILE_PANELS: list[ProfilePanel] = []
PROFILE_ACTIONS: list[ProfileAction] = []


def register_profile_panel(order: int, render: Callable) -> None:
    """Duties (published duty summary) and contact (reception days) add their blocks here."""
    panel = ProfilePanel(order, render)
    if panel not in PROFILE_PANELS:
        PROFILE_PANELS.append(panel)


def register_profile_action(order: int, label: str, url: Callable) -> None:
    action = ProfileAction(order, label, url)
    if action not in PROFILE_ACTIONS:
        PROFILE_ACTIONS.append(action)


def _waiting(user) -> list[Waiting]:
    """Staff: checked imports not yet confirmed, and constituencies with vacant seats (补选 needed)."""
    from .choices import CURRENT_STATUSES
    from .models import Constituency, ImportBatch

    scope_path = user.body.scope_path
    items = []
    pending = ImportBatch.objects.filter(status=ImportBatch.Status.CHECKED, by=user).count()
    if pending:
        items.append(
            Waiting("代表导入文件已校验，待确认导入", pending, reverse("deputies:import"), "primary")
        )
    vacant = (
        Constituency.objects.filter(body__path__startswith=scope_path)
        .annotate(n=Count("mandates", filter=Q(mandates__status__in=CURRENT_STATUSES)))
        .filter(n__lt=F("seats"))
        .count()
    )
    if vacant:
        items.append(
            Waiting(
                "选区代表缺额，需安排补选",
                vacant,
                reverse("deputies:list"),
                "warning",
                note="代表辞职、罢免、终止或去世后出缺",
            )
        )
    return items


def register() -> None:
    from renda.portal import links

    from . import demo  # noqa: F401  (registers the demo step)

    register_nav("代表", "deputies:list", {Role.STAFF, Role.LEADER}, order=20)
    register_waiting({Role.STAFF}, _waiting)
    links.register("我的代表", "按居住的乡镇、社区或村查找您的各级人大代表", "deputies_public:find", order=10)
    links.register("代表名单", "本行政区域各级人大代表名单和代表履职信息", "deputies_public:list", order=11)
