/// Models: Hugging Face checkpoints (config.json + safetensors), tokenizers (WordPiece, byte-level
/// BPE), exact forward passes (BERT, RoBERTa, GPT-NeoX, GPT-2), and layer activation capture.
///
/// Dimension glossary: B batch, T tokens, C hidden width, H heads, V vocabulary, L layers.
