extension Duration {
    /// In milliseconds, fraction included: latencies as stored and printed.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// In seconds, fraction included.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Duration {
    /// In whole milliseconds, rounded to the nearest (half away from zero): a wait as it is added
    /// to a time kept in Unix milliseconds.
    public var roundedMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let fraction = (Double(attoseconds) / 1e15).rounded()
        return seconds * 1000 + Int64(fraction)
    }
}
