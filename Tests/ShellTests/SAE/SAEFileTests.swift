import Foundation
import SAE
import Shell
import Testing
import TestSupport

/// `save SAE to DIR format=` and `load sae DIR format=` round trips for every layout.
@Suite("SAE files")
struct SAEFileTests {
    @Test func trainedSAERoundTripsThroughEveryLayoutThatCanHoldIt() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=10 batch=32 seed=1")
        let trained = try SAETestSupport.object(test, "sae", as: SAEObject.self)
        let native = SAETestSupport.run(test, "save sae to \(directory.path)/native")
        #expect(native == "saved sae (sae) to \(directory.path)/native\n")
        let loaded = SAETestSupport.run(test, "n = load sae \(directory.path)/native")
        #expect(loaded == "n (sae): 3 layers × 64 latents (32 × 2), k=4, 10 steps, FVU \(Format.number(trained.history.last!.fvu)), "
                + "dead \(Format.number(trained.history.last!.deadFraction)), loaded from \(directory.path)/native (mindscope)\n", "\(loaded)")
        let n = try SAETestSupport.object(test, "n", as: SAEObject.self)
        #expect(n.sae == trained.sae && n.state == trained.state, "the native layout keeps the training state")
        for format in ["saelens", "mlsae"] {
            let saved = SAETestSupport.run(test, "save sae to \(directory.path)/\(format) format=\(format)")
            #expect(saved.hasPrefix("saved sae (sae) to \(directory.path)/\(format) (format=\(format))\nnote: "), "\(saved)")
            SAETestSupport.run(test, "back = load sae \(directory.path)/\(format)")
            let back = try SAETestSupport.object(test, "back", as: SAEObject.self)
            #expect(back.sae == trained.sae, "\(format): the same SAE")
            #expect(back.state == nil && back.origin == "loaded from \(directory.path)/\(format) (\(format))")
        }
        let lens = SAETestSupport.run(test, "save sae to \(directory.path)/lens2 format=saelens")
        #expect(lens.contains("note: SAELens keeps no training state: Adam's moments and the dead-latent counters were not saved\n"))
        test.expectError("save sae to \(directory.path)/sparsify format=sparsify",
                                   "the sparsify layout cannot store input standardisation (train with standardize off, or save as mindscope/SAELens/mlsae)")
    }

    @Test func fixtureLayoutsLoadAndSaveBackExactly() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = TestSession(registry: .standard())
        for format in ["saelens", "sparsify", "mlsae"] {
            let fixture = Fixtures.url("sae/layouts/\(format)").path
            SAETestSupport.run(test, "x = load sae \(fixture)")
            let x = try SAETestSupport.object(test, "x", as: SAEObject.self)
            #expect(x.sae == (try SAEFiles.load(from: URL(fileURLWithPath: fixture))).sae, "\(format): auto-detected")
            SAETestSupport.run(test, "save x to \(directory.path)/\(format) format=\(format)")
            SAETestSupport.run(test, "y = load sae \(directory.path)/\(format) format=\(format)")
            #expect(try SAETestSupport.object(test, "y", as: SAEObject.self).sae == x.sae, "\(format): saved and loaded back")
            SAETestSupport.run(test, "save x to \(directory.path)/\(format)-native")
            SAETestSupport.run(test, "z = load sae \(directory.path)/\(format)-native format=native")
            #expect(try SAETestSupport.object(test, "z", as: SAEObject.self).sae == x.sae, "\(format): through the native layout")
        }
        test.expectError("w = load sae \(directory.path)/saelens format=mlsae",
                                   "\(directory.path)/saelens/config.json: no such file")
    }
}
