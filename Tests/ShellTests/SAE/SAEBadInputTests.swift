import Foundation
import Shell
import Testing
import TestSupport

/// Bad input to the SAE verbs: one clear `error:` line naming the problem, and the workspace
/// unchanged.
@Suite("SAE bad input")
struct SAEBadInputTests {
    @Test func trainingOptionsAreChecked() throws {
        let test = SAETestSupport.session()
        test.expectError("sae = train sae s", "'s' is a text, but an activations is needed here")
        test.expectError("sae = train sae acts k=100 expansion=2", "k= must be at most the latent count F = 64 (width 32 × expansion)")
        test.expectError("sae = train sae acts expansion=2 aux_k=65", "aux_k= must be at most the latent count F = 64")
        test.expectError("sae = train sae acts kk=3", "unknown option 'kk' for 'train sae'; did you mean 'k'?")
        test.expectError("sae = train sae acts steps=3 tokens=5", "tokens= give steps= or tokens=, not both")
        test.expectError("sae = train sae acts layers=[7]", "layer 7 is not in the activation set (it holds layers [0, 1, 2])")
        test.expectError("sae = train sae acts lr=0", "lr= must be greater than 0, found 0")
    }

    @Test func nonFiniteActivationsAreRefused() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try SAETestSupport.writeActivations(to: directory.appendingPathComponent("nan.safetensors"), nanAt: (layer: 1, token: 5))
        try SAETestSupport.writeActivations(to: directory.appendingPathComponent("ok.safetensors"))
        let test = TestSession(registry: .standard())
        SAETestSupport.run(test, "bad = load activations \(directory.path)/nan.safetensors")
        SAETestSupport.run(test, "ok = load activations \(directory.path)/ok.safetensors")
        let message = "the activations hold NaN or infinite values (layer 1, token row 5); an SAE cannot use them"
        test.expectError("sae = train sae bad k=2 expansion=2 steps=2 batch=8", message)
        SAETestSupport.run(test, "sae = train sae ok k=2 expansion=2 steps=2 batch=8 seed=1")
        test.expectError("eval sae sae bad", message)
        test.expectError("layers sae bad", message)
        test.expectError("train sae more sae bad steps=2", message)
        test.expectError("layers sae ok prompt=\"hello\"",
                                   "prompt= needs per-token activations recorded in this session (the model that made them runs the prompt)")
    }

    @Test func objectsMustFitEachOther() throws {
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=3 batch=32 seed=1")
        SAETestSupport.run(test, "x = load sae \(Fixtures.url("sae/layouts/saelens").path)")
        test.expectError("eval sae x acts", "the activations have width 32, the SAE reads vectors of width 8")
        test.expectError("eval sae acts sae", "'acts' is an activations, but a sae is needed here")
        test.expectError("mmcs sae x", "OTHER has decoder directions of width 8, sae of width 32; MMCS compares SAEs of one width")
        test.expectError("top sae latent=64 acts", "latent= is out of range: the SAE has 64 latents (0…63)")
        test.expectError("top sae acts", "'top' needs the option latent=")
        test.expectError("top sae latent=1 acts layer=5", "layer= is not one of the layers read: 0, 1, 2")
        test.expectError("layers sae acts document=9", "document= is out of range: acts holds 3 documents (0…2)")
        test.expectError("save sae to out format=saelen",
                                   "format= must be one of mindscope, native, saelens, sparsify, mlsae, found 'saelen'; did you mean 'saelens'?")
        test.expectError("save s to out format=saelens", "format= does not apply: s (text) has only its native format")
        test.expectError("plot heatmap sae", "KIND 'heatmap' is not a plot of sae (a sae) (sae offers line, dead)")
        test.expectError("x2 = load sae \(Fixtures.url("sae").path)",
                                   "\(Fixtures.url("sae").path): no SAE found: expected sae.json (mindscope), cfg.json with sae_weights.safetensors (SAELens) or sae.safetensors (sparsify), or config.json with model.safetensors (mlsae)")
    }
}
