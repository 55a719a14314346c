/// A data-choosing option of `plot` (`x=`, `y=`, `group=`, `error=`, `color=`) that the object
/// cannot honour. Plot forms throw it; the `plot` verb turns it into a `ShellError` pointing at
/// the option, so the message is made here, in one place.
public struct PlotSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        /// `name` is not one of `known` (e.g. the table's columns); `what` is "column", "layer", ...
        case unknown(name: String, what: String, known: [String])
        /// `name` exists but cannot be used here, e.g. "is a text column; y= needs numbers".
        case unusable(name: String, reason: String)
        /// The option's value as a whole is wrong, e.g. "gives 2 columns for 3 y= columns".
        case invalid(reason: String)
    }

    /// The option at fault.
    public let selector: PlotSelector
    /// What is wrong with it.
    public let problem: Problem

    /// An error about `selector`.
    public init(_ selector: PlotSelector, _ problem: Problem) {
        self.selector = selector
        self.problem = problem
    }

    /// The message without the option's name, as `ShellError.invalidArgument` shows it after `x=`.
    public var reason: String {
        switch problem {
        case let .unknown(name, what, known):
            let near = Suggestions.closest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
            let listed = known.isEmpty ? "there are none" : "the \(what)s are \(known.joined(separator: ", "))"
            return "names no \(what) '\(name)'\(near) (\(listed))"
        case let .unusable(name, reason):
            return "'\(name)' \(reason)"
        case let .invalid(reason):
            return reason
        }
    }

    /// `x= names no column 'stpe'; did you mean 'step'? (the columns are step, loss)`.
    public var description: String { "\(selector.rawValue)= \(reason)" }
}
