/// Brain: fMRI data (NIfTI/BIDS, matrices), encoding models (ridge, OLS), RSA, CKA, noise
/// ceilings and significance tests for scoring model layers against brain responses.
///
/// Dimension glossary: S stimuli, F features, T targets (voxels or parcels).
