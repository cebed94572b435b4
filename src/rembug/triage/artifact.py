"""Serialising a trained router to the bytes stored in ``TriageModel.artifact``."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from rembug.triage.ranking import LinearRanker
from rembug.triage.routing import AgencyRouter

# 2: the router combines its evidence with fitted weights (routing.EVIDENCE).
FORMAT = 2


@dataclass
class Trained:
    router: AgencyRouter
    categories: LinearRanker | None


def dumps(trained: Trained) -> bytes:
    return pickle.dumps({"format": FORMAT, "trained": trained}, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Trained:
    # Only ``triage_model_train`` writes these bytes, into our own database; they never come
    # from a user upload.
    payload = pickle.loads(data)  # noqa: S301
    if payload.get("format") != FORMAT:
        raise ValueError("This triage model was written by another version; train it again.")
    trained = payload["trained"]
    assert isinstance(trained, Trained)
    return trained
