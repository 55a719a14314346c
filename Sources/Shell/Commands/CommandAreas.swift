/// The areas of the standard shell. Registering an area is one line in `all`.
extension CommandArea {
    /// Every area, in `help` order.
    public static let all: [CommandArea] = [
        .session,
        .files,
        .models,
        .figures,
        .rewards,
        .brain,
        .sae,
    ]

    /// The commands every session has: help, the workspace, settings, history.
    public static let session = CommandArea(
        name: "session", title: "help, the workspace and settings",
        commands: [HelpCommand.command, WorkspaceCommands.list, WorkspaceCommands.show, WorkspaceCommands.delete,
                   SessionCommands.set, SessionCommands.history, SessionCommands.quit, EchoCommand.command],
        kinds: [TableObject.kind])

    /// Files: saving and exporting objects, running scripts and replaying transcripts.
    public static let files = CommandArea(
        name: "files", title: "saving, exporting, scripts and replay",
        commands: [FileCommands.save, FileCommands.export, ScriptCommands.run, ScriptCommands.replay])
}

extension CommandRegistry {
    /// The registry of every standard area, plus the hidden test commands when `testing`.
    public static func standard(testing: Bool = false) -> CommandRegistry {
        CommandRegistry(areas: CommandArea.all + (testing ? [.selfTest] : []))
    }
}
