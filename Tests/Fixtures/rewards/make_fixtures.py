"""Reference values for the Rewards tests, computed independently with numpy.

Writes cases.json: two small MDPs with two rewards each, and for R1 every canonicalisation,
for (R1, R2) distances under a set of variants, and the regret found by enumerating every
deterministic policy (J by a dense linear solve). Also writes the first case's MDP and R1 as
numpy .npz files (mdp.npz, reward.npz) and as F64 safetensors (mdp.safetensors with γ in the
metadata, reward.safetensors), for the file-loading tests. Run from this directory:

    python3 make_fixtures.py
"""
import itertools
import json
import struct

import numpy as np


def softmax_rows(logits):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def make_case(rng, states, actions, gamma, sparse, given_options):
    logits = rng.standard_normal((states, actions, states))
    if sparse:
        logits = np.where(logits > 0.5, logits, -20.0)
    tau = softmax_rows(logits)
    initial = rng.uniform(0.2, 1.0, states)
    initial /= initial.sum()
    r1 = rng.standard_normal((states, actions, states))
    r2 = rng.standard_normal((states, actions, states)) * 2 + 0.5
    if given_options:
        ds = rng.uniform(0.1, 1, states); ds /= ds.sum()
        da = rng.uniform(0.1, 1, actions); da /= da.sum()
        policy = rng.uniform(0.1, 1, (states, actions)); policy /= policy.sum(axis=1, keepdims=True)
    else:
        ds = np.full(states, 1 / states)
        da = np.full(actions, 1 / actions)
        policy = np.full((states, actions), 1 / actions)
    return dict(tau=tau, initial=initial, gamma=gamma, r1=r1, r2=r2, ds=ds, da=da, policy=policy,
                options=given_options)


def shape_by(reward, potential, gamma):
    return reward + gamma * potential[None, None, :] - potential[:, None, None]


def epic(c, r):
    potential = np.einsum("sax,a,x->s", r, c["da"], c["ds"])
    return shape_by(r, potential, c["gamma"]) - c["gamma"] * (c["ds"] @ potential)


def dard(c, r):
    tau, da, g = c["tau"], c["da"], c["gamma"]
    potential = np.einsum("sax,sax,a->s", tau, r, da)
    last = np.einsum("a,sax,tay,xay->st", da, tau, tau, r)
    return shape_by(r, potential, g) - g * last[:, None, :]


def policy_value(c, r):
    tau, pi, g = c["tau"], c["policy"], c["gamma"]
    p_pi = np.einsum("sa,sax->sx", pi, tau)
    r_pi = np.einsum("sa,sax,sax->s", pi, tau, r)
    return np.linalg.solve(np.eye(len(r_pi)) - g * p_pi, r_pi)


def val(c, r):
    v = policy_value(c, r)
    per_sa = np.einsum("sax,sax->sa", c["tau"], r + c["gamma"] * v[None, None, :]) - v[:, None]
    return np.repeat(per_sa[:, :, None], r.shape[2], axis=2)


def val_potential(c, r):
    return shape_by(r, policy_value(c, r), c["gamma"])


def generators(c):
    tau, g = c["tau"], c["gamma"]
    s, a, _ = tau.shape
    columns = []
    for k in range(s):
        phi = np.zeros(s); phi[k] = 1
        columns.append((g * phi[None, None, :] - phi[:, None, None] + np.zeros((s, a, s))).ravel())
    for i, j, x in itertools.product(range(s), range(a), range(s)):
        d = np.zeros((s, a, s))
        d[i, j, :] = -tau[i, j, x]
        d[i, j, x] += 1
        columns.append(d.ravel())
    return np.stack(columns, axis=1)


def minimal(c, r, weighted):
    basis = generators(c)
    root = np.sqrt(c["tau"].ravel()) if weighted else np.ones(r.size)
    b = basis * root[:, None]
    x = r.ravel() * root
    coefficients, *_ = np.linalg.lstsq(b, x, rcond=None)
    return ((x - b @ coefficients) / root).reshape(r.shape)


CANONICALISATIONS = {"none": lambda c, r: r, "epic": epic, "dard": dard, "val": val, "valpotential": val_potential,
                     "minimal": lambda c, r: minimal(c, r, False), "wminimal": lambda c, r: minimal(c, r, True)}


def norm(c, x, name):
    tau = c["tau"]
    return {"l1": np.abs(x).sum(), "l2": np.sqrt((x ** 2).sum()), "linf": np.abs(x).max(),
            "wl1": (tau * np.abs(x)).sum(), "wl2": np.sqrt((tau * x ** 2).sum()), "wlinf": (tau * np.abs(x)).max()}[name]


def distance(c, canon, norm_name, metric):
    x, y = CANONICALISATIONS[canon](c, c["r1"]), CANONICALISATIONS[canon](c, c["r2"])
    if metric == "pearson":
        rho = np.corrcoef(x.ravel(), y.ravel())[0, 1]
        return float(np.sqrt((1 - rho) / 2))
    if norm_name != "none":
        x, y = x / norm(c, x, norm_name), y / norm(c, y, norm_name)
    return float(norm(c, x - y, metric))


VARIANTS = ["none-none-l2", "epic-l2-l2", "epic-none-pearson", "dard-l1-linf", "val-l1-l1", "val-wl2-wl1",
            "valpotential-linf-l2", "minimal-l2-l2", "minimal-wl1-wlinf", "wminimal-wl2-wl2", "dard-none-pearson",
            "none-wlinf-wl2"]


def all_returns(c, r):
    tau, g, mu = c["tau"], c["gamma"], c["initial"]
    s, a, _ = tau.shape
    expected = np.einsum("sax,sax->sa", tau, r)
    result = {}
    for policy in itertools.product(range(a), repeat=s):
        p = tau[np.arange(s), policy]
        v = np.linalg.solve(np.eye(s) - g * p, expected[np.arange(s), policy])
        result[policy] = float(mu @ v)
    return result


def regret(c):
    j1, j2 = all_returns(c, c["r1"]), all_returns(c, c["r2"])
    pi1, pi2 = max(j1, key=j1.get), max(j2, key=j2.get)
    forward = (j1[pi1] - j1[pi2]) / (j1[pi1] - min(j1.values()))
    backward = (j2[pi2] - j2[pi1]) / (j2[pi2] - min(j2.values()))
    return dict(forward=forward, backward=backward, symmetric=(forward + backward) / 2,
                optimal1=list(pi1), optimal2=list(pi2), best1=j1[pi1], worst1=min(j1.values()))


def write_safetensors(path, tensors, metadata):
    """A safetensors file by its specification: u64 header length, JSON header, F64 data."""
    header, data, offset = {"__metadata__": metadata}, b"", 0
    for name, array in tensors.items():
        raw = np.ascontiguousarray(array, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def main():
    rng = np.random.default_rng(20240607)
    cases = [make_case(rng, 3, 2, 0.9, sparse=False, given_options=False),
             make_case(rng, 4, 3, 0.75, sparse=True, given_options=True)]
    out = []
    for c in cases:
        out.append({
            "states": c["tau"].shape[0], "actions": c["tau"].shape[1], "gamma": c["gamma"],
            "transition": c["tau"].ravel().tolist(), "initial": c["initial"].tolist(),
            "r1": c["r1"].ravel().tolist(), "r2": c["r2"].ravel().tolist(),
            "options": ({"ds": c["ds"].tolist(), "da": c["da"].tolist(), "policy": c["policy"].ravel().tolist()}
                        if c["options"] else None),
            "canonical": {name: f(c, c["r1"]).ravel().tolist() for name, f in CANONICALISATIONS.items()},
            "distances": {v: distance(c, *v.split("-")) for v in VARIANTS},
            "regret": regret(c),
        })
    first = cases[0]
    np.savez("mdp.npz", transition=first["tau"], initial=first["initial"], gamma=np.float64(first["gamma"]))
    np.savez_compressed("reward.npz", reward=first["r1"])
    write_safetensors("mdp.safetensors", {"transition": first["tau"], "initial": first["initial"]},
                      {"gamma": repr(first["gamma"])})
    write_safetensors("reward.safetensors", {"reward": first["r1"]}, {})
    with open("cases.json", "w") as f:
        json.dump({"generator": "make_fixtures.py", "numpy": np.__version__, "cases": out}, f, indent=1)


if __name__ == "__main__":
    main()
