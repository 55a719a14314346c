"""Generates the reference values for Tests/BrainTests (run once; the JSON files are committed).

Uses scikit-learn 1.9 / numpy 2 / scipy as the independent computation:
  ridge_loo.json     RidgeCV(alphas, alpha_per_target=True) on a tall and a wide problem
  kfold.json         KFold(5) splits of 23 stimuli
  ridge_cv.json      5-fold CV RidgeCV with Pearson r per target, mean over folds (the benchmark's method)
  karpov.json        the seed paper's per-target RidgeCV R² (80/20) and last-stimulus brain score
  linear.json        Brain-Score linear_pearsonr on given shuffle splits (LinearRegression, Pearson, median)
  rsa_cka.json       RDMs (1 − Pearson), Spearman of upper triangles, linear CKA
Usage: python3 Tests/Fixtures/brain/make_fixtures.py   (writes next to this script)
"""
import json
import os

import numpy as np
from scipy.stats import spearmanr
from sklearn.linear_model import LinearRegression, RidgeCV
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, ShuffleSplit

HERE = os.path.dirname(os.path.abspath(__file__))
ALPHAS = np.logspace(-3, 3, 7)


def save(name, payload):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))


def pearson_columns(a, b):
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    return (a * b).sum(axis=0) / np.sqrt((a * a).sum(axis=0) * (b * b).sum(axis=0))


def problem(rng, n, f, t, noise):
    """Features with unequal scales and targets whose noise grows by target, so that the best
    penalty differs between targets."""
    x = rng.standard_normal((n, f)) * np.linspace(0.5, 3, f) + rng.standard_normal(f)
    w = rng.standard_normal((f, t)) * (rng.random((f, t)) < 0.6)
    y = x @ w + rng.standard_normal((n, t)) * np.array(noise) + 2.0
    return x.astype(np.float32).astype(np.float64), y.astype(np.float32).astype(np.float64)


def ridge_loo(rng):
    cases = {}
    for name, (n, f, m) in {"tall": (30, 8, 10), "wide": (12, 20, 6)}.items():
        t = 6
        x, y = problem(rng, n + m, f, t, [0.1, 1, 5, 20, 80, 300][:t])
        model = RidgeCV(alphas=ALPHAS, alpha_per_target=True).fit(x[:n], y[:n])
        cases[name] = {
            "x": x[:n].tolist(), "y": y[:n].tolist(), "x_test": x[n:].tolist(),
            "alphas": ALPHAS.tolist(), "chosen_alphas": model.alpha_.tolist(),
            "best_score": model.best_score_.tolist(), "coef": model.coef_.T.tolist(),
            "intercept": model.intercept_.tolist(), "prediction": model.predict(x[n:]).tolist(),
        }
    save("ridge_loo.json", cases)


def kfold():
    splits = [{"train": tr.tolist(), "test": te.tolist()} for tr, te in KFold(5).split(np.zeros(23))]
    save("kfold.json", {"count": 23, "folds": 5, "splits": splits})


def ridge_cv(rng):
    x, y = problem(rng, 60, 10, 6, [0.5, 2, 8, 30, 100, 400])
    per_fold = []
    for train, test in KFold(5).split(x):
        model = RidgeCV(alphas=ALPHAS, alpha_per_target=True).fit(x[train], y[train])
        per_fold.append(pearson_columns(model.predict(x[test]), y[test]))
    save("ridge_cv.json", {"x": x.tolist(), "y": y.tolist(), "r_per_fold": np.array(per_fold).tolist(),
                           "r_per_target": np.mean(per_fold, axis=0).tolist()})


def karpov(rng):
    x, y = problem(rng, 40, 6, 5, [0.3, 1, 3, 10, 30])
    n_train = int(0.8 * len(x))
    r2 = []
    for index in range(y.shape[1]):
        model = RidgeCV(alphas=[1e-3, 1e-2, 1e-1, 1]).fit(x[:n_train], y[:n_train, index])
        r2.append(model.score(x[n_train:], y[n_train:, index]))
    predictions = []
    for index in range(y.shape[1]):
        model = RidgeCV(alphas=[1e-3, 1e-2, 1e-1, 1]).fit(x[:-1], y[:-1, index])
        predictions.append(model.predict(x[-1:])[0])
    brain_score = np.corrcoef(predictions, y[-1])[0, 1]
    save("karpov.json", {"x": x.tolist(), "y": y.tolist(), "r2_per_target": r2, "r2_mean": float(np.mean(r2)),
                         "last_predictions": predictions, "brain_score": float(brain_score)})


def linear(rng):
    x, y = problem(rng, 50, 4, 7, [0.2, 0.5, 1, 2, 4, 8, 16])
    splits = list(ShuffleSplit(n_splits=10, train_size=0.9, random_state=1).split(x))
    per_split, medians = [], []
    for train, test in splits:
        model = LinearRegression().fit(x[train], y[train])
        r = pearson_columns(model.predict(x[test]), y[test])
        per_split.append(r.tolist())
        medians.append(float(np.median(r)))
    save("linear.json", {"x": x.tolist(), "y": y.tolist(),
                         "splits": [{"train": sorted(tr.tolist()), "test": sorted(te.tolist())} for tr, te in splits],
                         "r_per_split": per_split, "median_per_split": medians, "score": float(np.mean(medians)),
                         "error": float(np.std(medians) / np.sqrt(len(medians)))})


def rsa_cka(rng):
    features = rng.standard_normal((9, 5))
    responses = features @ rng.standard_normal((5, 12)) + rng.standard_normal((9, 12)) * 2
    rdm_model = 1 - np.corrcoef(features)
    rdm_brain = 1 - np.corrcoef(responses)
    upper = np.triu_indices(9, k=1)
    rho = spearmanr(rdm_model[upper], rdm_brain[upper]).correlation
    xc = features - features.mean(0)
    yc = responses - responses.mean(0)
    cka = np.linalg.norm(xc.T @ yc) ** 2 / (np.linalg.norm(xc.T @ xc) * np.linalg.norm(yc.T @ yc))
    save("rsa_cka.json", {"features": features.tolist(), "responses": responses.tolist(),
                          "rdm_model_upper": rdm_model[upper].tolist(), "rdm_brain_upper": rdm_brain[upper].tolist(),
                          "rsa": float(rho), "cka": float(cka)})


if __name__ == "__main__":
    rng = np.random.default_rng(20241123)
    ridge_loo(rng)
    kfold()
    ridge_cv(rng)
    karpov(rng)
    linear(rng)
    rsa_cka(rng)
