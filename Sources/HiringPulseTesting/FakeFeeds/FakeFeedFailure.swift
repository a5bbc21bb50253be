/// A scripted misbehaviour of `FakeFeedServer`, for the next request of one path.
public enum FakeFeedFailure: Sendable, Hashable {
    /// This status with a short text body, and a `Retry-After` when given (a 503 maintenance page).
    case status(Int, retryAfter: String? = nil)
    /// 429 Too Many Requests with this `Retry-After`: delay-seconds or an HTTP-date.
    case rateLimited(retryAfter: String)
    /// The usual answer, only after this long (or once the server stops): for timeouts.
    case slow(Duration)
    /// The head and half the body at once and the rest after this long: a host that trickles.
    case stalledBody(Duration)
    /// 200 with the first half of the body, complete as HTTP: JSON or XML cut off mid-way.
    case brokenBody
}
