"""Measuring routing on a real LAPOR! export: train on the older reports, test on the newest
(or stratified k-fold), and report accuracy, macro-F1, top-3 accuracy and how precise and how
wide automatic routing would be at the threshold learned from the training reports alone.

Agency names are compared without the region LAPOR! appends to them ("Dinas Sosial Kab.
Bandung" and "Dinas Sosial Kabupaten Bandung" are one agency, as the importer's agency mapping
matches them), and the router knows every agency of the export by name and urusan, as the
product knows a government's register of agencies — not which reports went to which agency.

``online=True`` (time split, agency only) replays the test reports in time order as the product
would run: each report is suggested by the model of that moment, the coordinator's routing of it
becomes history, and after ``RETRAIN_AFTER`` corrections (top suggestion not taken) the model is
retrained on everything routed so far. It measures the deployed system; the static split, trained
once, remains the yardstick.

Reads both layouts: the official export (``Judul Laporan``, ``Isi Laporan Awal``,
``Instansi Terdisposisi``, ``Tanggal Laporan Masuk`` as ``23 Sep 2024``...) and the snake_case
research layout (``judul``, ``isi_laporan_awal``, ``dinas_tujuan``, ``tanggal_masuk``...).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from rembug.triage.ranking import FloatArray, LinearRanker, Report
from rembug.triage.routing import AgencyRouter
from rembug.triage.urusan import urusan_guess

__all__ = ["ExportRow", "agency_name", "evaluate", "read_export", "target_field"]

UNKNOWN = "tidak diketahui"
# Export column (either layout) → field of ExportRow.
COLUMNS = {
    "judul": "title",
    "judul laporan": "title",
    "isi_laporan_awal": "text",
    "isi laporan awal": "text",
    "kecamatan_final": "kecamatan",
    "kecamatan": "kecamatan",
    "kategori": "category",
    "klasifikasi": "classification",
    "klasifikasi laporan": "classification",
    "dinas_tujuan": "agency",
    "instansi terdisposisi": "agency",
    "tanggal_masuk": "received",
    "tanggal laporan masuk": "received",
}
# Reports a year older count half as much in training.
HALF_LIFE_DAYS = 365.0
# Online replay: the product retrains after this many corrections (complaints.learning).
RETRAIN_AFTER = 20
# What LAPOR! appends to an agency's name: "… Kab. Bandung", "… Kabupaten Bandung", "… Kota
# Samarinda" (the same words the importer's agency matching ignores).
_REGION_SUFFIX = re.compile(r"\s+(?:kab\.?|kabupaten|kota|pemerintah)\b.*$", re.IGNORECASE)
TARGETS = {"agency": "agency", "category": "category", "classification": "classification"}


@dataclass(frozen=True)
class ExportRow:
    report: Report
    agency: str
    category: str
    classification: str
    received: date | None


def target_field(target: str) -> str:
    """``dinas_tujuan``, ``Instansi Terdisposisi`` or ``agency`` → ``agency``; and so on."""
    key = target.strip().lower()
    field = TARGETS.get(key) or COLUMNS.get(key)
    if field not in TARGETS:
        raise ValueError(f"Unknown target column: {target}")
    return field


def agency_name(name: str) -> str:
    """``name`` without the region LAPOR! appends to it."""
    return _REGION_SUFFIX.sub("", name.strip()).strip() or name.strip()


def _date(value: str) -> date | None:
    value = value.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d %b %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date only
        except ValueError:
            continue
    return None


def read_export(path: Path | str) -> list[ExportRow]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = []
        for raw in csv.DictReader(f):
            data = {
                COLUMNS[k.strip().lower()]: (v or "").strip()
                for k, v in raw.items()
                if k and k.strip().lower() in COLUMNS
            }
            category = data.get("category", "")
            rows.append(
                ExportRow(
                    report=Report(
                        title=data.get("title", ""),
                        text=data.get("text", ""),
                        kecamatan=data.get("kecamatan", ""),
                        category="" if category.lower() == UNKNOWN else category,
                    ),
                    agency=data.get("agency", ""),
                    category=category,
                    classification=data.get("classification", ""),
                    received=_date(data.get("received", "")),
                )
            )
    return rows


def _labelled(rows: Sequence[ExportRow], field: str) -> list[tuple[ExportRow, str]]:
    out = []
    for row in rows:
        label = getattr(row, field)
        if label and label.lower() != UNKNOWN:
            out.append((row, agency_name(label) if field == "agency" else label))
    return out


def time_split(items: Sequence[tuple[ExportRow, str]]) -> tuple[list[int], list[int], str]:
    """Train on the older years, test on the newest year that holds at least 5 % of the reports
    (later stragglers are left out). With a single year, the newest fifth is the test set."""
    dates = {i: row.received for i, (row, _) in enumerate(items) if row.received}
    years = Counter(d.year for d in dates.values())
    big = sorted(y for y, n in years.items() if n >= 0.05 * len(items))
    if len(big) >= 2:
        test_year = big[-1]
        train = [i for i, d in dates.items() if d.year < test_year]
        test = [i for i, d in dates.items() if d.year == test_year]
        return train, test, f"train before {test_year}, test {test_year}"
    ordered = sorted(dates, key=lambda i: dates[i])
    cut = int(len(ordered) * 0.8)
    first = dates[ordered[cut]]
    return ordered[:cut], ordered[cut:], f"one year: oldest 80 % / newest 20 % (from {first})"


def recency_weights(
    received: Sequence[date | None], *, half_life_days: float | None
) -> list[float] | None:
    """Weights halving every ``half_life_days`` back from the newest report (agencies, names and
    habits of routing drift over the years); None when not wanted or without dates."""
    dated = [d for d in received if d]
    if half_life_days is None or not dated:
        return None
    newest = max(dated)
    return [0.5 ** (((newest - d).days if d else 0) / half_life_days) for d in received]


def _report(row: ExportRow, use_category: bool) -> Report:
    if use_category:
        return row.report
    return Report(title=row.report.title, text=row.report.text, kecamatan=row.report.kecamatan)


def _fit_predict(
    train: Sequence[tuple[ExportRow, str]],
    test: Sequence[tuple[ExportRow, str]],
    field: str,
    *,
    use_category: bool,
    half_life_days: float | None,
    register: Sequence[str] = (),
) -> tuple[list[str], FloatArray, float]:
    train_reports = [_report(row, use_category) for row, _ in train]
    labels = [label for _, label in train]
    test_reports = [_report(row, use_category) for row, _ in test]
    weights = recency_weights([row.received for row, _ in train], half_life_days=half_life_days)
    if field == "agency":
        agency_urusan = {label: urusan_guess(label) for label in set(labels) | set(register)}
        router = AgencyRouter.fit(
            train_reports, labels, agency_urusan=agency_urusan, weights=weights
        )
        return router.labels, router.probabilities(test_reports), router.threshold
    ranker = LinearRanker().fit(train_reports, labels, weights=weights)
    return ranker.classes, ranker.probabilities(test_reports), ranker.threshold


def _online(
    train: Sequence[tuple[ExportRow, str]],
    test: Sequence[tuple[ExportRow, str]],
    *,
    use_category: bool,
    half_life_days: float | None,
    register: Sequence[str],
    retrain_after: int = RETRAIN_AFTER,
) -> tuple[list[str], FloatArray, list[float], int]:
    """Suggest each test report (in time order) with the model of its moment; retrain on all
    routed reports after ``retrain_after`` corrections. Returns the labels, the probabilities
    (rows in the order of ``test``), each report's auto-route threshold, and the retrainings."""
    agency_urusan = {label: urusan_guess(label) for label in register}
    labels = sorted(agency_urusan)
    order = sorted(range(len(test)), key=lambda i: test[i][0].received or date.min)
    p = np.zeros((len(test), len(labels)))
    thresholds = [1.01] * len(test)
    history = list(train)
    router: AgencyRouter | None = None
    corrections, retrainings = 0, 0
    for i in order:
        if router is None or corrections >= retrain_after:
            weights = recency_weights(
                [row.received for row, _ in history], half_life_days=half_life_days
            )
            router = AgencyRouter.fit(
                [_report(row, use_category) for row, _ in history],
                [label for _, label in history],
                agency_urusan=agency_urusan,
                weights=weights,
            )
            corrections, retrainings = 0, retrainings + 1
        row, label = test[i]
        p[i] = router.probabilities([_report(row, use_category)])[0]
        thresholds[i] = router.threshold
        if labels[int(p[i].argmax())] != label:
            corrections += 1
        history.append((row, label))
    return labels, p, thresholds, retrainings - 1


def _unseen(train: Sequence[tuple[ExportRow, str]], test: Sequence[tuple[ExportRow, str]]) -> int:
    """Test reports whose label no training report has."""
    seen = {label for _, label in train}
    return sum(1 for _, label in test if label not in seen)


def _metrics(
    classes: Sequence[str], p: FloatArray, truth: Sequence[str], threshold: float | Sequence[float]
) -> dict[str, Any]:
    names = np.asarray(classes)
    order = np.argsort(-p, axis=1)
    predicted = names[order[:, 0]]
    y = np.asarray(truth)
    confident = p[np.arange(len(p)), order[:, 0]] >= np.asarray(threshold)
    correct = predicted == y
    return {
        "n_test": len(y),
        "accuracy": float(correct.mean()),
        "macro_f1": float(
            f1_score(y, predicted, labels=sorted(set(y)), average="macro", zero_division=0)
        ),
        "top3_accuracy": float(np.mean([y[i] in names[order[i, :3]] for i in range(len(y))])),
        "auto_route_threshold": threshold if isinstance(threshold, float) else None,
        "auto_route_precision": float(correct[confident].mean()) if confident.any() else None,
        "auto_route_coverage": float(confident.mean()),
        "unseen_test_labels": int(sum(1 for label in y if label not in set(classes))),
    }


def evaluate(
    rows: Sequence[ExportRow],
    *,
    target: str,
    split: str = "time",
    folds: int = 5,
    use_category: bool = True,
    half_life_days: float | None = HALF_LIFE_DAYS,
    online: bool = False,
    retrain_after: int = RETRAIN_AFTER,
) -> dict[str, Any]:
    """Train and test on an export; the figures as a dict (see the module docstring)."""
    field = target_field(target)
    items = _labelled(rows, field)
    register = sorted({label for _, label in items}) if field == "agency" else []
    if online and (split != "time" or field != "agency"):
        raise ValueError("The online replay needs --split time and an agency target.")
    if field == "category":
        use_category = False
    result: dict[str, Any] = {
        "half_life_days": half_life_days if split == "time" else None,
        "target": field,
        "split": split,
        "n_labelled": len(items),
        "use_category": use_category,
    }
    if split == "time" and online:
        train, test, how = time_split(items)
        classes, p, thresholds, retrainings = _online(
            [items[i] for i in train],
            [items[i] for i in test],
            use_category=use_category,
            half_life_days=half_life_days,
            register=register,
            retrain_after=retrain_after,
        )
        result |= {
            "how": f"{how}; online replay, retrained after every {retrain_after} corrections",
            "n_train": len(train),
            "retrainings": retrainings,
        }
        result |= _metrics(classes, p, [items[i][1] for i in test], thresholds)
        result["unseen_test_labels"] = _unseen([items[i] for i in train], [items[i] for i in test])
        return result
    if split == "time":
        train, test, how = time_split(items)
        classes, p, threshold = _fit_predict(
            [items[i] for i in train],
            [items[i] for i in test],
            field,
            use_category=use_category,
            half_life_days=half_life_days if split == "time" else None,
            register=register,
        )
        result |= {"how": how, "n_train": len(train)}
        result |= _metrics(classes, p, [items[i][1] for i in test], threshold)
        result["unseen_test_labels"] = _unseen([items[i] for i in train], [items[i] for i in test])
        return result
    if split != "kfold":
        raise ValueError(f"Unknown split: {split}")
    labels = [label for _, label in items]
    counts = Counter(labels)
    # Labels seen fewer times than there are folds cannot be stratified: they stay in training.
    keep = [i for i, label in enumerate(labels) if counts[label] >= folds]
    rare = [i for i, label in enumerate(labels) if counts[label] < folds]
    folds_out = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train_k, test_k in splitter.split(keep, [labels[i] for i in keep]):
        train = [keep[i] for i in train_k] + rare
        test = [keep[i] for i in test_k]
        classes, p, threshold = _fit_predict(
            [items[i] for i in train],
            [items[i] for i in test],
            field,
            use_category=use_category,
            half_life_days=half_life_days if split == "time" else None,
            register=register,
        )
        folds_out.append(_metrics(classes, p, [items[i][1] for i in test], threshold))
    for key in ("accuracy", "macro_f1", "top3_accuracy", "auto_route_coverage"):
        result[key] = float(np.mean([f[key] for f in folds_out]))
    precisions = [
        f["auto_route_precision"] for f in folds_out if f["auto_route_precision"] is not None
    ]
    result["auto_route_precision"] = float(np.mean(precisions)) if precisions else None
    result["how"] = f"stratified {folds}-fold; {len(rare)} reports of rare labels only in training"
    result["n_test"] = len(keep)
    return result
