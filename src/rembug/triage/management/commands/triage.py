"""``rembug triage``: train, suggest, evaluate, roll back; see ``rembug triage --help``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.governments.models import Government
from rembug.triage.emergency import emergency_detect
from rembug.triage.evaluation import (
    HALF_LIFE_DAYS,
    RETRAIN_AFTER,
    evaluate,
    read_export,
    target_field,
)
from rembug.triage.ranking import Report
from rembug.triage.selectors import agency_urusan, routing_suggest
from rembug.triage.services import triage_model_rollback, triage_model_train
from rembug.triage.urusan import urusan_guess


class Command(BaseCommand):
    help = "Triage: routing suggestions, training, evaluation on a LAPOR! export, rollback."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="Train a government's routing model on an export.")
        train.add_argument("--government", required=True, help="slug")
        train.add_argument("--file", required=True, type=Path, help="LAPOR! export (CSV)")
        suggest = sub.add_parser("suggest", help="Top 3 agencies and categories for a text.")
        suggest.add_argument("--government", required=True, help="slug")
        suggest.add_argument("--title", default="")
        suggest.add_argument("--kecamatan", default="")
        suggest.add_argument("--json", action="store_true", dest="as_json")
        suggest.add_argument("text")
        ev = sub.add_parser("evaluate", help="Train on older reports of an export, test on newer.")
        ev.add_argument("file", type=Path)
        ev.add_argument("--target", default="dinas_tujuan")
        ev.add_argument("--split", choices=["time", "kfold"], default="time")
        ev.add_argument("--folds", type=int, default=5)
        ev.add_argument(
            "--no-category",
            action="store_true",
            help="Do not use the category chosen at intake as a feature.",
        )
        ev.add_argument(
            "--half-life-days",
            type=float,
            default=HALF_LIFE_DAYS,
            help="With --split time: older reports count less, halving every N days (0: off).",
        )
        ev.add_argument(
            "--online",
            action="store_true",
            help="With --split time: replay the test reports in time order, retraining as the "
            "product does after every --retrain-after corrections (beside the static split).",
        )
        ev.add_argument("--retrain-after", type=int, default=RETRAIN_AFTER)
        ev.add_argument("--json", action="store_true", dest="as_json")
        rollback = sub.add_parser("rollback", help="Go back to the previous model version.")
        rollback.add_argument("--government", required=True, help="slug")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")(**options)

    def _government(self, slug: str) -> Government:
        try:
            return Government.objects.get(slug=slug)
        except Government.DoesNotExist as exc:
            raise CommandError(f"No government with slug {slug!r}.") from exc

    def _train(self, *, government: str, file: Path, **_: Any) -> None:
        gov = self._government(government)
        rows = [r for r in read_export(file) if r.agency and r.agency.lower() != "tidak diketahui"]
        if not rows:
            raise CommandError("The file has no routed reports.")
        model = triage_model_train(
            government=gov,
            reports=[r.report for r in rows],
            agencies=[r.agency for r in rows],
            categories=[
                r.category if r.category.lower() != "tidak diketahui" else "" for r in rows
            ],
        )
        self.stdout.write(json.dumps({"version": model.version, **model.metrics}, indent=2))

    def _suggest(
        self, *, government: str, text: str, title: str, kecamatan: str, as_json: bool, **_: Any
    ) -> None:
        gov = self._government(government)
        report = Report(title=title, text=text, kecamatan=kecamatan)
        routing = routing_suggest(gov, report)
        codes = agency_urusan(gov)
        category = routing.categories[0].label if routing.categories else ""
        emergency = emergency_detect(f"{title} {text}")
        suggestions: list[dict[str, Any]] = [
            {
                "agency": choice.label,
                "urusan_codes": codes.get(choice.label, urusan_guess(choice.label)),
                "category": category,
                "confidence": round(choice.confidence, 4),
                "words": choice.words,
            }
            for choice in routing.agencies
        ]
        if as_json:
            payload = {
                "suggestions": suggestions,
                "categories": [
                    {"category": c.label, "confidence": round(c.confidence, 4)}
                    for c in routing.categories
                ],
                "auto_route": routing.auto_route,
                "emergency": emergency.kind if emergency.is_emergency else "",
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not suggestions:
            self.stdout.write("No suggestion / tidak ada saran.")
        for s in suggestions:
            self.stdout.write(
                f"{s['confidence']:.2f}  {s['agency']} ({', '.join(s['urusan_codes'])})  "
                f"[{s['category']}]  {' '.join(s['words'])}"
            )

    def _evaluate(
        self,
        *,
        file: Path,
        target: str,
        split: str,
        folds: int,
        no_category: bool,
        half_life_days: float,
        online: bool,
        retrain_after: int,
        as_json: bool,
        **_: Any,
    ) -> None:
        try:
            target_field(target)
            if online and split != "time":
                raise ValueError("--online needs --split time.")
            if retrain_after < 1:
                raise ValueError("--retrain-after must be at least 1.")
            result = evaluate(
                read_export(file),
                target=target,
                split=split,
                folds=folds,
                use_category=not no_category,
                half_life_days=half_life_days or None,
                online=online,
                retrain_after=retrain_after,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if as_json:
            self.stdout.write(json.dumps(result, indent=2))
            return
        for key, value in result.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{key:24} {shown}")

    def _rollback(self, *, government: str, **_: Any) -> None:
        try:
            model = triage_model_rollback(government=self._government(government))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Active triage model: version {model.version}.")
