import Foundation

/// An enum whose cases are the words a parameter accepts, e.g. `enum Pool: String { case none, mean }`.
/// Library enums get this with an empty extension in the shell adapter: strings become enums
/// at the edge, and nothing past the adapter sees the word.
public protocol ChoiceValue: CaseIterable, RawRepresentable, Sendable where RawValue == String {}

/// A workspace object together with the name it was given by.
public struct NamedObject {
    /// The workspace name.
    public let name: String
    /// The object.
    public let object: any WorkspaceObject
}

/// Conversions from written values to typed ones, each failing with a message that names the
/// parameter, what it expects and what was found.
enum Convert {
    static func integer(_ value: SyntaxValue, label: String, bounds: Bounds<Int>?) throws -> Int {
        guard case let .number(number, text) = value.kind, number == number.rounded(), abs(number) < 9.0e15 else {
            throw ShellError(.wrongType(parameter: label, expected: "an integer", found: value.description), at: value.span)
        }
        let integer = Int(number)
        if let bounds, !bounds.contains(integer) {
            throw ShellError(.outOfRange(parameter: label, value: text, bounds: bounds.description), at: value.span)
        }
        return integer
    }

    static func number(_ value: SyntaxValue, label: String, bounds: Bounds<Double>?) throws -> Double {
        guard case let .number(number, text) = value.kind, number.isFinite else {
            throw ShellError(.wrongType(parameter: label, expected: "a number", found: value.description), at: value.span)
        }
        if let bounds, !bounds.contains(number) {
            throw ShellError(.outOfRange(parameter: label, value: text, bounds: bounds.description), at: value.span)
        }
        return number
    }

    static func boolean(_ value: SyntaxValue, label: String) throws -> Bool {
        guard case let .boolean(flag) = value.kind else {
            throw ShellError(.wrongType(parameter: label, expected: "true or false", found: value.description), at: value.span)
        }
        return flag
    }

    static func string(_ value: SyntaxValue, label: String) throws -> String {
        guard let text = value.text else {
            throw ShellError(.wrongType(parameter: label, expected: "a word or a quoted string", found: value.description), at: value.span)
        }
        return text
    }

    static func choice<Choice: ChoiceValue>(_ value: SyntaxValue, label: String, as type: Choice.Type) throws -> Choice {
        let words = Choice.allCases.map(\.rawValue)
        guard let text = value.text else {
            throw ShellError(.wrongType(parameter: label, expected: "one of \(words.joined(separator: ", "))", found: value.description), at: value.span)
        }
        guard let choice = Choice(rawValue: text) else {
            throw ShellError(.notAChoice(parameter: label, found: text, choices: words,
                                         suggestion: Suggestions.closest(to: text, among: words)), at: value.span)
        }
        return choice
    }

    static func path(_ value: SyntaxValue, label: String, mustExist: Bool, extensions: [String]) throws -> URL {
        guard let text = value.text, !text.isEmpty, value.kind != .boolean(true), value.kind != .boolean(false) else {
            throw ShellError(.wrongType(parameter: label, expected: "a path", found: value.description), at: value.span)
        }
        let url = URL(fileURLWithPath: expandingTilde(text))
        if !extensions.isEmpty, !extensions.contains(url.pathExtension.lowercased()) {
            throw ShellError(.wrongExtension(path: text, parameter: label, expected: extensions), at: value.span)
        }
        if mustExist, !FileManager.default.fileExists(atPath: url.path) {
            throw ShellError(.fileNotFound(text), at: value.span)
        }
        return url
    }

    /// `~` and `~/...` with the home directory put in.
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    static func namedObject(_ value: SyntaxValue, label: String, kinds: [String]?, in workspace: Workspace) throws -> NamedObject {
        let expected = kinds.map { "the name of " + ShellError.Problem.alternatives($0.map { ShellError.Problem.article($0) + " " + $0 }) }
            ?? "the name of a workspace object"
        guard case let .word(name) = value.kind else {
            throw ShellError(.wrongType(parameter: label, expected: expected, found: value.description), at: value.span)
        }
        guard let object = workspace.object(named: name) else {
            let candidates = kinds.map { $0.flatMap { workspace.names(ofKind: $0) } } ?? workspace.names
            throw ShellError(.unknownObject(name, suggestion: Suggestions.closest(to: name, among: candidates)), at: value.span)
        }
        if let kinds, !kinds.contains(object.objectKind.name) {
            throw ShellError(.wrongKind(name: name, kind: object.objectKind.name, expected: kinds), at: value.span)
        }
        return NamedObject(name: name, object: object)
    }

    static func typedObject<Object: WorkspaceObject>(_ value: SyntaxValue, label: String, as type: Object.Type,
                                                     in workspace: Workspace) throws -> Object {
        let named = try namedObject(value, label: label, kinds: [Object.kind.name], in: workspace)
        guard let object = named.object as? Object else {
            throw ShellError(.internalError("two object types share the kind name \(Object.kind.name)"), at: value.span)
        }
        return object
    }

    static func list<Element>(_ value: SyntaxValue, _ element: (SyntaxValue) throws -> Element) throws -> [Element] {
        if case let .list(items) = value.kind { return try items.map(element) }
        return [try element(value)]
    }
}
