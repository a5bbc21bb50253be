#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock, without Foundation: for stored times and for counting a server's HTTP-date
/// from now. Durations are measured with `ContinuousClock` instead, which never jumps.
public enum WallClock {
    /// Now, in Unix milliseconds.
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
