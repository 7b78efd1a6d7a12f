"""Demo: the satisfaction questionnaire on the four work reports, answered by the county deputies at the
session (seed 001: 《县人大常委会与“一府两院”工作报告及工作落实情况满意度调查问卷》), and a public survey on
livelihood projects with a few hundred answers."""

from __future__ import annotations

from datetime import timedelta
from random import Random

from django.utils import timezone

from renda.core import demo as core_demo
from renda.core.models import User

REPORTS = ("县人大常委会工作报告", "县人民政府工作报告", "县人民法院工作报告", "县人民检察院工作报告")
# (满意, 基本满意, 不满意) weights per report: the government's report draws the most criticism.
REPORT_WEIGHTS = ((84, 14, 2), (72, 23, 5), (78, 18, 4), (80, 17, 3))
FOLLOWUP_WEIGHTS = ((70, 26, 4), (58, 33, 9), (66, 28, 6), (69, 26, 5))
IDENTITIES = ("工人、农民", "专业技术人员", "机关和事业单位干部", "企业负责人", "其他")
FIELDS = ("教育", "医疗卫生", "养老服务", "乡村振兴", "生态环境", "营商环境", "交通出行", "食品药品安全")
DEPUTY_TEXTS = (
    "建议加大农村道路养护投入，部分村组道路破损严重",
    "希望政府工作报告中的民生实事项目公布进度，接受代表监督",
    "法院执行难问题仍然突出，建议加大执行力度",
    "检察院公益诉讼工作成效明显，希望继续加强生态环境领域监督",
    "建议常委会多组织代表开展专题调研，增加代表参与闭会期间活动的机会",
    "县城学校大班额问题仍未解决，建议加快新建学校进度",
    "乡镇卫生院医生不足，群众看病仍要跑县城",
    "营商环境还需优化，审批事项办理时间偏长",
    "农村养老服务设施不足，建议推进互助养老",
    "报告中对存在问题的分析不够深入，整改措施要具体",
    "建议加强对代表建议办理结果的跟踪，避免重答复轻落实",
    "河道保洁和垃圾分类工作要常抓不懈",
)
PUBLIC_TEXTS = (
    "希望早晚高峰增加公交班次",
    "小区周边停车难，建议建设公共停车场",
    "农村饮水安全要保障，夏天经常停水",
    "希望多建几个老年活动中心和日间照料中心",
    "学校门口交通拥堵，接送孩子不安全",
    "菜市场环境卫生需要改善",
    "希望增加社区医院的专家门诊",
    "村里路灯坏了很久没人修",
    "建议城区增加公共厕所",
    "希望加快老旧小区改造，加装电梯",
)


def _pick(rng: Random, options, weights):
    return rng.choices(options, weights=weights, k=1)[0]


@core_demo.register(70, "问卷调查")
def load(county: core_demo.DemoCounty) -> None:
    from . import services
    from .models import Kind

    staff = county.accounts["staff"]
    sc = county.standing_committee
    rng = Random(20261203)
    place = county.county.short_name.replace("人大", "") or "本县"
    now = timezone.now()

    s = services.create_survey(
        services.Settings(
            title=f"{place}人大常委会与“一府两院”工作报告及工作落实情况满意度调查问卷",
            intro=(
                "各位代表：为了解您对县人大常委会、县人民政府、县人民法院、县人民检察院工作报告及工作落实情况的"
                "评价，特开展本次满意度调查。问卷匿名填写，统计分析后形成专题报告，您的评价意见将原汁原味地反馈给"
                "“一府一委两院”，并作为常委会监督工作的重点。"
            ),
            audience="deputies",
            anonymous=True,
        ),
        body=sc,
        by=staff,
    )
    sec1 = services.add_section(s, title="一、基本情况", by=staff)
    sec2 = services.add_section(s, title="二、对工作报告的评价", by=staff)
    sec3 = services.add_section(s, title="三、意见和建议", by=staff)
    towns = [t.short_name or t.name for t in county.townships]
    q_town = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.SINGLE, text="您所在的代表团（乡镇）", options=tuple(towns), section_id=sec1.pk
        ),
        by=staff,
    )
    q_id = services.add_question(
        s,
        services.QuestionIn(kind=Kind.SINGLE, text="您的身份", options=IDENTITIES, section_id=sec1.pk),
        by=staff,
    )
    q_rep = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MATRIX,
            text="您对以下工作报告的总体评价",
            rows=REPORTS,
            scale="sat3",
            section_id=sec2.pk,
        ),
        by=staff,
    )
    q_fol = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MATRIX,
            text="您对上一年度报告所提工作任务的落实情况的评价",
            rows=tuple(r.replace("工作报告", "") for r in REPORTS),
            scale="sat3",
            section_id=sec2.pk,
        ),
        by=staff,
    )
    q_all = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.RATING, text="您对“一府一委两院”工作的总体满意程度", scale="sat3", section_id=sec2.pk
        ),
        by=staff,
    )
    unhappy = q_all.options.get(label="不满意")
    q_why = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.TEXT,
            text="您不满意的主要原因是什么？",
            required=True,
            show_if_option_id=unhappy.pk,
            section_id=sec2.pk,
        ),
        by=staff,
    )
    q_fields = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MULTIPLE,
            text="您认为常委会今后监督工作应重点关注哪些领域？",
            options=FIELDS,
            max_choices=3,
            section_id=sec3.pk,
        ),
        by=staff,
    )
    q_text = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.TEXT, text="您对报告和工作落实还有哪些意见建议？", required=False, section_id=sec3.pk
        ),
        by=staff,
    )
    s = services.publish(s, by=staff)
    extra = [u for u in (county.accounts.get("deputy"),) if u]
    if extra:
        services.set_invitees(s, extra, by=staff)

    town_opts = list(q_town.options.order_by("position"))
    id_opts = list(q_id.options.order_by("position"))
    sat = {q.pk: list(q.options.order_by("position")) for q in (q_rep, q_fol, q_all)}
    rows = {q.pk: list(q.rows.order_by("position")) for q in (q_rep, q_fol)}
    field_opts = list(q_fields.options.order_by("position"))
    invited = list(
        User.objects.filter(survey_invitations__survey=s).exclude(username="deputy").order_by("id")
    )
    paper_n = 0
    for i, user in enumerate(invited):
        if rng.random() > 0.9:  # about nine in ten deputies hand the questionnaire in
            continue
        mood = rng.gauss(0, 1)  # one deputy's general tone, so answers hang together
        answers = {
            str(q_town.pk): town_opts[i % len(town_opts)].pk,
            str(q_id.pk): _pick(rng, id_opts, (45, 20, 20, 10, 5)).pk,
        }
        for q, weights in ((q_rep, REPORT_WEIGHTS), (q_fol, FOLLOWUP_WEIGHTS)):
            cells = {}
            for r, w in zip(rows[q.pk], weights, strict=True):
                shift = max(0.2, 1 - 0.35 * mood)
                cells[str(r.pk)] = _pick(rng, sat[q.pk], (w[0], w[1] * shift, w[2] * shift * shift)).pk
            answers[str(q.pk)] = cells
        overall = _pick(
            rng, sat[q_all.pk], (74, 22 * max(0.2, 1 - 0.35 * mood), 4 * max(0.2, 1 - 0.5 * mood))
        )
        answers[str(q_all.pk)] = overall.pk
        if overall.pk == unhappy.pk:
            answers[str(q_why.pk)] = rng.choice(DEPUTY_TEXTS)
        answers[str(q_fields.pk)] = [o.pk for o in rng.sample(field_opts, rng.choice((1, 2, 3, 3)))]
        if rng.random() < 0.45:
            answers[str(q_text.pk)] = rng.choice(DEPUTY_TEXTS)
        if i % 6 == 0:  # handed in on paper at the session, typed in by staff
            services.enter_paper(s, answers, respondent=user, by=staff)
            paper_n += 1
        else:
            services.answer(s, answers, by=user)
    services.close(s, by=staff)
    services.set_results_public(s, True, by=staff)
    services.set_question_published(q_id, False, by=staff)  # identity × township could single people out

    _public(county, staff, rng, now)


def _public(county, staff, rng: Random, now) -> None:
    from . import services
    from .models import Kind

    place = county.county.short_name.replace("人大", "") or "本县"
    s = services.create_survey(
        services.Settings(
            title=f"{place}2027年民生实事项目群众意见征集",
            intro="县人大常委会就 2027 年民生实事候选项目征求群众意见。匿名填写，约需 2 分钟。扫码或打开链接即可参与。",
            audience="public",
            anonymous=True,
            closes_at=now + timedelta(days=20),
        ),
        body=county.standing_committee,
        by=staff,
    )
    towns = [t.short_name or t.name for t in county.townships]
    q_town = services.add_question(
        s, services.QuestionIn(kind=Kind.SINGLE, text="您居住的乡镇（街道）", options=tuple(towns)), by=staff
    )
    q_age = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.SINGLE, text="您的年龄", options=("18岁以下", "18–35岁", "36–59岁", "60岁及以上")
        ),
        by=staff,
    )
    q_pick = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MULTIPLE,
            text="您最希望列入 2027 年民生实事的项目（最多选 3 项）",
            options=(
                "城乡公交线路优化",
                "老旧小区改造",
                "农村饮水提质",
                "学校扩容",
                "社区养老服务中心",
                "乡镇卫生院能力提升",
                "农贸市场改造",
                "公共停车场建设",
            ),
            max_choices=3,
        ),
        by=staff,
    )
    q_sat = services.add_question(
        s,
        services.QuestionIn(kind=Kind.RATING, text="您对近三年民生实事项目实施效果的总体评价", scale="five"),
        by=staff,
    )
    q_text = services.add_question(
        s, services.QuestionIn(kind=Kind.TEXT, text="您还有什么意见建议？", required=False), by=staff
    )
    s = services.publish(s, by=staff)
    town_opts = list(q_town.options.order_by("position"))
    age_opts = list(q_age.options.order_by("position"))
    pick_opts = list(q_pick.options.order_by("position"))
    sat_opts = list(q_sat.options.order_by("position"))
    for _ in range(360):
        town = _pick(rng, town_opts, [12 if k == 0 else 3 + (k % 4) for k in range(len(town_opts))])
        age = _pick(rng, age_opts, (3, 38, 42, 17))
        weights = [14, 12, 9, 10, 11, 9, 6, 8]
        if age.position == 4:
            weights[4] += 14
            weights[5] += 8
        chosen = set()
        for _ in range(rng.choice((1, 2, 3, 3))):
            chosen.add(_pick(rng, pick_opts, weights).pk)
        answers = {
            str(q_town.pk): town.pk,
            str(q_age.pk): age.pk,
            str(q_pick.pk): sorted(chosen),
            str(q_sat.pk): _pick(rng, sat_opts, (3, 7, 22, 41, 27)).pk,
        }
        if rng.random() < 0.3:
            answers[str(q_text.pk)] = rng.choice(PUBLIC_TEXTS)
        services.answer_public(s, answers, device=services.new_device_token(), ip=None)
    services.set_results_public(s, True, by=staff)


@core_demo.register(71, "问卷调查（草稿）")
def draft(county: core_demo.DemoCounty) -> None:
    """A draft for the standing committee's members, to show the builder before publishing."""
    from . import services
    from .models import Kind

    staff = county.accounts["staff"]
    s = services.create_survey(
        services.Settings(
            title="常委会组成人员对专题询问工作的评价",
            intro="请常委会组成人员对本年度专题询问工作进行评价。",
            audience="members",
            anonymous=True,
            closes_at=timezone.now() + timedelta(days=10),
        ),
        body=county.standing_committee,
        by=staff,
    )
    q = services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MATRIX,
            text="您对以下专题询问的评价",
            rows=("农村饮水安全专题询问", "义务教育均衡发展专题询问", "营商环境专题询问"),
            scale="five",
        ),
        by=staff,
    )
    again = services.add_question(
        s,
        services.QuestionIn(kind=Kind.SINGLE, text="是否建议明年继续开展专题询问", options=("是", "否")),
        by=staff,
    )
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.TEXT, text="请说明不建议继续的理由", show_if_option_id=again.options.get(label="否").pk
        ),
        by=staff,
    )
    del q
