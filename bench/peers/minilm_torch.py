"""PyTorch peer for the MiniLM benchmark: tokens/s of transformers' BertModel forward with all
hidden states, on the same synthetic batches as mindscope (ids and lengths from the same formulas).

Usage: minilm_torch.py MODEL_DIR THREADS BATCH LENGTH
Prints one JSON line {"fixed": tokens/s, "mixed": tokens/s}: "fixed" is BATCH sequences of LENGTH
tokens; "mixed" is BATCH sequences of 16...LENGTH tokens, right-padded with an attention mask as
a Hugging Face tokenizer pads them (tokens/s counts real tokens only). Exits 3 when torch or
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

def token_id(s, t, n):
    # The same formula as ModelsBenchmark.swift: [CLS] ... [SEP] around deterministic word pieces.
    if t == 0:
        return 101
    if t == n - 1:
        return 102
    return 1000 + (s * 131 + t * 17) % 20000

def mixed_length(s):
    return 16 + (s * 37) % (length - 15)

def make_batch(lengths):
    longest = max(lengths)
    ids = torch.zeros((len(lengths), longest), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for s, n in enumerate(lengths):
        ids[s, :n] = torch.tensor([token_id(s, t, n) for t in range(n)])
        mask[s, :n] = 1
    return ids, mask

def tokens_per_second(model, lengths):
    ids, mask = make_batch(lengths)
    with torch.inference_mode():
        output = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        assert len(output.hidden_states) == 7
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
            best = min(best, time.perf_counter() - start)
    return sum(lengths) / best

model = BertModel.from_pretrained(model_dir).eval()
print(json.dumps({"fixed": tokens_per_second(model, [length] * batch),
                  "mixed": tokens_per_second(model, [mixed_length(s) for s in range(batch)])}))
