/// SAE: TopK sparse autoencoders trained on the residual stream of every layer at once (MLSAE),
/// their metrics, layer analyses and file layouts.
///
/// Dimension glossary: N examples in a batch, D input width (d_model), F latents, K active latents.
