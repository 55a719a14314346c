import Foundation
import Models
import SAE
import Shell
import Testing
import TestSupport

/// `layers`, `top` and `mmcs` against the library, and every plot form of the SAE kinds.
@Suite("SAE analyses")
struct SAEAnalysisTests {
    @Test func layersAgreeWithTheLibrary() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=20 batch=32 seed=1")
        let printed = SAETestSupport.run(test, "l = layers sae acts")
        let sae = try SAETestSupport.object(test, "sae", as: SAEObject.self).sae
        let acts = try SAETestSupport.object(test, "acts", as: ActivationsObject.self).multiLayer
        let expected = try LayerAnalysis.analyze(sae, on: acts)
        let object = try SAETestSupport.object(test, "l", as: LayerAnalysisObject.self)
        // (NaN statistics of never-active latents make whole results compare unequal: compare the parts)
        #expect(object.analysis.distributions == expected.distributions && object.analysis.tokens == expected.tokens)
        #expect(object.analysis.contrast.activeTokens == expected.contrast.activeTokens)
        #expect(object.analysis.contrast.aggregateLayers == expected.contrast.aggregateLayers)
        #expect(object.geometry == (try ResidualGeometry.measure(acts)))
        let s = expected.distributions.summary, c = expected.contrast.summary
        #expect(printed.contains("active latents        \(s.activeLatents) of 64\n"), "\(printed)")
        #expect(printed.contains("\(c.multiLayerInAggregate) at ≥ 2 layers in aggregate (share ≥ 0.1); \(c.singleLayerPerToken) of them at < 1.5 layers per token"))
        #expect(printed.contains("l (sae-layers): \(s.activeLatents) active latents of 64 over 3 layers; layer std \(Format.number(s.meanLayerStd, significant: 3))"))
        SAETestSupport.run(test, "export l to \(directory.path)/l.json")
        let json = try SAETestSupport.json(directory.appendingPathComponent("l.json"))
        #expect(Set(json.keys) == ["layers", "tokens", "summary", "contrast", "latents", "residual"])
        let latents = try #require(json["latents"] as? [[String: Any]])
        #expect(latents.count == 64)
        let first = try #require(expected.distributions.latentsByMeanLayer().first)
        let p = try #require(latents[first]["p"] as? [Double])
        #expect(zip(p, expected.distributions.probabilities(latent: first)!).allSatisfy { SAETestSupport.close($0, $1) })

        let document = SAETestSupport.run(test, "one = layers sae acts document=1")
        #expect(document.contains("document              1: Ask not what your country can do for you.\n"), "\(document)")
        let single = try SAETestSupport.object(test, "one", as: LayerAnalysisObject.self)
        let alone = try LayerAnalysis.analyze(sae, on: acts, tokens: acts.tokenTable!.tokens(inDocument: 1))
        #expect(single.analysis.distributions == alone.distributions && single.analysis.tokens == 11)
    }

    @Test func aPromptRunsThroughTheRecordingModel() throws {
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=10 batch=32 seed=1")
        let printed = SAETestSupport.run(test, "p = layers sae acts prompt=\"The dog sat on the cat.\"")
        #expect(printed.contains("prompt                The dog sat on the cat.\n"), "\(printed)")
        let sae = try SAETestSupport.object(test, "sae", as: SAEObject.self).sae
        let model = try SAETestSupport.object(test, "g", as: ModelObject.self).model
        let set = try model.activations(of: ["The dog sat on the cat."]).set
        let expected = try LayerAnalysis.analyze(sae, on: MultiLayerActivationSet(set, tokenizer: model.tokenizer))
        let object = try SAETestSupport.object(test, "p", as: LayerAnalysisObject.self)
        #expect(object.analysis.distributions == expected.distributions && object.analysis.tokens == set.tokenCount)
        test.expectError("layers sae acts prompt=\"x\" document=0", "prompt= give document= or prompt=, not both")
    }

    @Test func topAndMMCSAgreeWithTheLibrary() throws {
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=20 batch=32 seed=1")
        let sae = try SAETestSupport.object(test, "sae", as: SAEObject.self).sae
        let acts = try SAETestSupport.object(test, "acts", as: ActivationsObject.self).multiLayer
        let examples = try MaxActivatingExamples.find(sae, on: acts, latent: 3, count: 4, radius: 2)
        let printed = SAETestSupport.run(test, "t = top sae latent=3 acts n=4 radius=2")
        let table = try SAETestSupport.object(test, "t", as: TableObject.self).table
        #expect(try table.numbers(named: "activation") == examples.map { Double($0.activation) })
        #expect(try table.numbers(named: "layer") == examples.map { Double($0.layer) })
        #expect(try table.numbers(named: "token") == examples.map { Double($0.token) })
        let best = try #require(examples.first?.context)
        let focus = best.pieces[best.focus].trimmingCharacters(in: .whitespaces)
        #expect(printed.contains("[\(focus)]"), "\(printed)")
        let mmcs = DecoderSimilarity.meanMaxCosineSimilarity(sae)
        #expect(SAETestSupport.run(test, "mmcs sae").hasPrefix("MMCS within sae: \(Format.number(mmcs)) over 64 latents"))
        SAETestSupport.run(test, "other = train sae acts k=4 expansion=2 steps=5 batch=32 seed=9")
        let against = try DecoderSimilarity.maxCosineSimilarities(sae, to: try SAETestSupport.object(test, "other", as: SAEObject.self).sae)
        let mean = against.reduce(0.0) { $0 + Double($1) } / Double(against.count)
        #expect(SAETestSupport.run(test, "mmcs sae other").hasPrefix("MMCS of sae against other: \(Format.number(mean)) over 64 latents"))
    }

    @Test func everyPlotFormDraws() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=20 batch=32 seed=1")
        SAETestSupport.run(test, "e = eval sae sae acts")
        SAETestSupport.run(test, "l = layers sae acts")
        let forms = [("line", "sae"), ("dead", "sae"), ("bar", "e"), ("line", "e"), ("downstream", "e"),
                     ("heatmap", "l"), ("hist", "l"), ("line", "l"), ("norms", "l")]
        for (kind, name) in forms {
            let file = directory.appendingPathComponent("\(kind)-\(name).png").path
            let printed = SAETestSupport.run(test, "plot \(kind) \(name) to \(file)")
            #expect(printed.hasPrefix("wrote \(file) (\(kind) of \(name), 640 × 480 px)"), "\(kind) \(name): \(printed)")
            #expect(!printed.contains("skipped"), "\(kind) \(name): \(printed)")
            #expect(FileManager.default.fileExists(atPath: file))
        }
    }
}
