/// `echo TEXT...`: prints its words, for notes and hints in scripts (`sessions/start.msc`).
enum EchoCommand {
    static let words = Parameter<[String]>(ParameterSpec(
        name: "TEXT", role: .positional, help: "words or quoted strings to print, separated by spaces", valueLabel: "TEXT",
        expected: "words or quoted strings", isRequired: false, isVariadic: true, omitted: { [String]() as Any }) { values, _ in
        try values.map { value in
            guard let text = value.text else {
                throw ShellError(.wrongType(parameter: "TEXT", expected: "a word or a quoted string", found: value.description), at: value.span)
            }
            return text
        }
    })

    static let command = Command(
        "echo", summary: "Print a line of text (a note in a script or transcript).", parameters: [words],
        examples: [#"echo 'loaded minilm; try: tokenize minilm "Hello"'"#]
    ) { arguments, context in
        context.output.print(try arguments[words].joined(separator: " "))
        return .done
    }
}
