// Exact decimal expansion of doubles, shared by everything in the package that writes
// or reads floats as the reference interpreter does: it formats with C's `%.17g`, which
// rounds the exact binary value to 17 significant digits (ties to even), so a
// shortest-round-trip algorithm would give different digits. Not on any hot path.

/// The exact decimal digits of a finite, positive double.
package struct ExactDecimal {
    /// The significant digits (values 0...9), without leading or trailing zeros.
    package var digits: [UInt8]
    /// The value is `0.d1 d2 d3 ... × 10^pointPosition`.
    package var pointPosition: Int

    /// Expands `x`, which must be finite and positive.
    package init(_ x: Double) {
        let bits = x.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        let fraction = bits & 0x000F_FFFF_FFFF_FFFF
        // x = m × 2^e exactly.
        let m = biased == 0 ? fraction : fraction | (1 << 52)
        let e = biased == 0 ? -1074 : biased - 1075

        // A little-endian number in base 10^9.
        var limbs: [UInt64] = []
        var rest = m
        while rest > 0 {
            limbs.append(rest % 1_000_000_000)
            rest /= 1_000_000_000
        }

        func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for i in limbs.indices {
                let p = limbs[i] &* factor &+ carry
                limbs[i] = p % 1_000_000_000
                carry = p / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(carry % 1_000_000_000)
                carry /= 1_000_000_000
            }
        }

        var scale = 0  // x = N × 10^scale once N is computed
        if e >= 0 {
            var k = e
            while k > 0 {
                let step = Swift.min(k, 29)  // keeps limb × factor + carry below 2^64
                multiply(by: 1 << UInt64(step))
                k -= step
            }
        } else {
            // m × 2^e = m × 5^-e × 10^e
            var k = -e
            while k > 0 {
                let step = Swift.min(k, 13)
                var factor: UInt64 = 1
                for _ in 0..<step { factor *= 5 }
                multiply(by: factor)
                k -= step
            }
            scale = e
        }

        var digits: [UInt8] = []
        for (index, limb) in limbs.enumerated().reversed() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var v = limb
            for j in (0..<9).reversed() {
                chunk[j] = UInt8(v % 10)
                v /= 10
            }
            if index == limbs.count - 1 {
                digits.append(contentsOf: chunk.drop { $0 == 0 })
            } else {
                digits.append(contentsOf: chunk)
            }
        }
        let count = digits.count
        while let last = digits.last, last == 0 { digits.removeLast() }
        self.digits = digits
        self.pointPosition = count + scale
    }

    /// Rounds to at most `n` significant digits, ties to even, and drops trailing
    /// zeros.
    package mutating func round(toSignificantDigits n: Int) {
        guard digits.count > n else { return }
        let first = digits[n]
        let restNonZero = digits[(n + 1)...].contains { $0 != 0 }
        let up = first > 5 || (first == 5 && (restNonZero || digits[n - 1] % 2 == 1))
        digits.removeSubrange(n...)
        if up {
            var i = n - 1
            while i >= 0 {
                if digits[i] == 9 {
                    digits[i] = 0
                    i -= 1
                } else {
                    digits[i] += 1
                    break
                }
            }
            if i < 0 {
                digits.insert(1, at: 0)
                pointPosition += 1
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
    }
}

/// C's `printf("%.{precision}g", x)` for finite non-negative `x`, with glibc's
/// rounding of the exact value.
package func formatG(_ x: Double, precision: Int) -> String {
    if x == 0 { return "0" }
    var d = ExactDecimal(x)
    d.round(toSignificantDigits: precision)
    let exponent = d.pointPosition - 1
    let digits = d.digits.map { Character(Unicode.Scalar($0 + 48)) }
    var s = ""
    if exponent < -4 || exponent >= precision {
        s.append(digits[0])
        if digits.count > 1 {
            s.append(".")
            s.append(contentsOf: digits[1...])
        }
        s.append(exponent < 0 ? "e-" : "e+")
        let e = String(exponent.magnitude)
        if e.count < 2 { s.append("0") }
        s.append(e)
    } else if exponent >= 0 {
        for i in 0...exponent { s.append(i < digits.count ? digits[i] : "0") }
        if digits.count > exponent + 1 {
            s.append(".")
            s.append(contentsOf: digits[(exponent + 1)...])
        }
    } else {
        s.append("0.")
        s.append(String(repeating: "0", count: -exponent - 1))
        s.append(contentsOf: digits)
    }
    return s
}
