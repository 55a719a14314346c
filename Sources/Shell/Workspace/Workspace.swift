/// The named objects of a session. A value: a statement works on a copy and the session keeps
/// it only when the statement succeeds, so a failed statement changes nothing.
public struct Workspace {
    private var objects: [String: any WorkspaceObject] = [:]
    /// Names in the order they were first stored (the order of `ls`).
    public private(set) var names: [String] = []
    /// The number the next automatic name `_N` gets.
    public private(set) var nextAutomaticNumber = 1

    /// An empty workspace.
    public init() {}

    /// The object stored under `name`, if any.
    public func object(named name: String) -> (any WorkspaceObject)? { objects[name] }

    /// Names of the objects of kind `kind` (all names when `kind` is nil), in `ls` order.
    public func names(ofKind kind: String?) -> [String] {
        guard let kind else { return names }
        return names.filter { objects[$0]?.objectKind.name == kind }
    }

    /// True when nothing is stored.
    public var isEmpty: Bool { names.isEmpty }

    /// Stores `object` under `name`, replacing what was there (keeping its place in `ls`).
    public mutating func store(_ object: any WorkspaceObject, as name: String) {
        if objects.updateValue(object, forKey: name) == nil { names.append(name) }
    }

    /// Takes the next automatic name `_1`, `_2`, ... (skipping names already in use).
    public mutating func takeAutomaticName() -> String {
        while objects["_\(nextAutomaticNumber)"] != nil { nextAutomaticNumber += 1 }
        defer { nextAutomaticNumber += 1 }
        return "_\(nextAutomaticNumber)"
    }

    /// Removes the object named `name`; returns whether there was one.
    @discardableResult
    public mutating func remove(named name: String) -> Bool {
        guard objects.removeValue(forKey: name) != nil else { return false }
        names.removeAll { $0 == name }
        return true
    }

    /// Total memory held by the objects, in bytes.
    public var memoryBytes: Int { objects.values.reduce(0) { $0 + $1.memoryBytes } }
}
