/// Brain: fMRI data (NIfTI/BIDS, matrices), encoding models (ridge, OLS), RSA, CKA, noise
/// ceilings and significance tests for scoring model layers against brain responses.
///
/// Dimension glossary used throughout the module:
/// - S stimuli (rows of every feature and response matrix), split into n training and m test rows,
/// - F features (model units of one layer),
/// - T targets (voxels or parcels),
/// - L ridge penalties (alphas), k the rank kept by a decomposition.
///
/// Layout: `Backend/` holds the narrow linear-algebra protocol the solvers are written over,
/// `Solvers/` the ridge and least-squares solvers, `Metrics/` the five scores, `Ceiling/` and
/// `Significance/` the statistics around them, `FMRI/` the volume-to-trial preprocessing,
/// `Score/` the typed options and result values that shell verbs adapt.
public enum BrainModule {
    /// The version of the JSON layout written for results (documented in docs/brainscore.md).
    public static let resultLayoutVersion = 1
}
