import CEditLine
import Foundation

/// The prompt: libedit through its readline interface, with history (Ctrl-R searches it),
/// completion from a `Completer`, Ctrl-C clearing the line and Ctrl-D ending input. This file
/// is the only user of the shim's completion-context pointer.
final class LineEditor {
    /// Answers libedit's completion requests; reached from the C callback through the shim.
    private final class CompletionState {
        let makeCompleter: () -> Completer
        var candidates: [CompletionCandidate] = []

        init(makeCompleter: @escaping () -> Completer) { self.makeCompleter = makeCompleter }

        func next(state: Int) -> UnsafeMutablePointer<CChar>? {
            if state == 0 {
                let buffer = mindscope_line_buffer().map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) } ?? []
                let point = max(0, min(Int(mindscope_point()), buffer.count))
                let prefix = String(decoding: buffer[..<point].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                candidates = makeCompleter().complete(prefix)
                let suffix = candidates.count == 1 ? candidates[0].suffix.utf8.first.map(Int32.init) ?? 0 : Int32(UInt8(ascii: " "))
                mindscope_set_completion_append_character(suffix)
            }
            return state < candidates.count ? strdup(candidates[state].text) : nil
        }
    }

    private let completion: CompletionState
    /// C strings libedit keeps pointers to: they must outlive every `readline` call, so they
    /// are made once and never freed (the editor lives as long as the prompt).
    private let readlineName = strdup("mindscope")
    private let wordBreakCharacters = strdup(Completer.wordBreakCharacters)

    /// Sets libedit up: completion through `makeCompleter`, `history` as the earlier statements.
    init(history: [String], makeCompleter: @escaping () -> Completer) {
        completion = CompletionState(makeCompleter: makeCompleter)
        mindscope_set_readline_name(readlineName)
        mindscope_set_catch_signals(0)
        mindscope_set_word_break_characters(wordBreakCharacters)
        mindscope_set_completion_context(Unmanaged.passUnretained(completion).toOpaque())
        mindscope_set_completion { _, state in
            guard let context = mindscope_completion_context() else { return nil }
            return Unmanaged<CompletionState>.fromOpaque(context).takeUnretainedValue().next(state: Int(state))
        }
        // Set the terminal up now: on a first call readline does it after showing the prompt,
        // and keys typed in that instant (a script driving the prompt) were lost.
        rl_initialize()
        using_history()
        stifle_history(1000)
        for line in history { add_history(line) }
    }

    deinit { mindscope_set_completion_context(nil) }

    /// Shows `prompt` and reads one line; Ctrl-C gives `.interrupted`, Ctrl-D `.endOfInput`.
    func readLine(prompt: String) -> LineInput {
        InterruptSignal.clear()
        InterruptSignal.install(restartingCalls: false)
        defer { InterruptSignal.install(restartingCalls: true) }
        guard let raw = readline(prompt) else {
            if InterruptSignal.isPending {
                InterruptSignal.clear()
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Adds a line to the in-memory history (Up arrow and Ctrl-R find it).
    func remember(_ line: String) { add_history(line) }
}
