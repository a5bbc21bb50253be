/// What one conditional GET of a feed came to. Reasons are one line and name the feed's host
/// only: a feed URL's query may hold an API key.
public enum FeedFetchOutcome: Sendable, Hashable {
    /// 304: what we have is current. The validators are the ones the response repeated, if any.
    case notModified(etag: String?, lastModified: String?)
    /// 2xx with the whole body, read within the size cap; it may still fail to parse.
    case fetched(body: [UInt8], etag: String?, lastModified: String?)
    /// No usable answer: HTTP errors, timeouts, connection failures, bodies over the cap.
    /// `retryAfter` is the server's `Retry-After` on 429 and 503.
    case failed(reason: String, retryAfter: Duration?)
}
