"""Navigation and "what waits for me" registries; each app registers its entries in AppConfig.ready."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    order: int = 50
    icon: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)  # a wrong name raises: every app is installed


@dataclass
class Waiting:
    """One line on a home page: something that waits for this user."""

    label: str
    count: int
    url: str
    tone: str = "primary"  # primary | warning | danger
    note: str = ""


_NAV: list[NavItem] = []
NAV_INLINE = 8  # entries shown in the bar itself; the others open from 更多
_WAITING: list[tuple[frozenset, Callable]] = []
_HOME: dict[str, Callable] = {}


def register_nav(label: str, url_name: str, roles, order: int = 50, icon: str = "") -> None:
    item = NavItem(label, url_name, frozenset(roles), order, icon)
    if item not in _NAV:
        _NAV.append(item)


def register_waiting(roles, provider: Callable) -> None:
    """provider(user) -> list[Waiting]; keep it to a few aggregate queries."""
    _WAITING.append((frozenset(roles), provider))


def register_home(roles, view: Callable) -> None:
    """An app's page that replaces the home page for these roles (the leader's dashboard); view(request)."""
    for role in roles:
        _HOME[role] = view


def home_for(user) -> Callable | None:
    return _HOME.get(getattr(user, "role", None))


def nav_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted((i for i in _NAV if user.role in i.roles), key=lambda i: (i.order, i.label))


def waiting_for(user) -> list[Waiting]:
    items: list[Waiting] = []
    for roles, provider in _WAITING:
        if user.role in roles:
            items.extend(provider(user))
    return items


ALL_BUSINESS = frozenset(
    {Role.STAFF, Role.LEADER, Role.DEPUTY, Role.UNIT_HANDLER, Role.UNIT_HEAD, Role.STATION_KEEPER}
)
