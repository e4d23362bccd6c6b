// Traps raised by numeric operators (§4.3.2, §4.3.3): the partial operators
// `idiv`, `irem` and `trunc` have no result for some inputs, and executing them
// then traps. The messages are the reference interpreter's.

/// A trap raised by a numeric operator.
public enum NumericTrap: Error, Sendable, Hashable {
    /// Division or remainder by zero (`idiv_N`, `irem_N`).
    case integerDivideByZero
    /// A result outside the target range: signed division of the minimum by -1, or
    /// truncating a float whose integral part the target type cannot hold.
    case integerOverflow
    /// Truncating a NaN to an integer.
    case invalidConversionToInteger

    /// The reference interpreter's message for this trap.
    public var message: String {
        switch self {
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        }
    }
}
