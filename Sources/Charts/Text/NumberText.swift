/// Numbers as text without Foundation, a locale or an exponent, so the SVG is the same bytes on every machine.
enum NumberText {
    /// At most `decimals` decimals, trailing zeros dropped; non-finite values print as 0.
    static func format(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var factor: UInt64 = 1
        for _ in 0..<decimals { factor *= 10 }
        // Far beyond any chart's numbers, and within UInt64 once scaled.
        let magnitude = min(value.magnitude, 1e15)
        let units = UInt64((magnitude * Double(factor)).rounded())
        let whole = units / factor
        var fraction = units % factor
        var digits = decimals
        while digits > 0 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var text = value < 0 && units != 0 ? "-" : ""
        text += String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }
}

extension Double {
    /// A coordinate or length as the SVG prints it.
    var svg: String { NumberText.format(self) }
}
