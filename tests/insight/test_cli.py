"""`renda insight train | evaluate FILE | status`: metrics printed on a file in the shared columns."""

import csv
import io

from django.core.management import call_command

from .conftest import HEALTH, ROADS, SCHOOL


def test_train_then_evaluate_prints_the_figures(history, tmp_path):
    out = io.StringIO()
    call_command("insight", "train", "--no-shared", stdout=out)
    assert "已训练并启用 v1" in out.getvalue()
    path = tmp_path / "eval.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["row", "留言内容_分词", "一级标签", "留言编号", "raw_text", "raw_source"])
        for texts, label in ((ROADS, "交通运输"), (SCHOOL, "教育文体"), (HEALTH, "卫生计生")):
            for t in texts:
                w.writerow(["0", "", label, "", t, ""])
    out = io.StringIO()
    call_command("insight", "evaluate", str(path), stdout=out)
    text = out.getvalue()
    for needle in ("macro-F1", "accuracy", "precision", "recall", "p50", "p95", "交通运输"):
        assert needle in text
    out = io.StringIO()
    call_command("insight", "status", stdout=out)
    assert "* v1" in out.getvalue()
