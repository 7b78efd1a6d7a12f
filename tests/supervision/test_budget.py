"""Budget networked supervision: whole-file import, warning rules B1–B17 as versioned data (domain.md §5.5)."""

from datetime import date
from decimal import Decimal

import pytest

from renda.core.errors import Refused
from renda.supervision import services
from renda.supervision.choices import EventKind, WarningStatus
from renda.supervision.models import Event, FollowUp, Line, Month, Rule, Warning
from renda.supervision.services.budget_import import COLUMNS


def csv_of(rows) -> bytes:
    lines = [",".join(COLUMNS)] + [",".join(str(c) for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def row(dept, code, cat, budget, months):
    return [dept, code, f"项目{code}", cat, budget, *months, sum(months)]


def test_template_rows_import(standing_committee, unit, staff):
    data = csv_of([row(unit.name, "A1", "项目支出", 1200, [100] * 12)])
    imp = services.budget_import.import_file(
        standing_committee, year=2026, filename="b.csv", data=data, by=staff
    )
    assert imp.rows == 1 and Month.objects.count() == 12


def test_a_bad_row_stores_nothing_and_names_the_row(standing_committee, unit, staff):
    bad_total = row(unit.name, "A2", "项目支出", 1200, [100] * 12)
    bad_total[-1] = 999
    data = csv_of(
        [
            row(unit.name, "A1", "项目支出", 1200, [100] * 12),
            bad_total,
            row("不存在的局", "A3", "项目支出", 1, [0] * 12),
        ]
    )
    with pytest.raises(Refused) as exc:
        services.budget_import.import_file(
            standing_committee, year=2026, filename="b.csv", data=data, by=staff
        )
    assert "第3行累计执行" in exc.value.message and "第4行部门“不存在的局”" in exc.value.message
    assert Line.objects.count() == 0 and Month.objects.count() == 0


def test_wrong_columns_are_refused(standing_committee, staff):
    with pytest.raises(Refused) as exc:
        services.budget_import.import_file(
            standing_committee, year=2026, filename="b.csv", data="部门,金额\n".encode(), by=staff
        )
    assert exc.value.code == "columns_wrong" and "缺少列" in exc.value.message


def _line(body, unit, code, category, budget, months):
    ln = Line.objects.create(
        body=body, year=2026, unit=unit, code=code, name=code, category=category, budget=Decimal(budget)
    )
    Month.objects.bulk_create([Month(line=ln, month=i + 1, amount=Decimal(a)) for i, a in enumerate(months)])
    return ln


def test_execution_rules_flag_year_end_rush_zero_quarter_and_lag(standing_committee, unit, staff):
    body = standing_committee
    rush = _line(body, unit, "RUSH", "project", 1000, [10] * 11 + [600])  # B10 (Guangdong case)
    _line(body, unit, "ZERO", "project", 1200, [0, 0, 0] + [100] * 9)  # B11 Q1 zero (Hubei)
    _line(body, unit, "SLOW", "basic", 1200, [10] * 12)  # B14 far behind
    _line(body, unit, "OK", "basic", 1200, [100] * 12)
    _line(body, unit, "3G", "three_public", 100, [20] * 6 + [0] * 6)  # B12 over budget
    _line(body, unit, "RES", "reserve", 20, [0] * 12)  # B3 reserve share
    found = {(f.code, f.key) for f in services.budget.evaluate(body, 2026, as_of=12)}
    codes = {c for c, _ in found}
    assert ("B10", f"B10:{rush.pk}") in found
    assert "B11" in codes and "B12" in codes and "B14" in codes and "B3" in codes
    assert not any(k.endswith(f":{Line.objects.get(code='OK').pk}") for _, k in found)


def test_date_rules_cite_the_budget_law(standing_committee, unit, staff):
    body = standing_committee
    Event.objects.create(
        body=body,
        year=2026,
        kind=EventKind.ISSUE_DEPT,
        unit=unit,
        base_on=date(2026, 1, 10),
        done_on=date(2026, 2, 15),
    )
    Event.objects.create(body=body, year=2026, kind=EventKind.MIDYEAR_REPORT, done_on=date(2026, 11, 20))
    Event.objects.create(body=body, year=2026, kind=EventKind.SURPLUS_USE, amount=500, purpose="弥补经费缺口")
    Event.objects.create(
        body=body,
        year=2026,
        kind=EventKind.ADJUSTMENT,
        unit=unit,
        approved=False,
        purpose="增加举借债务",
        amount=1,
    )
    codes = {f.code for f in services.budget.evaluate(body, 2026, as_of=6, today=date(2026, 12, 1))}
    assert {"B1", "B15", "B7", "B5"} <= codes
    assert Rule.objects.get(ruleset__body=body, code="B1").article == "预算法第五十二条第一款"


def test_run_is_idempotent_and_warnings_follow_the_loop(standing_committee, unit, unit_user, staff):
    _line(standing_committee, unit, "SLOW", "basic", 1200, [10] * 12)
    assert (
        services.budget.run(standing_committee, 2026, as_of=6, by=staff) == 2
    )  # B14 and B3 (no reserve line)
    assert services.budget.run(standing_committee, 2026, as_of=6, by=staff) == 0
    w = Warning.objects.get(rule__code="B14")
    w = services.budget.act(w, "explain", text="项目招标延后，下半年集中支付", by=unit_user)
    w = services.budget.act(w, "track", text="请于三季度末前报告进度", by=staff)
    assert FollowUp.objects.filter(content_type__model="warning", object_id=str(w.pk)).exists()
    w = services.budget.act(w, "close", text="已核实", by=staff)
    assert w.status == WarningStatus.CLOSED


def test_rule_revision_is_a_new_version_and_old_warnings_keep_theirs(standing_committee, unit, staff):
    _line(
        standing_committee, unit, "SLOW", "basic", 1200, [60] * 12
    )  # 720 of 1200 at month 12: 40 points behind
    _line(standing_committee, unit, "RES", "reserve", 30, [0] * 12)  # a reserve of 2.4 %: no B3
    services.budget.run(standing_committee, 2026, as_of=12, by=staff)
    old = Warning.objects.get(rule__code="B14").rule
    new = services.budget.revise_rule(
        standing_committee, code="B14", params={"yellow_points": 50}, enabled=True, note="调整阈值", by=staff
    )
    assert new.version == old.ruleset.version + 1
    assert Warning.objects.get(rule__code="B14").rule_id == old.pk
    assert services.budget.evaluate(standing_committee, 2026, as_of=12) == []
    with pytest.raises(Refused):
        services.budget.revise_rule(
            standing_committee, code="B14", params={"nope": 1}, enabled=True, note="x", by=staff
        )


def test_xlsx_import_with_the_same_template(standing_committee, unit, staff):
    # domain.md §5.5: the documented template as .xlsx
    from io import BytesIO

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    ws.append(row(unit.name, "X1", "三公经费", 600, [50] * 12))
    buf = BytesIO()
    wb.save(buf)
    imp = services.budget_import.import_file(
        standing_committee, year=2026, filename="预算.xlsx", data=buf.getvalue(), by=staff
    )
    assert imp.rows == 1 and Line.objects.get().category == "three_public"
