/// `ls`, `show NAME`, `del NAME...`: looking at and removing workspace objects.
enum WorkspaceCommands {
    static let list = Command(
        "ls", summary: "List the workspace objects: name, kind, shape and memory.", examples: ["ls"]
    ) { _, context in
        let workspace = context.session.workspace
        guard !workspace.isEmpty else {
            context.output.print("the workspace is empty")
            return .done
        }
        var table = TextTable(headers: ["name", "kind", "shape", "memory"], alignments: [.left, .left, .left, .right])
        for name in workspace.names {
            guard let object = workspace.object(named: name) else { continue }
            table.append([name, object.objectKind.name, object.shape, Format.bytes(object.memoryBytes)])
        }
        context.output.print(table)
        return .done
    }

    static let shown = Positional.anyObject("NAME", help: "the object to show")

    static let show = Command(
        "show", summary: "Show one object in detail.", parameters: [shown], examples: ["show _1"]
    ) { arguments, context in
        let named = try arguments[shown]
        context.output.print("\(named.name) (\(named.object.objectKind.name))")
        context.output.print(named.object.details())
        let plots = named.object.plotForms.map(\.kind)
        if !plots.isEmpty { context.output.print("plots: \(plots.joined(separator: ", ")) (plot KIND \(named.name))") }
        return .done
    }

    static let deleted = Positional.objects("NAME", help: "the objects to delete")

    static let delete = Command(
        "del", summary: "Delete objects from the workspace.", parameters: [deleted], examples: ["del _1", "del a b"]
    ) { arguments, context in
        let names = try arguments[deleted].map(\.name)
        for name in names { context.session.workspace.remove(named: name) }
        context.output.print("deleted \(names.joined(separator: ", "))")
        return .done
    }
}
