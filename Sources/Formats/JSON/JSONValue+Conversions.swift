import Tensors

extension JSONValue {
    /// A tensor as nested arrays following its shape (a scalar tensor becomes a number).
    /// NaN and infinities stay as they are: the writer's `NonFinitePolicy` decides.
    public init(_ tensor: Tensor) {
        let values = tensor.scalars
        func nest(_ axis: Int, _ start: Int, _ stride: Int) -> JSONValue {
            if axis == tensor.rank { return .number(Double(values[start])) }
            let extent = tensor.shape[axis]
            let inner = extent == 0 ? 0 : stride / extent
            return .array((0..<extent).map { nest(axis + 1, start + $0 * inner, inner) })
        }
        self = nest(0, 0, tensor.count)
    }
}

extension Table {
    /// The table as a JSON object mapping each column name to its list of cells (numbers or
    /// strings; missing numbers are NaN, written according to the `NonFinitePolicy`).
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [:]
        for (name, column) in zip(names, columns) {
            switch column {
            case .numbers(let values): members[name] = .array(values.map(JSONValue.number))
            case .strings(let values): members[name] = .array(values.map(JSONValue.string))
            }
        }
        return .object(members)
    }
}
