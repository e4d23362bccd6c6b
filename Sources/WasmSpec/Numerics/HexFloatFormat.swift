// Hexadecimal float text, as the reference interpreter's binary-mode printing writes it.

/// OCaml's `Printf.sprintf "%h"` for finite non-negative `x`: hexadecimal significand
/// with as many digits as needed, `p` and a signed decimal exponent; subnormals are
/// written `0x0.…p-1022`.
func formatHexFloat(_ x: Double) -> String {
    let bits = x.bitPattern
    var exponent = Int((bits >> 52) & 0x7FF)
    var m = bits & 0x000F_FFFF_FFFF_FFFF
    if exponent == 0 {
        if m != 0 { exponent = -1022 }
    } else {
        exponent -= 1023
        m |= 1 << 52
    }
    let hexDigits = Array("0123456789abcdef")
    var s = "0x"
    s.append(hexDigits[Int(m >> 52)])
    m = (m << 4) & ((1 << 56) - 1)
    if m != 0 {
        s.append(".")
        while m != 0 {
            s.append(hexDigits[Int(m >> 52)])
            m = (m << 4) & ((1 << 56) - 1)
        }
    }
    s.append("p")
    s.append(exponent < 0 ? "-" : "+")
    s.append(String(exponent.magnitude))
    return s
}
