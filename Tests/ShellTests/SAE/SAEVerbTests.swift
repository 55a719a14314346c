import Foundation
import Formats
import Models
import SAE
import Shell
import Tensors
import Testing
import TestSupport

/// The SAE verbs in process on the tiny GPT-2 fixture: what they store and print agrees with the
/// SAE library called directly.
@Suite("SAE verbs")
struct SAEVerbTests {
    @Test func trainPassesItsOptionsToTheLibrary() throws {
        let test = SAETestSupport.session()
        let printed = SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=30 batch=32 seed=3")
        #expect(printed.contains("training 64 latents (k=4) on 3 layers × 33 tokens: 30 steps of 32 examples, dead_tokens 32, seed 3\n"), "\(printed)")
        #expect(printed.contains("sae (sae): 3 layers × 64 latents (32 × 2), k=4, 30 steps, FVU "), "\(printed)")
        let object = try SAETestSupport.object(test, "sae", as: SAEObject.self)
        let acts = try SAETestSupport.object(test, "acts", as: ActivationsObject.self)
        let training = TrainingConfiguration(batchSize: 32, auxK: 64,
                                             deadTokens: TrainingConfiguration.defaultDeadTokens(trainingTokens: 30 * 32 / 3, batchSize: 32, layers: 3), seed: 3)
        let trainer = try SAETrainer(configuration: SAEConfiguration(inputWidth: 32, latentCount: 64, k: 4, layers: [0, 1, 2]), training: training)
        _ = try trainer.train(on: acts.multiLayer, steps: 30)
        #expect(object.sae == trainer.sae, "the same SAE as the library trains with these settings")
        #expect(object.state == trainer.state)
        #expect(object.history.count == 30 && object.history.last?.step == 30)
    }

    @Test func trainMoreEqualsOneLongerRun() throws {
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "a = train sae acts k=4 expansion=2 steps=12 batch=32 seed=5 dead_tokens=40")
        let printed = SAETestSupport.run(test, "train sae more a acts steps=12")
        #expect(printed.contains("a (sae): 3 layers × 64 latents (32 × 2), k=4, 24 steps, "), "\(printed)")
        SAETestSupport.run(test, "b = train sae acts k=4 expansion=2 steps=24 batch=32 seed=5 dead_tokens=40")
        let a = try SAETestSupport.object(test, "a", as: SAEObject.self), b = try SAETestSupport.object(test, "b", as: SAEObject.self)
        #expect(a.sae == b.sae && a.state == b.state, "12 + 12 steps equal 24 at once")
    }

    @Test func evalExportsTheDocumentedLayoutWithLibraryNumbers() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=20 batch=32 seed=1")
        let printed = SAETestSupport.run(test, "e = eval sae sae acts")
        #expect(printed.contains("layer     FVU") && printed.contains("ΔCE") && printed.contains("\nmean "), "\(printed)")
        SAETestSupport.run(test, "export e to \(directory.path)/e.json")
        SAETestSupport.run(test, "export e to \(directory.path)/e.csv")
        let object = try SAETestSupport.object(test, "sae", as: SAEObject.self)
        let acts = try SAETestSupport.object(test, "acts", as: ActivationsObject.self)
        let expected = try SAEMetrics.evaluate(object.sae, on: acts.multiLayer, deadTokens: object.state!.configuration.deadTokens)
        let g = try SAETestSupport.object(test, "g", as: ModelObject.self)
        let downstream = try DownstreamMetrics.evaluate(object.sae, model: DecoderResidualStream.model(g.model, for: acts.set),
                                                        sequences: DecoderResidualStream.sequences(of: acts.set))
        let json = try SAETestSupport.json(directory.appendingPathComponent("e.json"))
        #expect(Set(json.keys) == ["layers", "mean"])
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.count == 3)
        let keys: Set<String> = ["layer", "fvu", "mse", "l0", "l1", "dead_fraction", "cosine_similarity", "clean_loss", "patched_loss", "delta_loss", "kl_divergence"]
        for (index, layer) in layers.enumerated() {
            #expect(Set(layer.keys) == keys)
            let m = expected.layers[index], d = downstream[index]
            #expect(layer["layer"] as? Int == index)
            for (key, value) in [("fvu", m.fvu), ("mse", m.mse), ("l0", m.l0), ("l1", m.l1), ("dead_fraction", m.deadFraction),
                                 ("cosine_similarity", m.cosineSimilarity), ("clean_loss", d.cleanLoss), ("patched_loss", d.patchedLoss),
                                 ("delta_loss", d.deltaLoss), ("kl_divergence", d.klDivergence)] {
                #expect(SAETestSupport.close(layer[key] as? Double ?? .nan, value), "layer \(index) \(key): \(layer[key] ?? "missing") vs \(value)")
            }
        }
        let mean = try #require(json["mean"] as? [String: Any])
        #expect(Set(mean.keys) == keys.subtracting(["layer"]))
        for (key, value) in [("fvu", expected.mean.fvu), ("l0", expected.mean.l0), ("dead_fraction", expected.mean.deadFraction)] {
            #expect(SAETestSupport.close(mean[key] as? Double ?? .nan, value), "mean \(key)")
        }
        let csv = try String(contentsOf: directory.appendingPathComponent("e.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("layer,fvu,mse,l0,l1,dead_fraction,cosine_similarity,delta_loss,kl_divergence\n") && csv.contains("\nmean,"))
    }

    @Test func downstreamOnGPTNeoXResidualStreamMatchesTheLibrary() throws {
        let test = TestSession(registry: .standard())
        SAETestSupport.run(test, "n = load model \(ModelsTestPaths.gptNeoX.path)")
        SAETestSupport.run(test, "s = text " + SAETestSupport.texts.map { "\"\($0)\"" }.joined(separator: " "))
        SAETestSupport.run(test, "acts = activations n s layers=[1, 2] source=residual")
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=10 batch=16 seed=4")
        SAETestSupport.run(test, "e = eval sae sae acts documents=2")
        let sae = try SAETestSupport.object(test, "sae", as: SAEObject.self).sae
        let acts = try SAETestSupport.object(test, "acts", as: ActivationsObject.self)
        let model = try SAETestSupport.object(test, "n", as: ModelObject.self).model
        let expected = try DownstreamMetrics.evaluate(sae, model: DecoderResidualStream.model(model, for: acts.set),
                                                      sequences: Array(DecoderResidualStream.sequences(of: acts.set).prefix(2)))
        let json = try #require(try SAETestSupport.object(test, "e", as: SAEEvaluationObject.self).exportJSON())
        guard case let .object(members) = json, case let .array(layers)? = members["layers"] else { Issue.record("layout"); return }
        #expect(layers.count == 2)
        for (layer, reference) in zip(layers, expected) {
            #expect(layer["layer"] == .number(Double(reference.layer)))
            for (key, value) in [("delta_loss", reference.deltaLoss), ("kl_divergence", reference.klDivergence), ("clean_loss", reference.cleanLoss)] {
                guard case let .number(shown)? = layer[key] else { Issue.record("\(key) missing"); continue }
                #expect(SAETestSupport.close(shown, value), "layer \(reference.layer) \(key): \(shown) vs \(value)")
            }
        }
    }

    @Test func downstreamOnlyForDecodersAndWhenAsked() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try SAETestSupport.writeActivations(to: directory.appendingPathComponent("x.safetensors"))
        let test = SAETestSupport.session()
        SAETestSupport.run(test, "x = load activations \(directory.path)/x.safetensors")
        SAETestSupport.run(test, "sx = train sae x k=2 expansion=2 steps=5 batch=16 seed=1")
        let printed = SAETestSupport.run(test, "ex = eval sae sx x")
        #expect(printed.contains("ΔCE/KL not measured: the model that recorded the activations is not known here (give model=MODEL)\n"), "\(printed)")
        test.expectError("eval sae sx x downstream=on",
                                   "downstream= cannot be measured: the model that recorded the activations is not known here (give model=MODEL)")
        SAETestSupport.run(test, "sae = train sae acts k=4 expansion=2 steps=5 batch=32 seed=1")
        #expect(!SAETestSupport.run(test, "eval sae sae acts downstream=off").contains("ΔCE"))
    }

    @Test func singleLayerSAEReadsItsLayerOutOfAWiderSet() throws {
        let test = SAETestSupport.session()
        let printed = SAETestSupport.run(test, "one = train sae acts layers=[1] k=4 expansion=2 steps=10 batch=16 seed=2")
        #expect(printed.contains("on 1 layer × 33 tokens"), "\(printed)")
        let object = try SAETestSupport.object(test, "one", as: SAEObject.self)
        #expect(object.sae.configuration.layers == [1])
        let evaluated = SAETestSupport.run(test, "e1 = eval sae one acts")
        #expect(evaluated.contains("\n1      ") && evaluated.contains("over 1 layer × 33 tokens"), "\(evaluated)")
        let acts = try SAETestSupport.object(test, "acts", as: ActivationsObject.self)
        let expected = try SAEMetrics.evaluate(object.sae, on: acts.multiLayer.selectingLayers([1]), deadTokens: object.state!.configuration.deadTokens)
        #expect(try SAETestSupport.object(test, "e1", as: SAEEvaluationObject.self).evaluation == expected)
    }
}
