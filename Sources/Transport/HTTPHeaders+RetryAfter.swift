public import NIOHTTP1
import Support

extension HTTPHeaders {
    /// The wait a response's `Retry-After` asks for, in seconds, whichever service sent it. An
    /// HTTP-date is counted from the response's own `Date` where it has one: the server's two
    /// clocks agree with each other even when they disagree with ours.
    public var retryAfterSeconds: Double? {
        guard let value = first(name: "Retry-After") else { return nil }
        let now = first(name: "Date").flatMap { InternetDate.httpDate($0) }.map(Double.init) ?? Double(WallClock.nowMilliseconds()) / 1000
        return RetryAfter.seconds(value, now: now)
    }
}
