"""matplotlib peer for the plot benchmark: milliseconds to draw (and to draw and encode as PNG)
a heatmap of an NxN matrix (magma, colorbar) and a scatter of M points coloured by value
(viridis, colorbar), each as a WxH-pixel figure with the Agg backend.
Usage: plot_matplotlib.py W H N M. Prints one JSON line (best of 7 runs each)."""
import io
import json
import sys
import time

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
except ImportError:
    print("matplotlib is not installed (pip install matplotlib)")
    sys.exit(3)

width, height, n, m = (int(v) for v in sys.argv[1:5])
dpi = 100
x = np.arange(n) / n
matrix = np.sin(9 * x)[None, :] * np.cos(7 * x)[:, None] + 0.5 * np.sin(31 * x[None, :] * x[:, None])
rng = np.random.default_rng(3)
px, py = rng.standard_normal(m), rng.standard_normal(m)
colour = px * py
# Our markers are 6 px across at 100 dpi; matplotlib sizes markers by area in points².
marker_area = (6 * 72 / dpi) ** 2
alpha = max(0.15, (500 / m) ** 0.5)


def heatmap():
    fig, ax = plt.subplots(figsize=(width / dpi, height / dpi), dpi=dpi)
    image = ax.imshow(matrix, cmap="magma", aspect="auto")
    fig.colorbar(image, ax=ax)
    ax.set_title(f"{n}×{n} heatmap")
    ax.set_xlabel("column")
    ax.set_ylabel("row")
    return fig


def scatter():
    fig, ax = plt.subplots(figsize=(width / dpi, height / dpi), dpi=dpi)
    points = ax.scatter(px, py, c=colour, cmap="viridis", s=marker_area, alpha=alpha, linewidths=0)
    fig.colorbar(points, ax=ax)
    ax.set_title(f"{m:,} points")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.grid(True)
    return fig


def best(body, repeats=7):
    body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def render(make):
    fig = make()
    fig.canvas.draw()
    plt.close(fig)


def to_png(make):
    fig = make()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)


results = {}
for name, make in (("heatmap", heatmap), ("scatter", scatter)):
    results[f"{name}_render"] = best(lambda: render(make))
    results[f"{name}_png"] = best(lambda: to_png(make))
print(json.dumps(results))
