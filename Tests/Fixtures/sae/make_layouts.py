"""Writes small SAEs in the SAELens, sparsify and mlsae layouts, with inputs and the
reconstructions each library's own forward pass gives, for Tests/SAETests/LayoutFixtureTests.swift.

The forward passes follow the libraries' sources:
  SAELens TopKSAE: layer_norm normalisation (mean, unbiased std + 1e-5), apply_b_dec_to_input
    False here (so the reader must fold b_dec into the encoder bias), topk of
    x @ W_enc + b_enc then ReLU, decode z @ W_dec + b_dec, de-normalise with the same mean/std.
  sparsify SparseCoder: relu(encoder(x - b_dec)) then topk, decode z @ W_dec + b_dec.
  mlsae MLSAE: standardise, encoder(x - pre_encoder_bias), topk, relu, decoder + pre_encoder_bias,
    de-standardise; decoder.weight is [D, F].
Run: python3 Tests/Fixtures/sae/make_layouts.py   (needs torch and safetensors)
"""
import json
import os

import torch
from safetensors.torch import save_file

torch.manual_seed(3)
D, F, K, N = 8, 16, 3, 5
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layouts")
x = torch.randn(N, D) * 2 + 0.5


def standardize(v, eps=1e-5):
    mu = v.mean(dim=-1, keepdim=True)
    c = v - mu
    std = c.std(dim=-1, keepdim=True)
    return c / (std + eps), mu, std


def topk_dense(pre, relu_first):
    if relu_first:
        pre = torch.relu(pre)
    top = torch.topk(pre, K, dim=-1)
    return torch.zeros_like(pre).scatter(-1, top.indices, torch.relu(top.values))


def write(name, tensors, config_name, config, weights_name):
    folder = os.path.join(here, name)
    os.makedirs(folder, exist_ok=True)
    save_file({k: v.contiguous() for k, v in tensors.items()}, os.path.join(folder, weights_name))
    with open(os.path.join(folder, config_name), "w") as f:
        json.dump(config, f, indent=1)


expected = {"x": x.reshape(-1).tolist(), "N": N, "D": D}

# SAELens: TopK, layer_norm, apply_b_dec_to_input False.
w_enc, w_dec = torch.randn(D, F) * 0.4, torch.randn(F, D) * 0.4
b_enc, b_dec = torch.randn(F) * 0.1, torch.randn(D) * 0.1
xs, mu, std = standardize(x)
z = topk_dense(xs @ w_enc + b_enc, relu_first=False)
expected["saelens"] = ((z @ w_dec + b_dec) * std + mu).reshape(-1).tolist()
write("saelens", {"W_enc": w_enc, "W_dec": w_dec, "b_enc": b_enc, "b_dec": b_dec}, "cfg.json",
      {"architecture": "topk", "d_in": D, "d_sae": F, "k": K, "dtype": "float32", "device": "cpu",
       "apply_b_dec_to_input": False, "normalize_activations": "layer_norm", "reshape_activations": "none",
       "meta": {"model_name": "test", "hook_name": "blocks.1.hook_resid_post"}}, "sae_weights.safetensors")

# sparsify: relu before topk, encoder bias, no normalisation.
enc_w, enc_b = torch.randn(F, D) * 0.4, torch.randn(F) * 0.1
dec_w, dec_b = torch.randn(F, D) * 0.4, torch.randn(D) * 0.1
z = topk_dense((x - dec_b) @ enc_w.T + enc_b, relu_first=True)
expected["sparsify"] = (z @ dec_w + dec_b).reshape(-1).tolist()
write("sparsify", {"encoder.weight": enc_w, "encoder.bias": enc_b, "W_dec": dec_w, "b_dec": dec_b}, "cfg.json",
      {"activation": "topk", "expansion_factor": 2, "normalize_decoder": True, "num_latents": 0, "k": K,
       "multi_topk": False, "skip_connection": False, "transcode": False, "d_in": D}, "sae.safetensors")

# mlsae: standardise, decoder.weight [D, F], pre-encoder bias.
e_w, d_w, pre_b = torch.randn(F, D) * 0.4, torch.randn(D, F) * 0.4, torch.randn(D) * 0.1
xs, mu, std = standardize(x)
z = topk_dense((xs - pre_b) @ e_w.T, relu_first=False)
expected["mlsae"] = ((z @ d_w.T + pre_b) * std + mu).reshape(-1).tolist()
write("mlsae", {"encoder.weight": e_w, "decoder.weight": d_w, "pre_encoder_bias": pre_b,
                "last_nonzero": torch.zeros(F, dtype=torch.int64)}, "config.json",
      {"layers": [0, 1, 2], "n_inputs": D, "n_latents": F, "k": K, "dead_steps_threshold": 76,
       "dead_threshold": 0.001, "auxk": 256, "standardize": True, "lens": False}, "model.safetensors")

with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("wrote", here)
