"""Results: options counted (not combinations), Wilson intervals, small cells suppressed when published,
cross-tabs, frequent words, score_for, and the exports (wave2-references.md (c) "Goal beyond the anchors")."""

import io

import pytest

from renda.surveys import exports, selectors, services


@pytest.fixture
def answered(open_survey, respondents, answers, deputy_user):
    plan = [
        dict(town="城关镇", gov="满意", overall="满意", fields=("教育", "医疗"), note="加强农村道路养护"),
        dict(town="城关镇", gov="满意", overall="满意", fields=("教育",), note="农村道路破损严重"),
        dict(town="城关镇", gov="基本满意", overall="基本满意", fields=("医疗", "养老")),
        dict(town="城关镇", gov="满意", overall="满意", fields=("教育", "医疗")),
        dict(town="城关镇", gov="不满意", overall="不满意", why="落实不到位", fields=("交通",)),
        dict(town="城关镇", gov="满意", overall="满意", fields=("教育",)),
        dict(town="青石镇", gov="基本满意", overall="满意", fields=("教育", "养老"), note="希望修好农村道路"),
        dict(town="青石镇", gov="满意", overall="满意", fields=("医疗",)),
    ]
    for user, a in zip(respondents, plan, strict=True):
        services.answer(open_survey, answers.make(**a), by=user)
    return open_survey


def _by(res, text):
    return next(r for r in res if r.question.text == text)


def test_multiple_choice_counts_options_not_combinations(answered):
    # Decidim #16421: 41 bars for 10 options. Here: one count per option, shares of 8 respondents.
    r = _by(selectors.results(answered), "重点领域")
    cells = {c.label: c.count for c in r.blocks[0].cells}
    assert cells == {"教育": 5, "医疗": 4, "养老": 2, "交通": 1}
    assert len(r.blocks[0].cells) == 4 and r.n == 8


def test_matrix_rows_with_mean_scores(answered):
    r = _by(selectors.results(answered), "对报告的评价")
    gov = r.blocks[0]
    assert gov.label == "政府工作报告" and gov.n == 8
    assert [c.count for c in gov.cells] == [5, 2, 1]
    assert gov.mean_score == round((5 * 100 + 2 * 60 + 0) / 8, 1)


def test_wilson_interval_known_values():
    lo, hi = selectors.wilson(5, 8)
    assert round(lo, 3) == 0.306 and round(hi, 3) == 0.863
    assert selectors.wilson(0, 0) == (0.0, 0.0)
    lo, hi = selectors.wilson(0, 10)
    assert lo == 0.0 and 0.27 < hi < 0.28


def test_published_results_suppress_small_cells_and_unpublished_questions(answered, staff):
    q = answered.questions.get(text="所在乡镇")
    services.set_question_published(q, False, by=staff)
    answered.refresh_from_db()
    res = selectors.results(answered, published_only=True)
    assert "所在乡镇" not in [r.question.text for r in res]
    fields = {c.label: c for c in _by(res, "重点领域").blocks[0].cells}
    assert fields["教育"].shown_count == "5" and not fields["教育"].suppressed
    assert fields["养老"].suppressed and fields["养老"].shown_count == "<5" and fields["养老"].pct == "—"
    assert _by(res, "意见建议").texts == []  # free text is never published verbatim
    staff_view = {c.label: c for c in _by(selectors.results(answered), "重点领域").blocks[0].cells}
    assert not staff_view["养老"].suppressed


def test_crosstab_by_township_suppresses_groups_under_five(answered):
    qs = {q.text: q for q in answered.questions.all()}
    ct = selectors.crosstab(answered, qs["总体评价"].pk, qs["所在乡镇"].pk)
    rows = {r["label"]: r for r in ct["rows"]}
    assert rows["城关镇"]["n"] == 6 and [c.count for c in rows["城关镇"]["cells"]] == [4, 1, 1]
    assert rows["青石镇"]["n"] == 2 and not rows["青石镇"]["suppressed"]
    published = {
        r["label"]: r
        for r in selectors.crosstab(answered, qs["总体评价"].pk, qs["所在乡镇"].pk, published_only=True)[
            "rows"
        ]
    }
    assert published["青石镇"]["suppressed"] and not published["城关镇"]["suppressed"]
    # A matrix row as the target: "qid:rowid".
    row = qs["对报告的评价"].rows.get(label="政府工作报告")
    ct = selectors.crosstab(answered, f"{qs['对报告的评价'].pk}:{row.pk}", qs["所在乡镇"].pk)
    assert ct["row_label"] == "政府工作报告"


def test_frequent_words_skip_stopwords(answered):
    r = _by(selectors.results(answered), "意见建议")
    words = dict(r.words)
    assert words.get("农村") == 3 and words.get("道路") == 3
    assert "希望" not in words and "加强" not in words


def test_score_for_supervision(answered):
    qs = {q.text: q for q in answered.questions.all()}
    mean, n = selectors.score_for(answered, qs["总体评价"])
    assert n == 8 and mean == round((6 * 100 + 1 * 60 + 0) / 8, 2)
    m = qs["对报告的评价"]
    mean, n = selectors.score_for(answered, m, row=m.rows.get(label="政府工作报告"))
    assert (mean, n) == (round(620 / 8, 2), 8)
    assert selectors.score_for(answered, m)[1] == 16
    with pytest.raises(ValueError):
        selectors.score_for(answered, qs["重点领域"])


def test_xlsx_has_labels_and_one_column_per_matrix_row(answered):
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(exports.xlsx(answered)))["答卷"]
    head = [c.value for c in ws[1]]
    assert "填写人" not in head  # anonymous
    assert any("政府工作报告" in h for h in head) and any("法院工作报告" in h for h in head)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 8
    gov = head.index(next(h for h in head if "政府工作报告" in h))
    assert sorted(r[gov] for r in rows).count("满意") == 5
    multi = head.index(next(h for h in head if h.endswith("重点领域")))
    assert {r[multi] for r in rows} >= {"教育；医疗", "交通"}


def test_docx_report_has_charts_as_images(answered):
    from docx import Document

    qs = {q.text: q for q in answered.questions.all()}
    doc = Document(
        io.BytesIO(exports.docx(answered, crosstabs=[(str(qs["总体评价"].pk), qs["所在乡镇"].pk)]))
    )
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "统计分析报告" in text and "Wilson" in text and "交叉分析" in text
    assert len(doc.inline_shapes) >= 4
    png = exports.bar_png(["满意", "基本满意"], [80.0, None], title="t")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
