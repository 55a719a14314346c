import Foundation
import Models

extension Pooling: ChoiceValue {}
extension ActivationScalar: ChoiceValue {}

/// The text formats `load text format=` accepts.
enum TextFormatChoice: String, ChoiceValue {
    case lines, jsonl, csv, fortune

    var format: TextCorpus.Format {
        switch self {
        case .lines: return .lines
        case .jsonl: return .jsonLines
        case .csv: return .table
        case .fortune: return .fortune
        }
    }
}

/// The vectors `activations source=` records.
enum SourceChoice: String, ChoiceValue {
    /// Hugging Face hidden states (for decoders the last one is after the final LayerNorm).
    case hidden
    /// The raw residual stream (for decoders the last entry is before the final LayerNorm).
    case residual

    var source: ActivationSource { self == .hidden ? .hiddenStates : .residualStream }
}

/// Documents given to `activations` or `embed`: a text object, a quoted string, or a list of strings.
struct TextData {
    /// The documents in order.
    let documents: [String]
    /// The workspace name of the text object, when one was named.
    let name: String?
}

/// Parameters of the model verbs that no general factory covers.
enum ModelsParameters {
    /// `layers=all`, `layers=3` or `layers=[0, 3, 6]`: hidden-state indices (0 = embeddings).
    static func layers(help: String) -> Parameter<LayerSelection> {
        Option.custom("layers", valueLabel: "all|[INT,...]", expected: "all or a list of layer numbers such as [0, 3, 6]",
                      default: LayerSelection.all, defaultText: "all", completion: .words(["all"]), help: help) { value in
            switch value.kind {
            case .word("all"): return .all
            case .number, .list: break
            default:
                throw ShellError(.wrongType(parameter: "layers=", expected: "all or a list of layer numbers such as [0, 3, 6]", found: value.description),
                                 at: value.span)
            }
            let numbers = try Convert.list(value) { item in try Convert.integer(item, label: "layers=", bounds: .atLeast(0)) }
            guard !numbers.isEmpty else {
                throw ShellError(.wrongType(parameter: "layers=", expected: "all or a non-empty list of layer numbers", found: value.description), at: value.span)
            }
            return .only(Set(numbers))
        }
    }

    /// DATA: the name of a text object, a quoted string (one document), or a list of strings.
    static func textData(_ name: String, help: String) -> Parameter<TextData> {
        Parameter(ParameterSpec(name: name, role: .positional, help: help, valueLabel: name,
                                expected: "the name of a text object, a quoted string or a list of strings",
                                isRequired: true, completion: .objects(kinds: [TextObject.kind.name])) { values, workspace in
            let value = values[0]
            switch value.kind {
            case .string(let text): return TextData(documents: [text], name: nil)
            case .list(let items):
                let texts = try items.map { item -> String in
                    guard case let .string(text) = item.kind else {
                        throw ShellError(.wrongType(parameter: name, expected: "a list of quoted strings", found: item.description), at: item.span)
                    }
                    return text
                }
                guard !texts.isEmpty else {
                    throw ShellError(.wrongType(parameter: name, expected: "a non-empty list of quoted strings", found: value.description), at: value.span)
                }
                return TextData(documents: texts, name: nil)
            default:
                let object = try Convert.typedObject(value, label: name, as: TextObject.self, in: workspace)
                return TextData(documents: object.documents, name: value.text)
            }
        })
    }

    /// `KEY=NAME` naming an object of one of `kinds` (nil when not given).
    static func object(_ name: String, kinds: [String], help: String) -> Parameter<NamedObject?> {
        Parameter(ParameterSpec(name: name, role: .option, help: help, valueLabel: kinds.joined(separator: "|").uppercased(),
                                expected: "the name of " + ShellError.Problem.alternatives(kinds.map { ShellError.Problem.article($0) + " " + $0 }),
                                completion: .objects(kinds: kinds), omitted: { NamedObject?.none as Any }) { values, workspace in
            try Convert.namedObject(values[0], label: "\(name)=", kinds: kinds, in: workspace)
        })
    }
}
