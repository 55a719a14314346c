import Foundation

/// Factories for positional parameters, written in order after the verb. A positional may
/// require a word before it (`after: "to"` makes `save NAME to PATH`), be optional (`[to FILE]`)
/// or take all remaining words (variadic, e.g. `del NAME...`).
///
///     let acts = Positional.object("ACTS", ActivationsObject.self, help: "activations to train on")
///     let file = Positional.path("FILE", mustExist: true, extensions: ["csv"], help: "the table to read")
public enum Positional {
    /// The name of a workspace object of kind `O`; the handler gets the object.
    public static func object<O: WorkspaceObject>(_ name: String, _ type: O.Type, help: String) -> Parameter<O> {
        let kind = O.kind.name
        return Parameter(spec(name, help, kind.uppercased(), "the name of \(ShellError.Problem.article(kind)) \(kind)",
                              completion: .objects(kinds: [kind])) { values, workspace in
            try Convert.typedObject(values[0], label: name, as: O.self, in: workspace)
        })
    }

    /// Like `object`, but may be left out (the last positional, as in `mmcs SAE [OTHER]`).
    public static func optionalObject<O: WorkspaceObject>(_ name: String, _ type: O.Type, help: String) -> Parameter<O?> {
        let kind = O.kind.name
        return Parameter(spec(name, help, name, "the name of \(ShellError.Problem.article(kind)) \(kind)", required: false,
                              completion: .objects(kinds: [kind]), omitted: { O?.none as Any }) { values, workspace in
            try Convert.typedObject(values[0], label: name, as: O.self, in: workspace)
        })
    }

    /// The name of a workspace object of any of `kinds` (any kind when nil), with its name.
    /// `completion` overrides what tab offers (by default the objects of `kinds`).
    public static func anyObject(_ name: String, kinds: [String]? = nil, completion: CompletionSource? = nil, help: String) -> Parameter<NamedObject> {
        Parameter(spec(name, help, name, "the name of a workspace object", completion: completion ?? .objects(kinds: kinds)) { values, workspace in
            try Convert.namedObject(values[0], label: name, kinds: kinds, in: workspace)
        })
    }

    /// One or more names of workspace objects (variadic: takes the remaining words).
    public static func objects(_ name: String, help: String) -> Parameter<[NamedObject]> {
        Parameter(spec(name, help, name, "names of workspace objects", isVariadic: true, completion: .objects(kinds: nil)) { values, workspace in
            try values.map { try Convert.namedObject($0, label: name, kinds: nil, in: workspace) }
        })
    }

    /// A path; with `mustExist` the file must be there when the statement runs. `after` names a
    /// word that must precede it.
    public static func path(_ name: String, mustExist: Bool, extensions: [String] = [], after preposition: String? = nil,
                            help: String) -> Parameter<URL> {
        Parameter(spec(name, help, name, "a path", preposition: preposition, completion: .paths(extensions: extensions)) { values, _ in
            try Convert.path(values[0], label: name, mustExist: mustExist, extensions: extensions)
        })
    }

    /// A path that may be left out (with its preceding word), as in `plot KIND NAME [to FILE]`.
    public static func optionalPath(_ name: String, mustExist: Bool, extensions: [String] = [], after preposition: String? = nil,
                                    help: String) -> Parameter<URL?> {
        Parameter(spec(name, help, name, "a path", required: false, preposition: preposition,
                       completion: .paths(extensions: extensions), omitted: { URL?.none as Any }) { values, _ in
            try Convert.path(values[0], label: name, mustExist: mustExist, extensions: extensions)
        })
    }

    /// One or more paths (variadic: takes the remaining words).
    public static func paths(_ name: String, mustExist: Bool, extensions: [String] = [], help: String) -> Parameter<[URL]> {
        Parameter(spec(name, help, name, "paths", isVariadic: true, completion: .paths(extensions: extensions)) { values, _ in
            try values.map { try Convert.path($0, label: name, mustExist: mustExist, extensions: extensions) }
        })
    }

    /// An integer.
    public static func int(_ name: String, range: Bounds<Int>? = nil, help: String) -> Parameter<Int> {
        Parameter(spec(name, help, name, "an integer", bounds: range?.description) { values, _ in
            try Convert.integer(values[0], label: name, bounds: range)
        })
    }

    /// An integer that may be left out (it must then be the last word).
    public static func optionalInt(_ name: String, range: Bounds<Int>? = nil, help: String) -> Parameter<Int?> {
        Parameter(spec(name, help, name, "an integer", bounds: range?.description, required: false, omitted: { Int?.none as Any }) { values, _ in
            try Convert.integer(values[0], label: name, bounds: range)
        })
    }

    /// A real number.
    public static func number(_ name: String, range: Bounds<Double>? = nil, help: String) -> Parameter<Double> {
        Parameter(spec(name, help, name, "a number", bounds: range?.description) { values, _ in
            try Convert.number(values[0], label: name, bounds: range)
        })
    }

    /// A word or a quoted string; `completion` says what tab offers (nothing by default).
    public static func string(_ name: String, completion: CompletionSource = .none, help: String) -> Parameter<String> {
        Parameter(spec(name, help, name, "a word or a quoted string", completion: completion) { values, _ in
            try Convert.string(values[0], label: name)
        })
    }

    /// One word of an enum, e.g. `KIND` in `mdp random|grid`.
    public static func choice<Choice: ChoiceValue>(_ name: String, _ type: Choice.Type, help: String) -> Parameter<Choice> {
        let words = Choice.allCases.map(\.rawValue)
        return Parameter(spec(name, help, words.joined(separator: "|"), "one of \(words.joined(separator: ", "))",
                              completion: .words(words)) { values, _ in
            try Convert.choice(values[0], label: name, as: Choice.self)
        })
    }

    /// Any number of words (possibly none), e.g. the verb after `help`.
    public static func words(_ name: String, completion: CompletionSource = .none, help: String) -> Parameter<[String]> {
        Parameter(spec(name, help, name, "words", required: false, isVariadic: true, completion: completion,
                       omitted: { [String]() as Any }) { values, _ in
            try values.map { try Convert.string($0, label: name) }
        })
    }

    private static func spec(_ name: String, _ help: String, _ label: String, _ expected: String, bounds: String? = nil,
                             required: Bool = true, preposition: String? = nil, isVariadic: Bool = false,
                             completion: CompletionSource = .none, omitted: (@Sendable () -> Any)? = nil,
                             bind: @escaping @Sendable ([SyntaxValue], Workspace) throws -> Any) -> ParameterSpec {
        ParameterSpec(name: name, role: .positional, help: help, valueLabel: label, expected: expected, boundsText: bounds,
                      isRequired: required, preposition: preposition, isVariadic: isVariadic, completion: completion,
                      omitted: omitted, bind: bind)
    }
}
