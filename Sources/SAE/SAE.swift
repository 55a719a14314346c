/// SAE: TopK sparse autoencoders trained on the residual stream of every layer at once (MLSAE,
/// Lawson et al. 2024, reference code tim-lawson/mlsae), their metrics, layer analyses and file
/// layouts.
///
/// Dimension glossary, used in every file of this module:
/// - N: examples (rows) in a batch; one example is the residual vector of one token at one layer.
/// - D: input width (d_model).
/// - F: latents (D × expansion).
/// - K: active latents per example (top-k); A: auxiliary latents per example (k_aux).
/// - L: layers of the activation set; T: tokens of the activation set.
///
/// Layout of the parameters: the encoder weight is [F, D] (row f = latent f's encoder direction)
/// and the decoder weight is also [F, D] (row f = latent f's decoder direction, a column in the
/// reference's [D, F] layout), so that every sparse operation touches whole contiguous rows.
