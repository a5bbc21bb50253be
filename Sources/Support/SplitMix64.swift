/// A small, fast, seedable generator (SplitMix64): the gateway's jitter comes from it so that the
/// state machine stays deterministic under test, and data generated from a seed (synthetic
/// journeys, chat exports, fault schedules) is the same on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    public mutating func fraction() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A number below `bound`, by remainder: cheap, and what generated files and synthetic data
    /// were made with, so a seed keeps giving the same data.
    public mutating func next(upTo bound: UInt64) -> UInt64 {
        next() % bound
    }
}
