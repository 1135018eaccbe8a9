"""The item classifier at run time: a linear model over named features, shipped as JSON.

``scripts/train_items.py`` trains it (scikit-learn's logistic regression) on the development
corpus and writes ``plangraf/loaders/items_model.json``: the classes, an intercept per class and,
per feature name, its weight per class. Prediction is a dot product and a softmax, so running
plangraf needs neither scikit-learn nor pickle (a JSON file cannot execute code).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_FILE = "items_model.json"


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict[str, object]

    def predict(self, feats: dict[str, float]) -> tuple[str, float, dict[str, float]]:
        """(best class, its probability, every class's probability)."""
        scores = list(self.intercept)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    scores[k] += wk * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        probs = {c: e / total for c, e in zip(self.classes, exps)}
        best = max(probs, key=probs.__getitem__)
        return best, probs[best], probs

    def to_json(self) -> str:
        return json.dumps({"classes": self.classes, "intercept": self.intercept, "meta": self.meta,
                           "weights": self.weights}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        d = json.loads(text)
        return cls(tuple(d["classes"]), tuple(d["intercept"]),
                   {k: tuple(v) for k, v in d["weights"].items()}, d.get("meta", {}))


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel | None:
    """The model shipped as package data, or None when there is none (rules decide then)."""
    path = resources.files("plangraf.loaders").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return LinearModel.from_json(path.read_text("utf-8"))
