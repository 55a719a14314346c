import Foundation

/// Reading integers out of `JSONSerialization` results, which arrive as `NSNumber`s.
enum JSONInteger {
    /// A non-negative integer that fits in `Int`.
    case value(Int)
    /// A non-negative integer too large for `Int`.
    case tooLarge
    /// Anything else: negative, fractional, boolean, not a number.
    case invalid

    init(_ any: Any) {
        guard let number = any as? NSNumber, String(cString: number.objCType) != "c" else {
            self = .invalid
            return
        }
        if let value = number as? Int {
            self = value >= 0 ? .value(value) : .invalid
            return
        }
        let double = number.doubleValue
        self = double >= 0x1p63 && double == double.rounded() ? .tooLarge : .invalid
    }
}
