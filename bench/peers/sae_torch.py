"""PyTorch peer for the SAE training-step benchmark: a dense CPU reference of one MLSAE step.

Same method and hyper-parameters as mindscope's trainer (Sources/SAE): per-example
standardisation, pre-encoder bias, encoder (no bias), top-k, ReLU, decoder from the dense [N, F]
code matrix, per-layer normalised MSE, AuxK on the top-k_aux pre-activations of dead latents
(error target detached, normalised by the error's per-token spread), Adam (eps 6.25e-10), the
decoder-gradient projection before the step and unit-norm decoder rows after it.

Usage: sae_torch.py D F K BATCH LAYERS STEPS DEAD_EVERY
Threads come from OMP_NUM_THREADS / torch.set_num_threads (set by the caller).
Prints one JSON line: {"examples_per_second": ..., "seconds_per_step": ...}.
"""
import json
import os
import sys
import time

try:
    import torch
except ImportError:
    print("torch is not installed (scripts/setup --bench)")
    sys.exit(3)


def standardize(x, eps=1e-5):
    mu = x.mean(dim=-1, keepdim=True)
    centred = x - mu
    std = centred.std(dim=-1, keepdim=True)
    return centred / (std + eps), mu, std


class DenseMLSAE:
    def __init__(self, d, f, k, aux_k, layers, dead_every, lr=1e-4, aux_coef=1 / 32, dead_threshold=1e-3):
        g = torch.Generator().manual_seed(0)
        bound = 1 / d ** 0.5
        w_enc = (torch.rand(f, d, generator=g) * 2 - 1).mul_(bound)
        w_enc[::dead_every] *= 0.01  # dead latents: never in the top k, as in the Swift benchmark
        self.w_enc = w_enc.requires_grad_()
        self.w_dec = (self.w_enc.detach() / self.w_enc.detach().norm(dim=1, keepdim=True)).requires_grad_()
        self.b_pre = torch.zeros(d, requires_grad=True)
        self.k, self.aux_k, self.layers = k, aux_k, layers
        self.aux_coef, self.dead_threshold = aux_coef, dead_threshold
        self.since_fired = torch.zeros(f, dtype=torch.long)
        self.since_fired[::dead_every] = 1 << 60  # flagged dead at the start, as in the Swift benchmark
        self.window = 1 << 59
        self.opt = torch.optim.Adam([self.w_enc, self.w_dec, self.b_pre], lr=lr, betas=(0.9, 0.999), eps=6.25e-10)

    def step(self, x, layer):
        n = x.shape[0]
        x_hat, mu, std = standardize(x)
        pre = (x_hat - self.b_pre) @ self.w_enc.T                      # [N, F] dense
        top = torch.topk(pre, self.k, dim=-1)
        z = torch.zeros_like(pre).scatter(-1, top.indices, torch.relu(top.values))
        y = z @ self.w_dec + self.b_pre                                 # dense decoder
        r = y * std + mu
        # per-layer normalised MSE, averaged over the layers present
        terms = []
        for l in range(self.layers):
            rows = layer == l
            if rows.any():
                var = x[rows].var()
                terms.append(((r[rows] - x[rows]) ** 2).mean() / var)
        loss = torch.stack(terms).mean()
        # dead latents: counters in examples, window in examples
        with torch.no_grad():
            fired = torch.zeros_like(self.since_fired, dtype=torch.bool)
            fired[top.indices[top.values > self.dead_threshold]] = True
            self.since_fired = torch.where(fired, torch.zeros_like(self.since_fired), self.since_fired + n)
            dead = self.since_fired >= self.window
        n_dead = int(dead.sum())
        if n_dead > 0 and self.aux_k > 0:
            a = min(self.aux_k, n_dead)
            masked = torch.where(dead, pre, torch.full_like(pre, -float("inf")))
            aux = torch.topk(masked, a, dim=-1)
            z_aux = torch.zeros_like(pre).scatter(-1, aux.indices, torch.relu(aux.values))
            e_hat = z_aux @ self.w_dec
            e = (x_hat - y).detach()
            spread = ((e - e.mean(dim=-1, keepdim=True)) ** 2).sum()
            loss = loss + self.aux_coef * ((e_hat - e) ** 2).sum() / spread
        self.opt.zero_grad(set_to_none=False)
        loss.backward()
        with torch.no_grad():
            g = self.w_dec.grad
            g -= (g * self.w_dec).sum(dim=1, keepdim=True) * self.w_dec
        self.opt.step()
        with torch.no_grad():
            self.w_dec /= self.w_dec.norm(dim=1, keepdim=True)
        return float(loss.detach())


def main():
    d, f, k, batch, layers, steps, dead_every = (int(a) for a in sys.argv[1:8])
    threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    if threads > 0:
        torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(1)
    layer = torch.randint(0, layers, (batch,), generator=g)
    x = torch.randn(batch, d, generator=g) * (1 + layer[:, None]) + 0.5 * layer[:, None]
    model = DenseMLSAE(d, f, k, 256, layers, dead_every)
    model.step(x, layer)  # warm-up
    best = float("inf")
    for _ in range(steps):
        start = time.perf_counter()
        model.step(x, layer)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"examples_per_second": batch / best, "seconds_per_step": best}))


if __name__ == "__main__":
    main()
