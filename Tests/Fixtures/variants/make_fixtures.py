"""Reference outputs for configuration variants of the tiny fixture models, from Hugging Face
`transformers` (run once from the repository root; needs torch, transformers, safetensors):

    python3 Tests/Fixtures/variants/make_fixtures.py

Each variant reuses the weights of a tiny model in Tests/Fixtures and writes config.json (when it
differs) and expected.safetensors (input_ids, hidden.{i} from output_hidden_states, logits for
decoders) into Tests/Fixtures/variants/<name>/:

- gpt-neox-sequential: use_parallel_residual = false, rotary settings in the old spelling
  (rotary_pct = 0.5, rotary_emb_base = 500) instead of rope_parameters.
- gpt2-gelu-inverse-scale: activation_function = "gelu" (erf), scale_attn_by_inverse_layer_idx.
- roberta-padding-ids: input ids containing RoBERTa's padding id (1) inside and at the end, which
  moves the positions of later tokens (cumsum-of-mask rule); attention mask all ones.
"""
import json
import os
import torch
from safetensors.torch import save_file
from transformers import AutoConfig, AutoModel, AutoModelForCausalLM

torch.manual_seed(0)
ROOT = "Tests/Fixtures"
IDS = [5, 17, 42, 301, 7, 7, 99, 250, 3, 128, 64, 11]

def run(name, base, config_changes, ids, causal):
    config = json.load(open(f"{ROOT}/{base}/config.json"))
    for key in config_changes.get("remove", []):
        config.pop(key, None)
    config.update(config_changes.get("set", {}))
    out_dir = f"{ROOT}/variants/{name}"
    os.makedirs(out_dir, exist_ok=True)
    with open(f"{out_dir}/config.json", "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)
    hf_config = AutoConfig.from_pretrained(out_dir)
    cls = AutoModelForCausalLM if causal else AutoModel
    model = cls.from_pretrained(f"{ROOT}/{base}", config=hf_config).eval()
    with torch.no_grad():
        output = model(torch.tensor([ids]), output_hidden_states=True)
    tensors = {"input_ids": torch.tensor(ids, dtype=torch.int64)}
    for i, hidden in enumerate(output.hidden_states):
        tensors[f"hidden.{i}"] = hidden[0].contiguous()
    if causal:
        tensors["logits"] = output.logits[0].contiguous()
    save_file(tensors, f"{out_dir}/expected.safetensors", metadata={"base": base})
    print("wrote", out_dir)

run("gpt-neox-sequential", "tiny-gpt-neox",
    {"remove": ["rope_parameters"], "set": {"use_parallel_residual": False, "rotary_pct": 0.5, "rotary_emb_base": 500.0}},
    IDS, causal=True)
run("gpt2-gelu-inverse-scale", "tiny-gpt2",
    {"set": {"activation_function": "gelu", "scale_attn_by_inverse_layer_idx": True}}, IDS, causal=True)
run("roberta-padding-ids", "tiny-roberta", {}, [0, 5, 17, 1, 42, 301, 1, 7, 2, 1, 1], causal=False)
