"""Demo: finished votes of the county standing committee, so the screens show real results — a named
motion (announced), a secret satisfaction vote (announced), a motion still open (who has not voted, the
live big screen), a hearing's live vote open to the public by QR code, and an election with a run-off."""

import random
import uuid

from django.db import transaction

from renda.core import demo as core_demo
from renda.meetings.selectors import members_of

from . import services
from .models import Option


def _cast(poll, voter, labels) -> None:
    ids = dict(Option.objects.filter(poll=poll).values_list("label", "pk"))
    services.cast(poll, voter=voter, choices=[ids[x] for x in labels], key=uuid.uuid4())


def _run(poll, members, spec, staff, *, close=True, announce=True) -> None:
    k = 0
    for labels, n in spec:
        for _ in range(n):
            _cast(poll, members[k], labels if isinstance(labels, list) else [labels])
            k += 1
    if close:
        services.close_poll(poll, by=staff)
    if announce:
        services.announce(poll, by=staff)


@core_demo.register(40, "表决示例")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    sc, staff = county.standing_committee, county.accounts["staff"]
    members = list(members_of(sc))
    if len(members) < 10:
        return
    rng = random.Random(17)
    order = members[:]
    rng.shuffle(order)

    def poll(title, kind, rule, **kw):
        p = services.create_poll(
            body=sc, title=title, kind=kind, rule=rule, electorate=members, by=staff, **kw
        )
        return services.open_poll(p, by=staff, present=members)

    motion = poll("关于批准2026年县级财政预算调整方案的决议（草案）", "motion", "sc_motion", options=None)
    _run(motion, order, [("赞成", 12), ("反对", 1), ("弃权", 1)], staff)

    rating = poll(
        "对县人民政府关于优化营商环境工作情况报告的满意度测评",
        "rating",
        "sc_satisfaction",
        options=None,
        secret=True,
    )
    _run(rating, order, [("满意", 9), ("基本满意", 4), ("不满意", 2)], staff)

    rating2 = poll(
        "对县住房和城乡建设局老旧小区改造工作情况报告的满意度测评",
        "rating",
        "sc_satisfaction",
        options=None,
        secret=True,
    )
    _run(rating2, order, [("满意", 5), ("基本满意", 2), ("不满意", 7)], staff)

    live = poll("关于县城市总体规划（2026—2035年）修改的决定（草案）", "motion", "sc_motion", options=None)
    _run(live, order[1:], [("赞成", 8), ("反对", 1)], staff, close=False, announce=False)

    hearing = poll(
        "网络问政：县交通运输局对城乡公交“最后一公里”问题的答复",
        "rating",
        "hearing_live",
        options=None,
        allow_public=True,
    )
    _run(hearing, order, [("满意", 6), ("基本满意", 5), ("不满意", 1)], staff, close=False, announce=False)
    for k in range(37):
        services.cast_public(
            hearing,
            device=f"demo-device-{k}",
            choices=[hearing.options.get(label=["满意", "基本满意", "不满意"][k % 5 % 3]).pk],
            key=uuid.uuid4(),
        )

    election = poll(
        "补选县人大常委会委员",
        "election",
        "congress_election_indirect",
        options=["陈建国", "林秀英", "黄志强"],
        seats=2,
        secret=True,
    )
    _run(
        election,
        order,
        [(["陈建国", "林秀英"], 6), (["陈建国", "黄志强"], 5), (["林秀英"], 1), (["黄志强"], 2)],
        staff,
        announce=False,
    )
    runoff = services.revote(
        election,
        reason="林秀英、黄志强未获得全体组成人员过半数选票，就缺额另行选举",
        by=staff,
        options=["林秀英", "黄志强"],
        rule="congress_election_indirect_runoff",
        seats=1,
    )
    services.open_poll(runoff, by=staff)
    _run(runoff, order, [(["林秀英"], 9), (["黄志强"], 5)], staff)
