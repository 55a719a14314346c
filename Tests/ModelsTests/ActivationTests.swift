import Foundation
import Testing
import Formats
import Tensors
import TestSupport
@testable import Models

/// Activation sets: values against the reference hidden states, pooling, bookkeeping, F16,
/// stores (sharded, streamed, reopened), single-file save/load, cancellation, warnings.
@Suite struct ActivationTests {
    static let sentencesKey = "sentences"

    func miniLMAndSentences() throws -> (PretrainedModel, [String], SafetensorsFile) {
        let model = try PretrainedModel.load(directory: try ModelsFixtures.requireMiniLM())
        let expected = try SafetensorsFile(url: Fixtures.url("minilm/expected.safetensors"))
        let sentences = try JSONDecoder().decode([String].self, from: Data(try #require(expected.metadata[Self.sentencesKey]).utf8))
        return (model, sentences, expected)
    }

    @Test func sentenceEmbeddingsMatchSentenceTransformers() throws {
        let (model, sentences, expected) = try miniLMAndSentences()
        #expect(model.sentenceEmbeddingMaximumLength == 256)
        let (embeddings, warnings) = try model.sentenceEmbeddings(sentences + [""], batchSize: 2)
        #expect(warnings.isEmpty)
        #expect(embeddings.shape == [3, 384])
        for s in 0..<2 {
            let reference = try expected.tensor(named: "s\(s).sentence_embedding")
            #expect(mismatch(embeddings.row(s), reference, tolerance: 1e-5) == nil, "sentence \(s)")
        }
        #expect(abs(embeddings.row(2).norm() - 1) < 1e-5, "the empty text embeds its special tokens")
    }

    @Test func perTokenRowsAreTheHiddenStatesWithBookkeeping() throws {
        let (model, sentences, expected) = try miniLMAndSentences()
        var reports: [WorkProgress] = []
        let run = try model.activations(of: sentences, request: ActivationRequest(layers: .only([0, 3, 6]), batchSize: 1),
                                        progress: { reports.append($0) })
        let set = run.set
        #expect(run.warnings.isEmpty)
        #expect(reports == [WorkProgress(completed: 1, total: 2, tokens: 13), WorkProgress(completed: 2, total: 2, tokens: 23)])
        #expect(set.layers == [0, 3, 6] && set.width == 384 && set.rowCount == 23 && set.documentOffsets == [0, 13, 23])
        #expect(set.tokenIDs == (try expected.int64s(named: "s0.input_ids") + expected.int64s(named: "s1.input_ids")).map(Int.init))
        for layer in [0, 3, 6] {
            let reference = Tensor.concatenateRows([try expected.tensor(named: "s0.hidden.\(layer)"), try expected.tensor(named: "s1.hidden.\(layer)")])
            #expect(mismatch(try set.matrix(layer: layer), reference, tolerance: 1e-4) == nil, "layer \(layer)")
        }
        #expect(set.document(ofRow: 12) == 0 && set.document(ofRow: 13) == 1 && set.position(ofTokenRow: 15) == 2)
        let context = try set.context(ofTokenRow: 15, tokenizer: try model.requireTokenizer(), window: 2)
        #expect(context == TokenContext(document: 1, position: 2, before: "[CLS] the", token: "residual", after: "stream carries"))
        #expect(throws: ModelError.self) { try set.rows(layer: 1, 0..<2) }
    }

    @Test(arguments: [Pooling.mean, .cls, .last])
    func pooledRowsMatchPoolingOfHiddenStates(pooling: Pooling) throws {
        let (model, sentences, expected) = try miniLMAndSentences()
        let set = try model.activations(of: sentences, request: ActivationRequest(layers: .only([6]), pooling: pooling)).set
        #expect(set.rowCount == 2 && set.tokenCount == 23)
        for s in 0..<2 {
            let hidden = try expected.tensor(named: "s\(s).hidden.6")
            let reference: Tensor
            switch pooling {
            case .mean: reference = hidden.mean(axis: 0)
            case .cls: reference = hidden.row(0)
            default: reference = hidden.row(hidden.rowCount - 1)
            }
            #expect(mismatch(try set.rows(layer: 6, s..<(s + 1)).reshaped([384]), reference, tolerance: 1e-4) == nil, "\(pooling) \(s)")
        }
    }

    @Test func halfPrecisionStorageRoundsToNearestHalf() throws {
        let (model, sentences, _) = try miniLMAndSentences()
        let full = try model.activations(of: sentences, request: ActivationRequest(layers: .only([2]))).set
        let half = try model.activations(of: sentences, request: ActivationRequest(layers: .only([2]), scalar: .f16)).set
        #expect(half.scalar == .f16 && half.byteCount * 2 == full.byteCount)
        let rounded = try full.matrix(layer: 2).map { HalfPrecision.float(fromHalf: HalfPrecision.halfBits(from: $0)) }
        #expect(try half.matrix(layer: 2) == rounded)
    }

    @Test func storeShardsStreamAndReopen() throws {
        let (model, sentences, _) = try miniLMAndSentences()
        let documents = sentences + ["", "A third document.", "   "] + sentences
        let directory = Fixtures.temporaryDirectory("store").appendingPathComponent("acts")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        // About 2 documents per shard (23 tokens × 2 layers × 384 × 4 bytes ≈ 70 KB).
        let request = ActivationRequest(layers: .only([1, 5]), batchSize: 2, shardBytes: 60_000)
        let stored = try model.activations(of: documents, request: request, store: directory)
        let memory = try model.activations(of: documents, request: request)
        #expect(stored.warnings == [.skippedEmptyDocuments(indices: [2, 4])])
        #expect(stored.set.shards.count >= 3)
        #expect(stored.set.documentIndices == [0, 1, 3, 5, 6] && stored.set.isComplete)
        // Equal up to BLAS rounding (other tests change OpenBLAS's thread count meanwhile).
        for layer in [1, 5] { #expect(try stored.set.matrix(layer: layer).maxAbsDifference(memory.set.matrix(layer: layer)) <= 1e-5) }
        let reopened = try ActivationSet.load(directory)
        #expect(reopened.tokenIDs == memory.set.tokenIDs && reopened.documentOffsets == memory.set.documentOffsets)
        var streamed: [Tensor] = []
        try reopened.forEachBatch(layer: 5, batchSize: 7) { range, rows in
            #expect(rows.rowCount == range.count)
            streamed.append(rows.compacted())
        }
        #expect(Tensor.concatenateRows(streamed) == (try reopened.matrix(layer: 5)))
        #expect(throws: ModelError.storeExists(path: directory.path)) { try model.activations(of: documents, request: request, store: directory) }
    }

    @Test(arguments: [Pooling.none, .mean])
    func saveAndLoadOneFile(pooling: Pooling) throws {
        let (model, sentences, _) = try miniLMAndSentences()
        let set = try model.activations(of: sentences, request: ActivationRequest(layers: .only([0, 6]), pooling: pooling, scalar: .f16)).set
        let url = Fixtures.temporaryDirectory("save").appendingPathComponent("acts.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try set.save(to: url)
        let file = try SafetensorsFile(url: url)
        #expect(try file.info(named: "layer.6").shape == [pooling == .none ? 23 : 2, 384])
        #expect(try file.info(named: "layer.6").dtype == .f16)
        #expect(try file.int64s(named: "doc_offsets") == [0, 13, 23])
        let loaded = try ActivationSet.load(url)
        #expect(loaded.pooling == pooling && loaded.layers == [0, 6] && loaded.scalar == .f16)
        #expect(loaded.tokenIDs == set.tokenIDs && loaded.metadata["model"] == "all-MiniLM-L6-v2")
        #expect(try loaded.matrix(layer: 6) == set.matrix(layer: 6))
    }

    @Test func cancellationLeavesAReadablePartialStore() throws {
        let (model, sentences, _) = try miniLMAndSentences()
        let directory = Fixtures.temporaryDirectory("cancel").appendingPathComponent("acts")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        var batches = 0
        #expect(throws: ModelError.cancelled) {
            try model.activations(of: sentences + sentences, request: ActivationRequest(layers: .only([6]), batchSize: 1),
                                  store: directory, progress: { _ in batches += 1 }, isCancelled: { batches >= 3 })
        }
        let partial = try ActivationSet.load(directory)
        #expect(!partial.isComplete && partial.documentCount == 3)
    }

    @Test(arguments: [false, true])
    func cancellationCanKeepThePartialSet(toStore: Bool) throws {
        let (model, sentences, _) = try miniLMAndSentences()
        let parent = Fixtures.temporaryDirectory("keep-partial")
        defer { try? FileManager.default.removeItem(at: parent) }
        let store = toStore ? parent.appendingPathComponent("acts") : nil
        let request = ActivationRequest(layers: .only([2]), batchSize: 1, metadata: ["corpus": "two sentences", "model": "ignored"])
        var batches = 0
        let run = try model.activations(of: sentences + sentences + sentences, request: request, store: store,
                                        progress: { _ in batches += 1 }, isCancelled: { batches >= 4 }, keepPartialOnCancel: true)
        #expect(run.wasCancelled && !run.set.isComplete && run.set.documentCount == 4)
        #expect(run.set.documentOffsets == [0, 13, 23, 36, 46] && run.set.tokenCount == 46)
        #expect(try run.set.matrix(layer: 2).shape == [46, 384])
        #expect(run.set.metadata["corpus"] == "two sentences" && run.set.metadata["model"] == "all-MiniLM-L6-v2")
        if let store { #expect(try ActivationSet.load(store).documentCount == 4) }
        // Cancelled before the first batch: nothing to keep, and no empty store left behind.
        #expect(throws: ModelError.cancelled) {
            try model.activations(of: sentences, request: request, store: store.map { $0.appendingPathExtension("none") },
                                  isCancelled: { true }, keepPartialOnCancel: true)
        }
        if let store { #expect(!FileManager.default.fileExists(atPath: store.appendingPathExtension("none").path)) }
    }

    @Test func truncationBudgetAndEmptyCorpora() throws {
        let (model, _, _) = try miniLMAndSentences()
        let long = String(repeating: "word ", count: 600)
        let run = try model.activations(of: ["short text", long], request: ActivationRequest(layers: .only([1]), maximumLength: 16))
        #expect(run.warnings == [.truncatedDocuments(indices: [1], maximumLength: 16)])
        #expect(run.warnings[0].description == "truncated 1 document to 16 tokens (1)")
        #expect(run.set.documentOffsets == [0, 4, 20])
        let budget = try model.activations(of: ["one two three", "four five six", "seven"], request: ActivationRequest(layers: .only([1]), tokenBudget: 8))
        #expect(budget.set.tokenCount == 8 && budget.set.documentCount == 2)
        #expect(budget.warnings == [.tokenBudgetReached(budget: 8, documentsRead: 2, documentsTotal: 3)])
        #expect(throws: ModelError.noDocuments(reason: "the corpus is empty")) { try model.activations(of: []) }
        #expect(throws: ModelError.noDocuments(reason: "all 2 documents are empty")) { try model.activations(of: ["", " \n "]) }
        #expect(throws: ModelError.layerOutOfRange(layer: 7, available: 0...6)) {
            try model.activations(of: ["x"], request: ActivationRequest(layers: .only([2, 7])))
        }
        #expect("\(ModelError.layerOutOfRange(layer: 7, available: 0...6))" == "layer 7 does not exist; hidden states are numbered 0...6 (0 = embeddings)")
    }

    @Test func storeErrorsLeaveNothingBehind() throws {
        let (model, _, _) = try miniLMAndSentences()
        let parent = Fixtures.temporaryDirectory("store-errors")
        defer { try? FileManager.default.removeItem(at: parent) }
        let empty = parent.appendingPathComponent("never")
        #expect(throws: ModelError.noDocuments(reason: "all 1 documents are empty")) { try model.activations(of: [""], store: empty) }
        #expect(!FileManager.default.fileExists(atPath: empty.path), "a store that received nothing is removed")
        let file = parent.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        do {
            _ = try model.activations(of: ["text"], store: file.appendingPathComponent("acts"))
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("cannot write \(file.path)/acts: cannot create the store directory"))
        }
    }

    @Test(arguments: [ActivationScalar.f32, .f16])
    func copyRowsPicksRowsFromMemoryAndStores(scalar: ActivationScalar) throws {
        let (model, sentences, _) = try miniLMAndSentences()
        let directory = Fixtures.temporaryDirectory("copy-rows").appendingPathComponent("acts")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let request = ActivationRequest(layers: .only([2, 4]), batchSize: 1, scalar: scalar, shardBytes: 20_000)
        for set in [try model.activations(of: sentences, request: request).set,
                    try model.activations(of: sentences, request: request, store: directory).set] {
            let picks = [(row: 22, layer: 4), (row: 0, layer: 2), (row: 13, layer: 2)]
            var buffer = [Float](repeating: .nan, count: 3 * 384)
            try buffer.withUnsafeMutableBufferPointer { try set.copyRows(picks, into: $0) }
            for (slot, pick) in picks.enumerated() {
                let expected = try set.rows(layer: pick.layer, pick.row..<(pick.row + 1)).scalars
                #expect(Array(buffer[(slot * 384)..<((slot + 1) * 384)]) == expected, "\(pick)")
            }
            #expect(throws: ModelError.self) { try buffer.withUnsafeMutableBufferPointer { try set.copyRows([(row: 23, layer: 2)], into: $0) } }
        }
    }
}
