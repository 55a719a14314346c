// Models: Hugging Face checkpoints (config.json + safetensors), tokenizers (WordPiece, byte-level
// BPE), exact forward passes (BERT, RoBERTa, GPT-NeoX, GPT-2), and layer activation capture.
//
// Dimension glossary used by every file of this module:
// - N: sequences in a batch; T: tokens in the whole (packed) batch; n: tokens of one sequence.
// - C: hidden width; H: attention heads; D: head width (C / H); R: rotary dimensions of a head.
// - F: feed-forward width; V: vocabulary; L: layers (blocks).
//
// Batches are *packed*: the tokens of all sequences are stacked as rows of one [T, C] matrix and
// each sequence attends only to its own rows. This is what Hugging Face computes with right
// padding and an attention mask, without spending any work on pad tokens.
