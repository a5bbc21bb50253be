extension Duration {
    /// For logs and messages, never more than two decimals: `250 ms`, `1.5 s`, `2.25 s`, `30 s`.
    /// (`Duration`'s own description prints every digit: "0.5470338334293489 seconds".)
    public var shortText: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Self.text(milliseconds: milliseconds)
    }

    /// `seconds` (as a server sends them, e.g. Retry-After 0.347) as `shortText` does.
    public static func shortText(seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds) s" }
        return text(milliseconds: Int64((seconds * 1000).rounded()))
    }

    private static func text(milliseconds: Int64) -> String {
        let sign = milliseconds < 0 ? "-" : ""
        let milliseconds = milliseconds.magnitude
        if milliseconds < 1000 { return "\(sign)\(milliseconds) ms" }
        // Hundredths of a second, rounded half up.
        let hundredths = (milliseconds + 5) / 10
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return "\(sign)\(whole) s" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10) s" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
