import ArgumentParser
import enum Shell.Launcher
import struct Shell.LaunchRequest
import enum Shell.MindscopeVersion
import Tensors

// Pick OpenBLAS's best kernels before anything else touches BLAS (may re-execute this program).
BLASKernels.relaunchWithBestKernelsIfNeeded()

/// Options every form of the command line takes.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Name the transcript sessions/NAME.md (appended to when it exists).", valueName: "NAME"))
    var session: String?

    @Option(name: .customLong("init"), help: ArgumentHelp(
        "Run this script's statements first (recorded like any others); at the prompt, errors in it are reported and the prompt opens.",
        valueName: "FILE"))
    var initScript: String?
}

/// `mindscope [-c STATEMENTS] [--session NAME] [--init FILE]`
struct Mindscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mindscope",
        abstract: "A research shell for multi-layer SAEs, BrainScore of moral-reasoning models and STARC reward metrics.",
        discussion: """
        With no arguments, opens the interactive prompt when standard input is a terminal, and otherwise \
        reads statements from standard input, one per line. Every session writes its transcript to \
        sessions/NAME.md. Type help at the prompt for the commands.
        """,
        version: MindscopeVersion.current,
        subcommands: [Run.self])

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by ';') and exit.", valueName: "STATEMENTS"))
    var statements: String?

    @OptionGroup var options: SessionOptions

    func run() throws {
        let mode: LaunchRequest.Mode = statements.map { .statements($0) } ?? .prompt
        try finish(Launcher.run(LaunchRequest(mode: mode, sessionName: options.session, initScript: options.initScript)))
    }
}

/// `mindscope run FILE... [--session NAME]`
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scripts (.msc) or transcripts (.md) without a prompt; stop at the first error with status 1.")

    @Argument(help: ArgumentHelp("Scripts (one statement per line) or transcripts to run, in order.", valueName: "FILE"))
    var files: [String]

    @OptionGroup var options: SessionOptions

    func run() throws {
        try finish(Launcher.run(LaunchRequest(mode: .scripts(files), sessionName: options.session, initScript: options.initScript)))
    }
}

/// Ends the process with `status` through ArgumentParser (0 returns normally).
func finish(_ status: Int32) throws {
    if status != 0 { throw ExitCode(status) }
}

Mindscope.main()
