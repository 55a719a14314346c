"""Expected token ids from Hugging Face `tokenizers` for mindscope's tokenizer tests.

Run once from the repository root (needs `pip install tokenizers` and the default model in
models/all-MiniLM-L6-v2, put there by scripts/setup):

    python3 Tests/Fixtures/tokenizers/make_fixtures.py

Writes Tests/Fixtures/tokenizers/expected.json with
- "wordpiece": MiniLM's tokenizer.json (WordPiece, BertNormalizer) on the shared cases, with
  truncation, pair and decoding cases;
- "bpe": Tests/Fixtures/bpe/tokenizer.json (byte-level BPE) on the same cases;
- "variants": the bpe tokenizer with parts replaced ("splice": keys to overwrite in its JSON),
  covering added-token flags (lstrip, rstrip, single_word, normalized), RoBERTa post-processing,
  a prefix space and an NFKC + Lowercase normaliser.
"""
import json
import tokenizers
from tokenizers import Tokenizer, AddedToken, normalizers, processors, pre_tokenizers

CASES = [
    "", " ", "   ", "\t\n", "Hello world", "  leading and trailing  ",
    "multiple    spaces\tand\ttabs\n\nnewlines", "naïve café — émigré", "Ünïcödé ÀÉÎÕÜ ß ﬁ ligature",
    "İstanbul ΣΊΣΥΦΟΣ", "日本語のテキスト 中文字符 한국어", "emoji 😀👍🏽 family 👨\u200d👩\u200d👧",
    "numbers 1234567890 3.14159 1,000,000", "it's don't we'll they're I'd I'm you've", "IT'S DON'T",
    "a" * 150, "supercalifragilisticexpialidocious" * 4, "x" * 99 + " y", "x" * 100 + " y", "x" * 101 + " y",
    "control\u0000chars\u0007here\u200b and\ufffdreplacement", "punctuation!!! ??? ... ,,, ;;; --- ((( )))",
    "$100 + 50% = <tag> ^_^ `code` |pipe| ~tilde~", "[CLS] inside [SEP] text [MASK]",
    "<|endoftext|>twice<|endoftext|>", "combining e\u0301 and a\u0308", "\u00a0nbsp\u2003emspace\u3000ideographic",
    "line\r\nbreaks\rcr", "URL https://example.com/path?q=1&r=2#frag", "email name@example.org",
    "mixed中文english混合", "Ｆｕｌｌｗｉｄｔｈ", "ﬀ ﬃ Ⅻ ½ ²", "zero\u200dwidth\u200cjoiner",
    "Ελληνικά Русский עברית العربية हिन्दी", "a\u0300\u0301\u0302 stacked marks", "'s 't 're 've 'm 'll 'd",
    "'S 'RE", "  \t  x", "x  \t  ", "tab\tseparated\tvalues", "abc" * 300,
    "The quick brown fox jumps over the lazy dog.", "unaffable re-examination co-operate",
]

def case_list(tokenizer, texts, **kwargs):
    return [{"text": t, "ids": tokenizer.encode(t, **kwargs).ids} for t in texts]

def wordpiece():
    t = Tokenizer.from_file("models/all-MiniLM-L6-v2/tokenizer.json")
    t.no_padding()
    t.no_truncation()
    long = "The quick brown fox jumps over the lazy dog. " * 10
    out = {"cases": case_list(t, CASES)}
    truncated = []
    for max_length in [2, 3, 16]:
        t.enable_truncation(max_length)
        truncated.append({"text": long, "max_length": max_length, "ids": t.encode(long).ids})
    t.no_truncation()
    out["truncated"] = truncated
    pairs = []
    for first, second, max_length in [("How old are you?", "I am six.", None), (long, "short answer", 20), ("short", long, 21)]:
        if max_length: t.enable_truncation(max_length)
        else: t.no_truncation()
        e = t.encode(first, second)
        pairs.append({"text": first, "pair": second, "max_length": max_length, "ids": e.ids, "type_ids": e.type_ids})
    t.no_truncation()
    out["pairs"] = pairs
    decoded = []
    for text in ["Hello, World! It's naïve.", "unaffable re-examination", "[CLS] a [MASK] b"]:
        ids = t.encode(text).ids
        for skip in [False, True]:
            decoded.append({"ids": ids, "skip_special_tokens": skip, "text": t.decode(ids, skip_special_tokens=skip)})
    out["decoded"] = decoded
    return out

def bpe():
    t = Tokenizer.from_file("Tests/Fixtures/bpe/tokenizer.json")
    decoded = []
    for text in ["Hello, World! It's naïve.", "emoji 😀 and 日本"]:
        ids = t.encode(text).ids
        decoded.append({"ids": ids, "skip_special_tokens": False, "text": t.decode(ids)})
    return {"cases": case_list(t, CASES), "decoded": decoded}

def variant(name, configure, texts):
    t = Tokenizer.from_file("Tests/Fixtures/bpe/tokenizer.json")
    configure(t)
    full = json.loads(t.to_str())
    splice = {key: full[key] for key in ["added_tokens", "normalizer", "pre_tokenizer", "post_processor"]}
    return {"name": name, "splice": splice, "cases": case_list(t, texts)}

def roberta_style(t):
    t.add_special_tokens([AddedToken("<s>", normalized=False), AddedToken("</s>", normalized=False),
                          AddedToken("<mask>", lstrip=True, normalized=False)])
    t.add_tokens([AddedToken("WORD", single_word=True, normalized=False),
                  AddedToken("<right>", rstrip=True, normalized=False)])
    t.post_processor = processors.RobertaProcessing(("</s>", t.token_to_id("</s>")), ("<s>", t.token_to_id("<s>")))

def prefix_and_normalizer(t):
    t.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    t.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
    t.add_tokens([AddedToken("hello there", normalized=True)])

ADDED_CASES = [
    "The <mask> sat.", "The<mask>sat.", "a   <mask>   b", "WORD alone", "aWORD inside", "WORDy", "_WORD_", "WORD",
    "x <right>   y", "<right>", "<s>text</s>", "", "plain text with no added tokens",
]
NORMALIZER_CASES = CASES[:20] + ["HELLO THERE friend", "Ｆｕｌｌｗｉｄｔｈ ﬁ", "x Hello There"]

expected = {
    "generator": f"tokenizers {tokenizers.__version__}",
    "wordpiece": wordpiece(),
    "bpe": bpe(),
    "variants": [variant("roberta-style", roberta_style, ADDED_CASES),
                 variant("prefix-space-nfkc-lowercase", prefix_and_normalizer, NORMALIZER_CASES)],
}
with open("Tests/Fixtures/tokenizers/expected.json", "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, separators=(",", ":"))
print("wrote Tests/Fixtures/tokenizers/expected.json")
