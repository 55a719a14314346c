import Foundation
import Testing
import Tensors
import TestSupport
@testable import Formats

@Suite("safetensors reading")
struct SafetensorsReadingTests {
    @Test func readsMiniLMExpectedOutputs() throws {
        let file = try SafetensorsFile(url: Fixtures.url("minilm/expected.safetensors"))
        #expect(file.names.count == 18)
        let ids = try file.info(named: "s0.input_ids")
        #expect(ids.dtype == .i64 && ids.shape == [13])
        let tokens = try file.int64s(named: "s0.input_ids")
        // [CLS] i told my ... [SEP], values read independently with numpy.
        #expect(Array(tokens.prefix(4)) == [101, 1045, 2409, 2026] && tokens.last == 102)
        #expect(tokens.reduce(0, +) == 27654)
        #expect(try file.int32s(named: "s1.input_ids").first == 101)
        for layer in 0...6 {
            let hidden = try file.tensor(named: "s0.hidden.\(layer)")
            #expect(hidden.shape == [13, 384], "layer \(layer)")
        }
        let hidden3 = try file.tensor(named: "s0.hidden.3")
        #expect(hidden3[0, 0] == -0.018563536927103996 && hidden3[12, 383] == 0.4090477526187897)
        #expect(abs(hidden3.scalars.reduce(0.0) { $0 + Double($1) } - 72.51670139242924) < 1e-9)
        // The sentence embedding is L2-normalised: an independent check on every value read.
        let embedding = try file.tensor(named: "s1.sentence_embedding")
        let norm = embedding.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(norm - 1) < 1e-6)
        let sentences = try #require(file.metadata["sentences"])
        #expect(sentences.contains("I told my baby I loved her when she cried."))
    }

    @Test func readsTinyGPT2Checkpoint() throws {
        let checkpoint = try SafetensorsCheckpoint(url: Fixtures.url("tiny-gpt2"))
        #expect(checkpoint.files.count == 1 && checkpoint.names.count == 40)
        #expect(checkpoint.metadata == ["format": "pt"])
        let embedding = try checkpoint.tensor(named: "transformer.wte.weight")
        #expect(embedding.shape == [512, 64])
        #expect(embedding[0, 0] == -0.022931387647986412 && embedding[511, 63] == -0.0283983051776886)
        let fc = try checkpoint.tensor(named: "transformer.h.2.mlp.c_fc.weight")
        #expect(fc.shape == [64, 256])
        #expect(abs(fc.scalars.reduce(0.0) { $0 + Double($1) } - -0.6580384935386974) < 1e-9)
        #expect(try checkpoint.doubles(named: "transformer.h.2.mlp.c_fc.weight").first == Double(Float(-0.01360536739230156)))
    }

    @Test func borrowedTensorsOutliveTheFileAndNeverWriteThrough() throws {
        let url = Fixtures.url("tiny-gpt2/model.safetensors")
        let original = try Data(contentsOf: url)
        var tensor = try SafetensorsFile(url: url).tensor(named: "transformer.wte.weight")
        let first = tensor[0, 0]
        tensor[0, 0] = 42   // the file value is gone; its mapping lives on in the tensor's storage
        #expect(tensor[0, 0] == 42 && tensor[0, 1] == -0.01094713807106018)
        #expect(try SafetensorsFile(url: url).tensor(named: "transformer.wte.weight")[0, 0] == first)
        #expect(try Data(contentsOf: url) == original)
    }

    @Test func missingNamesSuggestNearOnes() throws {
        let file = try SafetensorsFile(url: Fixtures.url("minilm/expected.safetensors"))
        let error = #expect(throws: FormatError.self) { try file.tensor(named: "s0.hiden.3") }
        #expect(error?.description.contains("did you mean 's0.hidden.3'?") == true)
        #expect(throws: FormatError.wrongElementType(path: file.path, name: "s0.hidden.0", stored: "F32", requested: "Int64")) {
            try file.int64s(named: "s0.hidden.0")
        }
    }

    @Test func convertsEveryDTypeExactly() throws {
        // One tensor per dtype, written by hand, each [2] elements.
        var data: [UInt8] = []
        var entries: [String] = []
        func add(_ name: String, _ dtype: String, _ bytes: [UInt8]) {
            entries.append("\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":[2],\"data_offsets\":[\(data.count),\(data.count + bytes.count)]}")
            data += bytes
        }
        add("f64", "F64", littleEndianBytes((0.1).bitPattern) + littleEndianBytes((-2.5).bitPattern))
        add("i64", "I64", littleEndianBytes(UInt64(bitPattern: -5)) + littleEndianBytes(1 << 40))
        add("f32", "F32", [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])   // 1, -2
        add("i32", "I32", [0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00, 0x00])   // -1, 7
        add("f16", "F16", [0x01, 0x00, 0x00, 0x7C])                           // 2⁻²⁴, +inf
        add("bf16", "BF16", [0x49, 0x40, 0x80, 0xBF])                         // 3.140625, -1
        add("i16", "I16", [0x00, 0x80, 0x2A, 0x00])                           // -32768, 42
        add("u8", "U8", [0, 255])
        add("i8", "I8", [0x80, 0x7F])
        add("bool", "BOOL", [1, 0])
        let scratch = Scratch()
        let url = try scratch.write(safetensorsBytes(header: "{" + entries.joined(separator: ",") + "}", data: data), to: "all.safetensors")
        let file = try SafetensorsFile(url: url)
        #expect(try file.doubles(named: "f64") == [0.1, -2.5])
        #expect(try file.tensor(named: "f64").scalars == [Float(0.1), -2.5])
        #expect(try file.int64s(named: "i64") == [-5, 1 << 40])
        #expect(try file.tensor(named: "f32").scalars == [1, -2])
        #expect(try file.int64s(named: "i32") == [-1, 7])
        #expect(try file.tensor(named: "f16").scalars == [0x1p-24, .infinity])
        #expect(try file.tensor(named: "bf16").scalars == [3.140625, -1])
        #expect(try file.int64s(named: "i16") == [-32768, 42])
        #expect(try file.int64s(named: "u8") == [0, 255] && file.tensor(named: "u8").scalars == [0, 255])
        #expect(try file.int64s(named: "i8") == [-128, 127])
        #expect(try file.int64s(named: "bool") == [1, 0] && file.tensor(named: "bool").scalars == [1, 0])
        #expect(throws: FormatError.self) { try file.int32s(named: "i64") }   // 2⁴⁰ does not fit
    }

    @Test func misalignedF32IsCopiedNotBorrowed() throws {
        // Pad the header so the data section starts at every offset modulo 4.
        for padding in 0..<4 {
            let header = #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"# + String(repeating: " ", count: padding)
            let url = try Scratch().write(safetensorsBytes(header: header, data: [0, 0, 0x80, 0x3F, 0, 0, 0x20, 0x41]), to: "x.safetensors")
            #expect(try SafetensorsFile(url: url).tensor(named: "x").scalars == [1, 10], "padding \(padding)")
        }
    }
}
