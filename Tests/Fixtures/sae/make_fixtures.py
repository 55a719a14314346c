"""Writes step.json: one MLSAE training step computed by PyTorch (dense, autograd), the outside
reference for Tests/SAETests/ReferenceStepTests.swift.

The method is the one Sources/SAE implements (and bench/peers/sae_torch.py times): per-example
standardisation (unbiased std, eps 1e-5 added to the denominator, reconstruction y*std + mean),
pre-encoder bias, encoder without bias, top-k, ReLU, dense decoder, per-layer normalised MSE
averaged over layers, AuxK on the top-k_aux pre-activations of the given dead latents (error
target x_hat - y detached, normalised by its per-token spread), decoder-gradient projection,
one Adam step (eps 6.25e-10), unit-norm decoder rows.

Run: python3 Tests/Fixtures/sae/make_fixtures.py   (needs torch; float64 throughout)
"""
import json
import os

import torch

torch.manual_seed(7)
D, F, K, A, L, N = 6, 12, 3, 4, 2, 10
LR, COEF = 1e-2, 1 / 32
dtype = torch.float64

layer = torch.tensor([0, 1, 0, 1, 1, 0, 0, 1, 0, 1])
x = torch.randn(N, D, dtype=dtype) * (1 + layer[:, None]) + 0.3 * layer[:, None]
w_enc = (torch.rand(F, D, dtype=dtype) * 2 - 1) / D ** 0.5
w_dec = w_enc / w_enc.norm(dim=1, keepdim=True)
b_pre = 0.1 * torch.randn(D, dtype=dtype)
dead = [1, 4, 7, 9, 10]

params = [p.clone().requires_grad_() for p in (w_enc, w_dec, b_pre)]
we, wd, bp = params
mu = x.mean(dim=1, keepdim=True)
std = (x - mu).std(dim=1, keepdim=True)
x_hat = (x - mu) / (std + 1e-5)
pre = (x_hat - bp) @ we.T
top = torch.topk(pre, K, dim=1)
z = torch.zeros_like(pre).scatter(1, top.indices, torch.relu(top.values))
y = z @ wd + bp
r = y * std + mu
terms = []
for l in range(L):
    rows = layer == l
    terms.append(((r[rows] - x[rows]) ** 2).mean() / x[rows].var())
main = torch.stack(terms).mean()
mask = torch.zeros(F, dtype=torch.bool)
mask[dead] = True
masked = torch.where(mask, pre, torch.full_like(pre, -float("inf")))
aux_top = torch.topk(masked, min(A, len(dead)), dim=1)
z_aux = torch.zeros_like(pre).scatter(1, aux_top.indices, torch.relu(aux_top.values))
e = (x_hat - y).detach()
e_hat = z_aux @ wd
aux = COEF * ((e_hat - e) ** 2).sum() / ((e - e.mean(dim=1, keepdim=True)) ** 2).sum()
(main + aux).backward()
with torch.no_grad():
    g = wd.grad
    g -= (g * wd).sum(dim=1, keepdim=True) * wd
opt = torch.optim.Adam(params, lr=LR, betas=(0.9, 0.999), eps=6.25e-10)
grads = [p.grad.clone() for p in params]
opt.step()
with torch.no_grad():
    wd /= wd.norm(dim=1, keepdim=True)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]


fixture = {
    "format": "mindscope-sae-step-fixture", "version": 1,
    "D": D, "F": F, "K": K, "A": A, "L": L, "N": N, "learning_rate": LR, "aux_coefficient": COEF,
    "x": flat(x), "layer": [int(v) for v in layer], "dead": dead,
    "encoder_weight": flat(w_enc), "decoder_weight": flat(w_dec), "pre_encoder_bias": flat(b_pre),
    "loss_reconstruction": float(main.detach()), "loss_auxiliary": float(aux.detach()),
    "top_indices": [sorted(int(i) for i in row) for row in top.indices],
    "grad_encoder_weight": flat(grads[0]), "grad_decoder_weight": flat(grads[1]), "grad_pre_encoder_bias": flat(grads[2]),
    "after_encoder_weight": flat(we), "after_decoder_weight": flat(wd), "after_pre_encoder_bias": flat(bp),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "step.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", path)
