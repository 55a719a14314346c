import Brain
import Foundation
import Formats
import Models
import SAE
import Tensors
import Testing
import TestSupport
@testable import Shell

/// The adapters from activation sets and decoders to the SAE and Brain modules' protocols.
@Suite struct AdapterTests {
    static let texts = ["The cat sat on the mat.", "Ask not what your country can do for you.", "", "Short."]

    func gpt2() throws -> PretrainedModel { try PretrainedModel.load(directory: ModelsTestPaths.gpt2) }

    @Test(arguments: [ActivationScalar.f32, .f16])
    func multiLayerViewCopiesTheSetsRows(scalar: ActivationScalar) throws {
        let model = try gpt2()
        let directory = Fixtures.temporaryDirectory("sae-view")
        defer { try? FileManager.default.removeItem(at: directory) }
        let request = ActivationRequest(layers: .only([0, 2]), batchSize: 2, scalar: scalar, shardBytes: 2_000)
        let set = try model.activations(of: Self.texts, request: request, store: directory.appendingPathComponent("store")).set
        let view = MultiLayerActivationSet(set, tokenizer: model.tokenizer)
        #expect(view.layerCount == 2 && view.layerNumbers == [0, 2] && view.width == 32 && view.tokenCount == set.tokenCount)
        let picks = [ActivationRow(token: 5, layer: 1), ActivationRow(token: 0, layer: 0), ActivationRow(token: view.tokenCount - 1, layer: 1)]
        var buffer = [Float](repeating: .nan, count: picks.count * 32)
        try buffer.withUnsafeMutableBufferPointer { try view.copyRows(picks, into: $0) }
        for (slot, pick) in picks.enumerated() {
            let expected = try set.rows(layer: set.layers[pick.layer], pick.token..<(pick.token + 1)).scalars
            #expect(Array(buffer[(slot * 32)..<((slot + 1) * 32)]) == expected, "row \(pick)")
        }
        // The SAE module evaluates the view exactly as the same rows held in memory.
        let sae = try SparseAutoencoder.initialized(SAEConfiguration(inputWidth: 32, expansion: 2, k: 4, layers: [0, 2]), seed: 1)
        let inMemory = try InMemoryActivations(layers: [try set.matrix(layer: 0), try set.matrix(layer: 2)], layerNumbers: [0, 2])
        #expect(try SAEMetrics.evaluate(sae, on: view) == SAEMetrics.evaluate(sae, on: inMemory))
    }

    @Test func tokenTableHoldsPiecesAndDocumentStarts() throws {
        let model = try gpt2()
        let tokenizer = try #require(model.tokenizer)
        let set = try model.activations(of: Self.texts, request: ActivationRequest(layers: .only([1]))).set
        let table = try #require(MultiLayerActivationSet(set, tokenizer: tokenizer).tokenTable)
        #expect(table.pieces.count == set.tokenCount)
        #expect(table.documentStarts == [0, 8, 19], "the empty third text was skipped")
        for (document, text) in [Self.texts[0], Self.texts[1], Self.texts[3]].enumerated() {
            #expect(table.pieces[table.tokens(inDocument: document)].joined() == text, "byte-level pieces concatenate into the text")
        }
        let pooled = try model.activations(of: Self.texts, request: ActivationRequest(layers: .only([1]), pooling: .last)).set
        let documents = try #require(MultiLayerActivationSet(pooled, tokenizer: tokenizer).tokenTable)
        #expect(documents.pieces == [Self.texts[0], Self.texts[1], Self.texts[3]] && documents.documentStarts == [0, 1, 2])
        #expect(MultiLayerActivationSet(set, tokenizer: nil).tokenTable == nil)
    }

    @Test func wordPiecePiecesAreVocabularyTokens() throws {
        let tokenizer = try Tokenizer.load(url: try ModelsTestPaths.requireMiniLM())
        let ids = tokenizer.encode("Tokenization works").ids
        #expect(TokenPieces.pieces(ids, tokenizer: tokenizer) == ["[CLS]", "token", "##ization", "works", "[SEP]"])
    }

    @Test(arguments: [StimulusPooling.mean, .last, .cls])
    func stimulusFeaturesPoolTokenRowsAsTheModelsModuleDoes(pooling: StimulusPooling) throws {
        let model = try PretrainedModel.load(directory: try ModelsTestPaths.requireMiniLM())
        let texts = ["A man is eating food.", "", "A man is riding a horse on the beach today."]
        let tokens = try model.activations(of: texts, request: ActivationRequest(layers: .only([3, 6]), batchSize: 1)).set
        let modelsPooling = try #require(Pooling(rawValue: pooling.rawValue))
        let pooled = try model.activations(of: texts, request: ActivationRequest(layers: .only([3, 6]), pooling: modelsPooling)).set
        let features = try ActivationSetFeatures(tokens)
        #expect(features.stimulusCount == 2 && features.layerNames == ["3", "6"])
        for position in 0..<2 {
            let mine = try features.features(layer: position, pooling: pooling)
            #expect(mismatch(mine, try pooled.matrix(layer: [3, 6][position]), tolerance: 1e-5) == nil, "layer position \(position)")
        }
        // A pooled set serves its own pooling only.
        let direct = try ActivationSetFeatures(pooled)
        #expect(try direct.features(layer: 1, pooling: pooling) == (try pooled.matrix(layer: 6)))
        let other: StimulusPooling = pooling == .mean ? .last : .mean
        #expect(throws: ShellError.self) { try direct.features(layer: 0, pooling: other) }
        #expect(throws: ShellError.self) { try features.features(layer: 2, pooling: pooling) }
        #expect(throws: ShellError.self) { try ActivationSetFeatures(tokens, stimulusIDs: ["only one"]) }
    }

    @Test(arguments: [ModelsTestPaths.gpt2, ModelsTestPaths.gptNeoX])
    func residualStreamModelGivesTransformersLogitsFromEveryLayer(directory: URL) throws {
        let model = try PretrainedModel.load(directory: directory)
        let expected = try SafetensorsFile(url: directory.appendingPathComponent("expected.safetensors"))
        let ids = try expected.int64s(named: "s1.input_ids").map(Int.init)
        let reference = try expected.tensor(named: "s1.logits")
        for source in ActivationSource.allCases {
            let hooks = try DecoderResidualStream.model(model, layers: [0, 1, 2], source: source)
            let residuals = try hooks.residuals(ids)
            #expect(residuals.count == 3 && residuals.allSatisfy { $0.shape == [ids.count, 32] })
            let hiddenTwo = try expected.tensor(named: "s1.hidden.2")
            #expect((mismatch(residuals[2], hiddenTwo, tolerance: 1e-4) == nil) == (source == .hiddenStates),
                    "entry 2 is after the final LayerNorm only as a hidden state")
            for position in 0..<3 {
                let logits = try hooks.logitsFromLayer(position, residuals[position], ids)
                #expect(mismatch(logits, reference, tolerance: 1e-4) == nil, "\(source) from layer position \(position)")
            }
        }
    }

    @Test func downstreamMetricsRunThroughTheAdapter() throws {
        let model = try gpt2()
        let set = try model.activations(of: Self.texts, request: ActivationRequest(layers: .only([1, 2]), source: .residualStream)).set
        let hooks = try DecoderResidualStream.model(model, for: set)
        let sequences = DecoderResidualStream.sequences(of: set)
        #expect(sequences.count == 3 && sequences[0] == Array(set.tokenIDs[0..<8]))
        let sae = try SparseAutoencoder.initialized(SAEConfiguration(inputWidth: 32, expansion: 2, k: 4, layers: [1, 2]), seed: 2)
        let metrics = try DownstreamMetrics.evaluate(sae, model: hooks, sequences: sequences)
        // The clean loss is the model's own next-token cross-entropy.
        var loss = 0.0, predicted = 0
        for ids in sequences {
            let logits = try #require(try model.network.forward(try TokenBatch(sequences: [ids]), options: ForwardOptions(hiddenStates: .none, logits: true)).logits)
            for t in 0..<(ids.count - 1) {
                let row = logits.row(t).scalars.map(Double.init)
                let peak = row.max()!
                loss -= row[ids[t + 1]] - peak - log(row.reduce(0) { $0 + exp($1 - peak) })
            }
            predicted += ids.count - 1
        }
        #expect(metrics.map(\.layer) == [1, 2])
        #expect(abs(metrics[0].cleanLoss - loss / Double(predicted)) < 1e-5)
        #expect(metrics.allSatisfy { $0.patchedLoss.isFinite && $0.klDivergence >= 0 })
    }

    @Test func encodersAndBadLayersAreRefused() throws {
        let miniLM = try PretrainedModel.load(directory: try ModelsTestPaths.requireMiniLM())
        #expect(throws: ShellError(.failed("ΔCE and KL need a decoder with a language-model head (GPT-2 or GPT-NeoX); all-MiniLM-L6-v2 is BERT"))) {
            try DecoderResidualStream.model(miniLM, layers: [1], source: .hiddenStates)
        }
        #expect(throws: ShellError(.failed("layer 3 does not exist in tiny-gpt2-bpe; hidden states are numbered 0...2"))) {
            try DecoderResidualStream.model(try gpt2(), layers: [1, 3], source: .residualStream)
        }
    }
}
