"""Writes the tables of sessions/examples/gallery.msc from the copies of public datasets that
scikit-learn ships (sklearn/datasets/data/), so anyone can check them:

    python3 sessions/examples/data/make_data.py   # needs numpy and scikit-learn (any recent version)

iris.csv                 Fisher's / Anderson's iris measurements (150 flowers, cm) and species.
iris_summary.csv         mean and standard deviation (ddof=1) of each measurement per species.
wine_correlations.csv    Pearson correlations between the 13 chemical measurements of the UCI
                         wine data (178 wines from three cultivars).
wine.csv                 three of those measurements and the cultivar, one row per wine.
breast_cancer_radius.csv mean nucleus radius of the 569 UCI breast cancer (WDBC) samples and
                         their diagnosis.
diabetes_bmi.csv         disease progression one year after baseline of the 442 patients of
                         Efron et al. (2004), by body-mass-index band (2 kg/m²) and sex as coded
                         in the data (1 or 2): mean, 95 % confidence half-width (1.96 standard
                         errors) and count; bands with fewer than 5 patients are left out.
"""
import csv
import gzip
import os

import numpy as np
import sklearn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data")


def read_bundled(name):
    """sklearn's layout: a first line `n_samples,n_features,target names...`, then rows ending in the target index."""
    with open(os.path.join(DATA, name)) as f:
        rows = list(csv.reader(f))
    targets = rows[0][2:]
    body = np.array(rows[1:], dtype=float)
    return body[:, :-1], [targets[int(t)] for t in body[:, -1]]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def number(x):
    return f"{x:.6g}"


def iris():
    x, species = read_bundled("iris.csv")
    names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    write("iris.csv", names + ["species"], [[number(v) for v in row] + [s] for row, s in zip(x, species)])
    rows = []
    for s in ["setosa", "versicolor", "virginica"]:
        mask = np.array([t == s for t in species])
        for j, name in enumerate(names):
            rows.append([s, name, number(x[mask, j].mean()), number(x[mask, j].std(ddof=1))])
    write("iris_summary.csv", ["species", "measurement", "mean", "sd"], rows)


def wine():
    x, cultivar = read_bundled("wine_data.csv")
    names = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
             "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline"]
    r = np.corrcoef(x, rowvar=False)
    write("wine_correlations.csv", ["measurement"] + names, [[names[i]] + [f"{v:.4f}" for v in r[i]] for i in range(len(names))])
    keep = [names.index(n) for n in ["alcohol", "color_intensity", "proline"]]
    write("wine.csv", ["alcohol", "color_intensity", "proline", "cultivar"],
          [[number(row[k]) for k in keep] + [c.replace("class_", "cultivar ")] for row, c in zip(x, cultivar)])


def breast_cancer():
    x, diagnosis = read_bundled("breast_cancer.csv")
    write("breast_cancer_radius.csv", ["mean_radius", "diagnosis"], [[number(row[0]), d] for row, d in zip(x, diagnosis)])


def diabetes():
    with gzip.open(os.path.join(DATA, "diabetes_data_raw.csv.gz"), "rt") as f:
        raw = np.loadtxt(f)
    with gzip.open(os.path.join(DATA, "diabetes_target.csv.gz"), "rt") as f:
        target = np.loadtxt(f)
    sex, bmi = raw[:, 1], raw[:, 2]
    rows = []
    for s in [1, 2]:
        for low in np.arange(18, 44, 2):
            mask = (sex == s) & (bmi >= low) & (bmi < low + 2)
            n = int(mask.sum())
            if n < 5:
                continue
            values = target[mask]
            half = 1.96 * values.std(ddof=1) / np.sqrt(n)
            rows.append([number(low + 1), str(s), number(values.mean()), number(half), str(n)])
    write("diabetes_bmi.csv", ["bmi", "sex", "progression", "ci95", "patients"], rows)


if __name__ == "__main__":
    iris()
    wine()
    breast_cancer()
    diabetes()
