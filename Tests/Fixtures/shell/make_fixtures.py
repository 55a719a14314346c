"""Tiny decoders with a real tokenizer, for the shell's model verbs (run once from the repository
root; needs torch, transformers, safetensors):

    python3 Tests/Fixtures/shell/make_fixtures.py

The tiny models in Tests/Fixtures have no tokenizer (vocabulary 512); the shell verbs need one.
These two random-weight decoders use the byte-level BPE tokenizer of Tests/Fixtures/bpe
(2,000 tokens) and write, into Tests/Fixtures/shell/<name>/:

- config.json, model.safetensors (F32), tokenizer.json (a relative symlink to bpe/tokenizer.json);
- expected.safetensors: for each text i of TEXTS, `s{i}.input_ids` (I64, from `tokenizers`),
  `s{i}.hidden.{l}` (transformers `output_hidden_states`: 0 = embeddings, last = after the
  final LayerNorm) and `s{i}.logits`; metadata `texts` (JSON list).

- tiny-gpt2-bpe: GPT-2, 2 layers, hidden 32, 4 heads, 64 positions.
- tiny-gpt-neox-bpe: GPT-NeoX, 2 layers, hidden 32, 4 heads, rotary 25%, parallel residual.
"""
import json
import os
import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer
from transformers import GPT2Config, GPT2LMHeadModel, GPTNeoXConfig, GPTNeoXForCausalLM

ROOT = "Tests/Fixtures"
TEXTS = ["The cat sat on the mat.", "Ask not what your country can do for you."]


def write(name, model):
    out = f"{ROOT}/shell/{name}"
    os.makedirs(out, exist_ok=True)
    model.eval()
    model.save_pretrained(out, safe_serialization=True)
    for extra in ["generation_config.json"]:
        if os.path.exists(f"{out}/{extra}"):
            os.remove(f"{out}/{extra}")
    if os.path.lexists(f"{out}/tokenizer.json"):
        os.remove(f"{out}/tokenizer.json")
    os.symlink("../../bpe/tokenizer.json", f"{out}/tokenizer.json")
    tokenizer = Tokenizer.from_file(f"{out}/tokenizer.json")
    tensors = {}
    for i, text in enumerate(TEXTS):
        ids = tokenizer.encode(text).ids
        with torch.no_grad():
            output = model(torch.tensor([ids]), output_hidden_states=True)
        tensors[f"s{i}.input_ids"] = torch.tensor(ids, dtype=torch.int64)
        for layer, hidden in enumerate(output.hidden_states):
            tensors[f"s{i}.hidden.{layer}"] = hidden[0].contiguous()
        tensors[f"s{i}.logits"] = output.logits[0].contiguous()
    save_file(tensors, f"{out}/expected.safetensors", metadata={"texts": json.dumps(TEXTS)})
    print("wrote", out)


torch.manual_seed(0)
write("tiny-gpt2-bpe", GPT2LMHeadModel(GPT2Config(vocab_size=2000, n_embd=32, n_layer=2, n_head=4, n_positions=64,
                                                   bos_token_id=0, eos_token_id=0)))
torch.manual_seed(1)
write("tiny-gpt-neox-bpe", GPTNeoXForCausalLM(GPTNeoXConfig(
    vocab_size=2000, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=128,
    max_position_embeddings=64, rotary_pct=0.25, use_parallel_residual=True, tie_word_embeddings=False)))
