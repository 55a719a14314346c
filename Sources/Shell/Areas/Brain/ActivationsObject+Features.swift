import Brain

/// An activation set is scored layer by layer, each stored document one stimulus, pooled as
/// `brainscore pool=` asks (through the Models area's `ActivationSetFeatures`).
extension ActivationsObject: StimulusFeaturesSource {
    /// The set as per-document features.
    public func stimulusFeatures() throws -> any StimulusFeatures { try ActivationSetFeatures(set) }
}
