import Foundation

/// Factories for `KEY=value` options. An option declared with a default yields that type; one
/// declared without a default yields an optional (nil when not given).
///
///     let k = Option.int("k", default: 32, range: .atLeast(1), help: "latents kept per token")
///     let seed = Option.int("seed", range: .atLeast(0), help: "random seed (default: the session's)")
public enum Option {
    /// An integer option with a default.
    public static func int(_ name: String, default value: Int, range: Bounds<Int>? = nil, help: String) -> Parameter<Int> {
        make(name, "INT", "an integer", help, value, String(value), range?.description) { try Convert.integer($0, label: "\(name)=", bounds: range) }
    }

    /// An integer option without default (nil when not given).
    public static func int(_ name: String, range: Bounds<Int>? = nil, help: String) -> Parameter<Int?> {
        make(name, "INT", "an integer", help, Int?.none, nil, range?.description) { try Convert.integer($0, label: "\(name)=", bounds: range) }
    }

    /// A real-number option with a default.
    public static func number(_ name: String, default value: Double, range: Bounds<Double>? = nil, help: String) -> Parameter<Double> {
        make(name, "NUMBER", "a number", help, value, Format.number(value, significant: 6), range?.description) {
            try Convert.number($0, label: "\(name)=", bounds: range)
        }
    }

    /// A real-number option without default (nil when not given).
    public static func number(_ name: String, range: Bounds<Double>? = nil, help: String) -> Parameter<Double?> {
        make(name, "NUMBER", "a number", help, Double?.none, nil, range?.description) { try Convert.number($0, label: "\(name)=", bounds: range) }
    }

    /// A `true`/`false` option.
    public static func flag(_ name: String, default value: Bool, help: String) -> Parameter<Bool> {
        make(name, "true|false", "true or false", help, value, String(value), nil, completion: .words(["true", "false"])) {
            try Convert.boolean($0, label: "\(name)=")
        }
    }

    /// A text option with a default (a bare word or a quoted string).
    public static func string(_ name: String, default value: String, help: String) -> Parameter<String> {
        make(name, "TEXT", "a word or a quoted string", help, value, "\"\(value)\"", nil) { try Convert.string($0, label: "\(name)=") }
    }

    /// A text option without default (nil when not given).
    public static func string(_ name: String, help: String) -> Parameter<String?> {
        make(name, "TEXT", "a word or a quoted string", help, String?.none, nil, nil) { try Convert.string($0, label: "\(name)=") }
    }

    /// An option taking one word of an enum, with a default.
    public static func choice<Choice: ChoiceValue>(_ name: String, default value: Choice, help: String) -> Parameter<Choice> {
        let words = Choice.allCases.map(\.rawValue)
        return make(name, words.joined(separator: "|"), "one of \(words.joined(separator: ", "))", help, value, value.rawValue, nil,
                    completion: .words(words)) { try Convert.choice($0, label: "\(name)=", as: Choice.self) }
    }

    /// An option taking one word of an enum, without default (nil when not given).
    public static func choice<Choice: ChoiceValue>(_ name: String, _ type: Choice.Type, help: String) -> Parameter<Choice?> {
        let words = Choice.allCases.map(\.rawValue)
        return make(name, words.joined(separator: "|"), "one of \(words.joined(separator: ", "))", help, Choice?.none, nil, nil,
                    completion: .words(words)) { try Convert.choice($0, label: "\(name)=", as: Choice.self) }
    }

    /// A path option (nil when not given); `extensions` restricts the accepted file endings.
    public static func path(_ name: String, mustExist: Bool = false, extensions: [String] = [], help: String) -> Parameter<URL?> {
        make(name, "PATH", "a path", help, URL?.none, nil, nil, completion: .paths(extensions: extensions)) {
            try Convert.path($0, label: "\(name)=", mustExist: mustExist, extensions: extensions)
        }
    }

    /// An option naming a workspace object of kind `O` (nil when not given).
    public static func object<O: WorkspaceObject>(_ name: String, _ type: O.Type, help: String) -> Parameter<O?> {
        let kind = O.kind.name
        return Parameter(ParameterSpec(name: name, role: .option, help: help, valueLabel: kind.uppercased(), expected: "the name of a \(kind)",
                                       completion: .objects(kinds: [kind]), omitted: { O?.none as Any }) { values, workspace in
            try Convert.typedObject(values[0], label: "\(name)=", as: O.self, in: workspace)
        })
    }

    /// A list of integers such as `[1, 2, 3]` (a single integer is a list of one), with a default.
    public static func integers(_ name: String, default value: [Int], range: Bounds<Int>? = nil, help: String) -> Parameter<[Int]> {
        make(name, "[INT,...]", "a list of integers", help, value, "[" + value.map(String.init).joined(separator: ", ") + "]", range?.description) { written in
            try Convert.list(written) { try Convert.integer($0, label: "\(name)=", bounds: range) }
        }
    }

    /// A list of numbers such as `[0.1, 1, 10]` (a single number is a list of one), with a default.
    public static func numbers(_ name: String, default value: [Double], range: Bounds<Double>? = nil, help: String) -> Parameter<[Double]> {
        make(name, "[NUMBER,...]", "a list of numbers", help, value, "[" + value.map { Format.number($0, significant: 6) }.joined(separator: ", ") + "]",
             range?.description) { written in try Convert.list(written) { try Convert.number($0, label: "\(name)=", bounds: range) } }
    }

    /// An option with its own conversion, for values no other factory covers (e.g. `layers=all`
    /// or `layers=[0, 2]`). `convert` receives the written value; throw `ShellError` for bad input
    /// (`.wrongType`, `.outOfRange`, ...) with the value's span.
    public static func custom<Value: Sendable>(_ name: String, valueLabel: String, expected: String, default value: Value, defaultText: String,
                                     completion: CompletionSource = .none, help: String,
                                     convert: @escaping @Sendable (SyntaxValue) throws -> Value) -> Parameter<Value> {
        make(name, valueLabel, expected, help, value, defaultText, nil, completion: completion, convert: convert)
    }

    private static func make<Value: Sendable, Converted>(_ name: String, _ label: String, _ expected: String, _ help: String,
                                               _ value: Value, _ defaultText: String?, _ bounds: String?,
                                               completion: CompletionSource = .none,
                                               convert: @escaping @Sendable (SyntaxValue) throws -> Converted) -> Parameter<Value> {
        Parameter(ParameterSpec(name: name, role: .option, help: help, valueLabel: label, expected: expected,
                                defaultText: defaultText, boundsText: bounds, completion: completion,
                                omitted: { value as Any }) { values, _ in try convert(values[0]) })
    }
}
