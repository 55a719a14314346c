import Models

/// How the model verbs call the Models library: its errors become one `error:` line pointing
/// at the argument at fault, its cancellation becomes the shell's, its warnings are printed.
enum ModelCalls {
    /// Runs `body`; a `ModelError` becomes a `ShellError` at `span` (`cancelled` becomes
    /// `Interrupted`, which ends the statement without storing anything).
    static func run<Result>(at span: SourceSpan?, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch ModelError.cancelled {
            throw Interrupted()
        } catch let error as ModelError {
            throw ShellError(.failed(error.description), at: span)
        }
    }

    /// Prints each warning on standard error (and into the transcript).
    static func report(_ warnings: [ModelWarning], to output: Output) {
        for warning in warnings { output.warning(warning.description) }
    }
}
