import NIOHTTP1
import Support

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HTTPHeaders {
    /// The wait a response's `Retry-After` asks for, in seconds, whichever service sent it. An
    /// HTTP-date is counted from the response's own `Date` where it has one: the server's two
    /// clocks agree with each other even when they disagree with ours.
    public var retryAfterSeconds: Double? {
        guard let value = first(name: "Retry-After") else { return nil }
        let now = first(name: "Date").flatMap { InternetDate.httpDate($0) }.map(Double.init) ?? Self.wallClockSeconds()
        return RetryAfter.seconds(value, now: now)
    }

    private static func wallClockSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
