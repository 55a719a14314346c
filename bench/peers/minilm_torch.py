"""PyTorch peer for the MiniLM benchmark: tokens/s of transformers' BertModel forward with all
hidden states, on the same synthetic batch as mindscope (ids from the same formula).

Usage: minilm_torch.py MODEL_DIR THREADS BATCH LENGTH
Prints one JSON line {"tokens_per_second": ..., "seconds": ...}; exits 3 when torch or
transformers is missing (pip install torch transformers, or scripts/setup --bench)."""
import json
import sys
import time

try:
    import torch
    from transformers import BertModel
except ImportError as error:
    print(f"{error.name} is not installed (scripts/setup --bench)")
    sys.exit(3)

model_dir, threads, batch, length = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)

def token_id(s, t):
    # The same formula as ModelsBenchmark.swift: [CLS] ... [SEP] around deterministic word pieces.
    if t == 0:
        return 101
    if t == length - 1:
        return 102
    return 1000 + (s * 131 + t * 17) % 20000

ids = torch.tensor([[token_id(s, t) for t in range(length)] for s in range(batch)], dtype=torch.long)
mask = torch.ones_like(ids)
model = BertModel.from_pretrained(model_dir).eval()
with torch.inference_mode():
    model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        output = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        best = min(best, time.perf_counter() - start)
assert len(output.hidden_states) == 7
print(json.dumps({"tokens_per_second": batch * length / best, "seconds": best,
                  "attention": getattr(model.config, "_attn_implementation", "unknown")}))
