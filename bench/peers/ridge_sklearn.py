"""scikit-learn peer for the ridge benchmark: 5-fold cross-validated ridge with a per-target alpha.

For each workload argument NAME=X,Y,OUT,S,F,T it reads the stimuli×features matrix X (S×F) and the
stimuli×targets matrix Y (S×T), raw little-endian float32 row-major files written by mindscope-bench, runs RidgeCV(alphas=logspace(-3, 3, 7),
alpha_per_target=True) inside KFold(5) (unshuffled), scores each held-out fold by the Pearson r of
every target, averages r over folds and writes those per-target values to OUT.npy so the caller can
compare them with its own (raw little-endian float64). Prints one JSON line {NAME: seconds}. Threads: OPENBLAS_NUM_THREADS."""
import json
import sys
import time

try:
    import numpy as np
    from sklearn.linear_model import RidgeCV
    from sklearn.model_selection import KFold
except ImportError as error:
    print(f"scikit-learn is not installed ({error}); pip install scikit-learn")
    sys.exit(3)


def pearson_columns(a, b):
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    return (a * b).sum(axis=0) / np.sqrt((a * a).sum(axis=0) * (b * b).sum(axis=0))


def cross_validated_r(x, y, folds=5):
    alphas = np.logspace(-3, 3, 7)
    per_fold = []
    for train, test in KFold(n_splits=folds).split(x):
        model = RidgeCV(alphas=alphas, alpha_per_target=True).fit(x[train], y[train])
        per_fold.append(pearson_columns(model.predict(x[test]), y[test]))
    return np.mean(per_fold, axis=0)


results = {}
for argument in sys.argv[1:]:
    name, paths = argument.split("=", 1)
    x_path, y_path, out_path, s, f, t = paths.split(",")
    x = np.fromfile(x_path, dtype="<f4").reshape(int(s), int(f))
    y = np.fromfile(y_path, dtype="<f4").reshape(int(s), int(t))
    repeats = 3 if x.shape[0] * x.shape[1] <= 1_000_000 else 1
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        r = cross_validated_r(x, y)
        best = min(best, time.perf_counter() - start)
    r.astype("<f8").tofile(out_path)
    results[name] = best
print(json.dumps(results))
