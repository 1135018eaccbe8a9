#!/usr/bin/env python3
"""Train the item classifier of the general pipeline on the development corpus.

    python scripts/train_items.py [--corpus ../shared/corpus/dev] [--no-loo] [--out plangraf/loaders/items_model.json]

Each text of the corpus goes through the pipeline's layout and candidate stages
(:mod:`plangraf.loaders.layout`, :mod:`plangraf.loaders.items`); a candidate is labelled with the
type of the gold entity its text matches (the scorer's own matching: normalised, ratio >= 0.8),
else "None". A logistic regression (scikit-learn) over the candidates' features is fitted on all
texts and written as JSON (:mod:`plangraf.loaders.model`).

Before that, unless --no-loo: **leave one document out** — for each text, a model trained on the
other texts extracts it through the whole pipeline, and the graph is scored against its gold with
``score_extraction.py``. The printed totals are the figures to expect on texts nobody has seen;
the training figure is never reported. Needs scikit-learn (``pip install scikit-learn``).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plangraf.loaders import general
from plangraf.loaders.general import decide
from plangraf.loaders.inputs import read_document
from plangraf.loaders.items import candidates
from plangraf.loaders.layout import layout
from plangraf.loaders.model import LinearModel

SHARED = ROOT.parent / "shared"


def scorer():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(SHARED / "tools"))
    import score_extraction  # type: ignore[import-not-found]
    return score_extraction


def labelled(text_path: Path, gold: dict, se) -> tuple[list[dict[str, float]], list[str]]:  # type: ignore[no-untyped-def]
    doc = read_document(text_path)
    cands = decide(candidates(layout(doc.lines, doc.raw_lines)), None)   # adds the rule feature
    golds = [(se.norm(e["label"]), e["type"]) for e in gold["entities"]]
    xs, ys = [], []
    for c in cands:
        t = se.norm(c.text)
        best, label = 0.0, "None"
        for g, typ in golds:
            s = se.similarity(t, g)
            if s > best:
                best, label = s, typ
        xs.append(c.features)
        ys.append(label if best >= 0.8 else "None")
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[str], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    x = vec.fit_transform(xs).tocsr()
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=300, tol=1e-3)
    clf.fit(x, ys)
    names = vec.get_feature_names_out()
    weights = {}
    coef = clf.coef_
    classes = list(clf.classes_)
    if len(classes) == 2:   # binary: sklearn keeps one row
        coef = [-coef[0], coef[0]]
    for j, name in enumerate(names):
        w = [round(float(coef[k][j]), 4) for k in range(len(classes))]
        if max(abs(v) for v in w) >= 0.005:
            weights[str(name)] = tuple(w)
    intercept = clf.intercept_ if len(classes) > 2 else [-clf.intercept_[0], clf.intercept_[0]]
    return LinearModel(tuple(classes), tuple(round(float(v), 4) for v in intercept), weights,
                       {"C": c, "examples": len(ys), "trained": time.strftime("%Y-%m-%d")})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    ap.add_argument("--out", type=Path, default=ROOT / "plangraf" / "loaders" / "items_model.json")
    ap.add_argument("--no-loo", action="store_true", help="skip the leave-one-document-out figures")
    ap.add_argument("-C", type=float, default=0.5, help="inverse regularisation strength")
    a = ap.parse_args(argv)
    se = scorer()
    golds = sorted((a.corpus / "gold").glob("*.json"))
    data = []
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        xs, ys = labelled(a.corpus / "texts" / gold["file"], gold, se)
        data.append((g, gold, xs, ys))
    counts = collections.Counter(y for *_rest, ys in data for y in ys)
    print(f"{len(data)} texts, {sum(counts.values())} candidates: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    if not a.no_loo:
        from plangraf.loaders.pipeline import extract_file, serialize_extraction
        tot = collections.Counter()
        by_type: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        with tempfile.TemporaryDirectory() as tmp:
            for k, (g, gold, _xs, _ys) in enumerate(data):
                xs = [x for j, d in enumerate(data) if j != k for x in d[2]]
                ys = [y for j, d in enumerate(data) if j != k for y in d[3]]
                model = fit(xs, ys, a.C)
                general.shipped_model = lambda m=model: m  # type: ignore[assignment]
                ex = extract_file(a.corpus / "texts" / gold["file"])
                out = Path(tmp) / (g.stem + ".ttl")
                out.write_bytes(serialize_extraction(ex.ntriples(), "turtle")[0])
                s = se.score(g, out, True)
                for key in ("entities", "entities_found", "relations", "relations_found", "extracted_typed_nodes"):
                    tot[key] += s[key]
                for t, row in s["by_type"].items():
                    by_type[t][0] += row[0]
                    by_type[t][1] += row[1]
                print(f"  LOO {g.stem[:44]:44} entities {s['entities_found']:3}/{s['entities']:3} "
                      f"extracted {s['extracted_typed_nodes']:3} relations {s['relations_found']:3}/{s['relations']:3}",
                      flush=True)
        e, f, x = tot["entities"], tot["entities_found"], tot["extracted_typed_nodes"]
        print("LOO by type: " + ", ".join(f"{t} {v[1]}/{v[0]}" for t, v in sorted(by_type.items())))
        print(f"LOO TOTAL: entity recall {f / e:.3f} ({f}/{e}), precision {f / max(x, 1):.3f} (of {x}), "
              f"relation recall {tot['relations_found'] / max(tot['relations'], 1):.3f} "
              f"({tot['relations_found']}/{tot['relations']})")
    model = fit([x for d in data for x in d[2]], [y for d in data for y in d[3]], a.C)
    a.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {a.out} ({len(model.weights)} features, classes {', '.join(model.classes)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
