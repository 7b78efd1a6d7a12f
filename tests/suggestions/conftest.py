"""Suggestion fixtures: the demo deputy's mandate, co-signers, and helpers that drive an item along the legal
path through the services (so tests start from real states, not hand-set rows)."""

import pytest

from renda.suggestions import services
from renda.suggestions.models import Suggestion
from tests.factories.deputies import MandateFactory, PersonFactory, TermFactory
from tests.factories.suggestions import reply_pdf


@pytest.fixture
def term(county):
    return TermFactory(body=county)


@pytest.fixture
def mandate(county, term, deputy_user):
    return MandateFactory(body=county, term=term, person=PersonFactory(name="赵代表", user=deputy_user))


@pytest.fixture
def cosigner_users(county):
    from renda.core.roles import Role
    from tests.factories.core import UserFactory

    return [
        UserFactory(username=f"cosigner{i}", full_name=f"附议{i}", role=Role.DEPUTY, body=county)
        for i in range(2)
    ]


@pytest.fixture
def cosigners(county, term, cosigner_users):
    return [MandateFactory(body=county, term=term, person=PersonFactory(user=u)) for u in cosigner_users]


@pytest.fixture
def draft(mandate, deputy_user) -> Suggestion:
    return services.create_draft(
        mandate=mandate,
        title="关于城关镇老旧小区加装电梯的建议",
        content="城关镇老旧小区多为六层无电梯住宅，老年住户上下楼困难。",
        proposals="建议将加装电梯纳入年度民生实事，简化审批并给予补贴。",
        contact="13900001111",
        by=deputy_user,
    )


@pytest.fixture
def submitted(draft, deputy_user) -> Suggestion:
    return services.submit(draft, by=deputy_user)


@pytest.fixture
def accepted(submitted, staff) -> Suggestion:
    return services.accept(submitted, by=staff)


@pytest.fixture
def handed_over(accepted, staff, unit, other_unit) -> Suggestion:
    return services.hand_over(accepted, lead=unit, co=[other_unit], by=staff)


@pytest.fixture
def other_unit_user(other_unit):
    from renda.core.roles import Role
    from tests.factories.core import UnitUserFactory

    return UnitUserFactory(
        username="other_handler", full_name="李协办", role=Role.UNIT_HANDLER, unit=other_unit
    )


@pytest.fixture
def handling(handed_over, unit_user, other_unit_user) -> Suggestion:
    services.accept_assignment(handed_over, by=unit_user)
    services.accept_assignment(handed_over, by=other_unit_user)
    return handed_over


def signed_motion(
    mandate,
    deputy_user,
    county,
    term,
    *,
    sponsors: int,
    prefix: str,
    title: str = "关于加强饮用水源保护的议案",
):
    """A submitted motion with `sponsors` co-signing deputies who have all confirmed: (item, their users).
    The caller records the presidium's decision (or a withdrawal) it needs."""
    from renda.core.roles import Role
    from renda.suggestions.models import Kind
    from tests.factories.core import UserFactory

    users = [
        UserFactory(username=f"{prefix}{i}", full_name=f"联名代表{i}", role=Role.DEPUTY, body=county)
        for i in range(sponsors)
    ]
    cos = [
        MandateFactory(body=county, term=term, person=PersonFactory(user=u, name=f"联名代表{i}"))
        for i, u in enumerate(users)
    ]
    item = services.create_draft(
        mandate=mandate,
        title=title,
        content="案由和案据",
        proposals="方案",
        contact="13900001111",
        kind=Kind.MOTION,
        cosigners=cos,
        by=deputy_user,
    )
    services.submit(item, by=deputy_user)
    for u in users:
        services.cosign(item, by=u)
    return item, users


def give_cohandler_opinions(item):
    """Every co-handling unit that has signed gives its written opinion (§1.3 step 4), as the lead unit's reply
    needs before it is sent."""
    from renda.core.models import User

    for a in item.assignments.filter(role="co", status="accepted", opinion=""):
        u = User.objects.filter(unit=a.unit, is_active=True).order_by("id").first()
        services.give_opinion(item, opinion="同意主办单位意见，配合做好相关工作。", by=u)


def send_reply(item, handler, head, reply_class="A"):
    give_cohandler_opinions(item)
    r = services.draft_reply(
        item,
        reply_class=reply_class,
        content="经研究，已列入今年民生实事项目。",
        document=reply_pdf(),
        by=handler,
    )
    return services.approve_reply(item, reply_id=r.pk, by=head)


@pytest.fixture
def replied(handling, unit_user, unit_head) -> Suggestion:
    send_reply(handling, unit_user, unit_head)
    handling.refresh_from_db()
    return handling
