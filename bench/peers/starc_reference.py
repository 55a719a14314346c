"""numpy peer for the STARC benchmark: the paper's experiment done the way its reference code
(lucyfarnik/starc) does it, timed on a few comparisons and reported per comparison.

Method followed: random MDP (softmax of N(0,1) logits, logits <= 1 set to -20, uniform start);
the paper's random rewards; for every reward (R1 and each interpolation R_i) all
canonicalisations x normalisations recomputed from scratch (C_EPIC, C_DARD through the joint
[S, S', S', A, S''] array, C_VAL and C_VALpotential with V^pi of the uniform policy by repeated
Bellman sweeps to 1e-8), distances as plain 1/2/inf norms of differences; optimal policies by
value iteration to 1e-5; policy returns J by Monte-Carlo rollouts (one episode from every
start state, repeated |A| times, each round(log 1e-5 / log gamma) steps long).

Two timings: the reference method as above, and the same code with J by an exact linear solve.
The minimal canonicalisation is computed exactly (projection, as mindscope does); the reference
fits it with Adam for up to 1e6 steps, which is not timed here, so the reference-method number is
a lower bound. Prints one JSON line.
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed (pip install numpy)")
    sys.exit(3)

STATES, ACTIONS, GAMMA, STEPS = 32, 4, 0.95, 16
NORMS = ["1", "2", "inf", "w1", "w2", "winf", "none"]
METRICS = [1, 2, np.inf]


def random_mdp(rng):
    logits = rng.standard_normal((STATES, ACTIONS, STATES))
    logits = np.where(logits > 1.0, logits, -20.0)
    weights = np.exp(logits)
    return weights / weights.sum(axis=2, keepdims=True)


def random_reward(rng):
    r = rng.standard_normal((STATES, ACTIONS, STATES))
    if rng.random() > 0.8:
        r = np.where(r > 3.0, r, 0.0)
    if rng.random() > 0.3:
        r = r * (10 * rng.random())
    if rng.random() > 0.7:
        r = r + 10 * rng.random()
    if rng.random() > 0.5:
        phi = rng.standard_normal(STATES) * (10 * rng.random()) + rng.random()
        r = r + GAMMA * phi[None, None, :] - phi[:, None, None]
    return r


def epic(r, tau):
    phi = r.mean(axis=(1, 2))
    return r + GAMMA * phi[None, None, :] - phi[:, None, None] - GAMMA * phi.mean()


def dard(r, tau):
    phi = (tau * r).sum(axis=2).mean(axis=1)
    joint = (np.full(ACTIONS, 1 / ACTIONS)[None, None, None, :, None]
             * tau.transpose(0, 2, 1)[:, None, :, :, None]
             * tau[None, :, None, :, :])
    last = (r[None, None, :, :, :] * joint).sum(axis=(2, 3, 4))
    return r + GAMMA * phi[None, None, :] - phi[:, None, None] - GAMMA * last[:, None, :]


def uniform_policy_value(r, tau):
    v = np.zeros(STATES)
    while True:
        previous = v.copy()
        for s in range(STATES):
            v[s] = (tau[s] * (r[s] + GAMMA * v[None, :])).sum() / ACTIONS
        if np.abs(v - previous).max() < 1e-8:
            return v


def val(r, tau):
    v = uniform_policy_value(r, tau)
    per_sa = (tau * (r + GAMMA * v[None, None, :])).sum(axis=2) - v[:, None]
    return np.repeat(per_sa[:, :, None], STATES, axis=2)


def val_potential(r, tau):
    v = uniform_policy_value(r, tau)
    return r + GAMMA * v[None, None, :] - v[:, None, None]


class MinimalProjection:
    """Exact L2 projection onto the complement of shaping and S'-redistribution directions."""

    def __init__(self, tau):
        self.u = tau / np.linalg.norm(tau, axis=2, keepdims=True)
        eye = np.eye(STATES)
        shaping = GAMMA * self.u.reshape(-1, STATES) - eye.repeat(ACTIONS, axis=0) * self.u.sum(axis=2).reshape(-1, 1)
        self.q, _ = np.linalg.qr(shaping)

    def __call__(self, r, tau):
        y = (self.u * r).sum(axis=2).ravel()
        y = y - self.q @ (self.q.T @ y)
        return y.reshape(STATES, ACTIONS)[:, :, None] * self.u


def norm(x, tau, which):
    if which == "none":
        return 1.0
    if which.startswith("w"):
        p = float(which[1:])
        if p == np.inf:
            return (np.abs(x) * tau).max()
        return ((np.abs(x) ** p) * tau).sum() ** (1 / p)
    return np.linalg.norm(x.ravel(), float(which))


def standardise_all(r, tau, minimal):
    result = {}
    for name, canon in [("none", lambda x, t: x), ("epic", epic), ("dard", dard), ("val", val),
                        ("valpotential", val_potential), ("minimal", minimal)]:
        c = canon(r, tau)
        for n in NORMS:
            scale = norm(c, tau, n)
            result[(name, n)] = c / scale if scale > 1e-10 else c
    return result


def value_iteration(r, tau):
    v = np.zeros(STATES)
    for _ in range(10000):
        q = (tau * (r + GAMMA * v[None, None, :])).sum(axis=2)
        new = q.max(axis=1)
        done = np.linalg.norm(v - new) < 1e-5
        v = new
        if done:
            break
    return q.argmax(axis=1)


def monte_carlo_returns(rewards, policy, tau, rng):
    steps = round(np.log(1e-5) / np.log(GAMMA))
    totals = [[] for _ in rewards]
    for _ in range(ACTIONS):
        for start in range(STATES):
            s = start
            collected = [[] for _ in rewards]
            for _ in range(steps):
                a = policy[s]
                nxt = rng.choice(STATES, p=tau[s, a])
                for k, r in enumerate(rewards):
                    collected[k].append(r[s, a, nxt])
                s = nxt
            for k in range(len(rewards)):
                ret, discount = 0.0, 1.0
                for value in collected[k]:
                    ret += discount * value
                    discount *= GAMMA
                totals[k].append(ret)
    return [sum(t) / len(t) for t in totals]


def exact_returns(rewards, policy, tau, rng):
    p = tau[np.arange(STATES), policy]
    out = []
    for r in rewards:
        r_pi = (p * r[np.arange(STATES), policy]).sum(axis=1)
        out.append(float(np.full(STATES, 1 / STATES) @ np.linalg.solve(np.eye(STATES) - GAMMA * p, r_pi)))
    return out


def regret(j_best, j_follow, j_worst):
    span = j_best - j_worst
    return (j_best - j_follow) / (span if span != 0 else 1)


def time_comparisons(count, returns, rng):
    """Seconds per comparison: a pair's set-up shared over its 16 steps, plus `count` steps."""
    tau = random_mdp(rng)
    minimal = MinimalProjection(tau)
    start = time.perf_counter()
    r1, r2 = random_reward(rng), random_reward(rng)
    pi1, pix = value_iteration(r1, tau), value_iteration(-r1, tau)
    j1_pi1 = returns([r1], pi1, tau, rng)[0]
    j1_pix = returns([r1], pix, tau, rng)[0]
    s1 = standardise_all(r1, tau, minimal)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    for step in range(1, count + 1):
        ri = r1 + (r2 - r1) * step / STEPS
        si = standardise_all(ri, tau, minimal)
        distances = {key: [np.linalg.norm((s1[key] - si[key]).ravel(), m) for m in METRICS] for key in s1}
        pii, piy = value_iteration(ri, tau), value_iteration(-ri, tau)
        ji_pi1 = returns([ri], pi1, tau, rng)[0]
        j1_pii, ji_pii = returns([r1, ri], pii, tau, rng)
        ji_piy = returns([ri], piy, tau, rng)[0]
        symmetric = (regret(j1_pi1, j1_pii, j1_pix) + regret(ji_pii, ji_pi1, ji_piy)) / 2
        assert len(distances) == 42 and np.isfinite(symmetric)
    return setup / STEPS + (time.perf_counter() - start) / count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--comparisons", type=int, default=3)
    parser.add_argument("--exact-comparisons", type=int, default=16)
    args = parser.parse_args()
    rng = np.random.default_rng(42)
    reference = time_comparisons(args.comparisons, monte_carlo_returns, rng)
    exact = time_comparisons(args.exact_comparisons, exact_returns, rng)
    print(json.dumps({"reference_seconds_per_comparison": reference, "exact_seconds_per_comparison": exact}))


if __name__ == "__main__":
    main()
