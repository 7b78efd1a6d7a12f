"""`renda insight train | evaluate FILE | cv | rollback | status`: the routing model from the command line."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "智能分办模型：train（训练并启用新版本）、evaluate FILE（评估）、cv（交叉验证）、rollback、status"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        t = sub.add_parser("train", help="用本机关的历史（转办、交办、更正）和共享数据训练，启用新版本")
        t.add_argument("--no-shared", action="store_true", help="不用共享数据（RENDA_SHARED_DATA）")
        t.add_argument("--if-changed", action="store_true", help="训练数据未变化时不训练（定时任务的做法）")
        e = sub.add_parser("evaluate", help="在一个与共享训练文件同列的 CSV 上评估在用模型")
        e.add_argument("file")
        c = sub.add_parser("cv", help="在共享训练文件上做 k 折交叉验证，与 TF-IDF+LinearSVC 基线对比")
        c.add_argument("--folds", type=int, default=5)
        c.add_argument("--limit", type=int, default=0, help="只用随机抽取的 N 行（调试用）")
        sub.add_parser("rollback", help="回退到上一版本模型")
        sub.add_parser("status", help="列出模型版本")

    def handle(self, *args, action, **opts):
        getattr(self, f"do_{action}")(**opts)

    def do_train(self, no_shared=False, if_changed=False, **_):
        from renda.insight import services

        result = services.retrain(
            force=not if_changed, shared=False if no_shared else None, note="renda insight train"
        )
        if not result["trained"]:
            self.stdout.write(f"未训练：{result['reason']}（在用版本 v{result['version']}）")
            return
        self.stdout.write(
            f"已训练并启用 v{result['version']}：{result['samples']} 条样本，用时 {result['seconds']} 秒；来源 {result['sources']}"
        )

    def do_evaluate(self, file, **_):
        from renda.insight import items, store
        from renda.insight.ml import data, metrics

        texts, labels = data.labelled(file)
        if not texts:
            raise CommandError(f"{file}：没有可评估的行（需要列 留言内容_分词 或 raw_text，以及 一级标签）")
        row, model = store.active()
        if model is None:
            raise CommandError("还没有在用的分办模型：先运行 renda insight train")
        classes = set(model.category.classes)
        mapped = [items.TEDDY_TO_CATEGORY.get(lab, lab) if lab not in classes else lab for lab in labels]
        t0 = time.perf_counter()
        pred = model.predict(texts)
        batch = time.perf_counter() - t0
        s = metrics.scores(mapped, pred)
        back = {v: k for k, v in items.TEDDY_TO_CATEGORY.items()}
        for c in s["per_class"]:
            c["label"] = back.get(c["label"], items.category_label(c["label"]))
        lat = metrics.latency(lambda t: model.rank(t), texts)
        self.stdout.write(metrics.report(f"v{row.version} on {file}", s, lat))
        self.stdout.write(f"  batch: {len(texts)} texts in {batch:.1f} s")
        if row.sources.get("shared") and str(file).endswith(data.TRAIN):
            self.stdout.write(
                "  注意：在用模型的训练数据包含此文件，上面是训练集上的成绩；泛化成绩见 renda insight cv"
            )

    def do_cv(self, folds=5, limit=0, **_):
        from renda.insight.ml import data, metrics, router

        texts, labels = data.labelled()
        if not texts:
            raise CommandError(f"没有共享训练数据：{data.path(data.TRAIN)}")
        if limit:  # a stratified-enough sample: the file is ordered by label
            import random

            keep = sorted(random.Random(0).sample(range(len(texts)), min(limit, len(texts))))
            texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
        t0 = time.perf_counter()
        ours = metrics.cross_validate(
            texts, labels, lambda x, y: router.train(x, y, calibrate=False).predict, folds
        )
        t1 = time.perf_counter()
        base = metrics.cross_validate(texts, labels, router.baseline, folds)
        self.stdout.write(f"{folds}-fold CV on {len(texts)} rows of {data.TRAIN}")
        self.stdout.write(
            f"  ours     macro-F1 {ours['macro_f1']:.4f} (folds {', '.join(f'{f:.4f}' for f in ours['folds'])}) accuracy {ours['accuracy']:.4f} · {t1 - t0:.0f} s"
        )
        self.stdout.write(
            f"  baseline macro-F1 {base['macro_f1']:.4f} (folds {', '.join(f'{f:.4f}' for f in base['folds'])}) accuracy {base['accuracy']:.4f}"
        )
        self.stdout.write(f"  difference {ours['macro_f1'] - base['macro_f1']:+.4f}")

    def do_rollback(self, **_):
        from renda.core.errors import Refused
        from renda.insight import services

        try:
            row = services.rollback()
        except Refused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已回退到 v{row.version}")

    def do_status(self, **_):
        from renda.insight.models import ModelVersion

        for v in ModelVersion.objects.all()[:20]:
            mark = "*" if v.active else " "
            self.stdout.write(
                f"{mark} v{v.version} {v.trained_at:%Y-%m-%d %H:%M} {v.samples} 样本 {v.corrections} 更正 {v.seconds}s {v.sources}"
            )
