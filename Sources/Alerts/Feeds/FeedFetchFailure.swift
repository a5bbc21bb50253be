import AsyncHTTPClient
import Domain
import Extraction
import Foundation
import NIOCore
import Support
import Transport

/// The one-line reasons of `FeedFetchOutcome.failed`. Pure, so each wording can be tested without
/// a server. Nothing here quotes a URL or an error's own description: both may carry the query,
/// and with it an API key. What kind of transport failure an error is, `TransportFailure` says.
enum FeedFetchFailure {
    /// `example.com`, `127.0.0.1:8080`: what a reason may say about where a feed lives. Nil when the
    /// URL is not an absolute http(s) URL with a host.
    static func host(of url: String) -> String? {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https", let endpoint = Endpoint(url: url) else { return nil }
        return endpoint.asWritten
    }

    static let invalidURL = "feed URL is not an absolute http(s) URL with a host"

    static func status(_ code: Int, host: String) -> String {
        "HTTP \(code) from feed host \(host)"
    }

    static func timedOut(host: String, after timeout: Duration) -> String {
        "feed host \(host) did not answer within \(text(timeout))"
    }

    static func tooLarge(host: String, limit: Int) -> String {
        "feed from \(host) is larger than \(text(bytes: limit))"
    }

    /// A thrown error as a reason, by its kind.
    static func reason(for error: any Error, host: String, timeout: Duration) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .redirectLimitReached, .redirectCycleDetected: return "feed host \(host) redirected too many times"
            case .invalidURL, .emptyHost, .emptyScheme: return invalidURL
            default: break
            }
        }
        switch TransportFailure(error) {
        case .timedOut, .connectTimedOut: return timedOut(host: host, after: timeout)
        case .closedEarly: return "feed host \(host) closed the connection before answering"
        case .cancelled: return "fetch from feed host \(host) was cancelled"
        case .refused: return "could not connect to feed host \(host) (connection refused)"
        case .reset: return "feed host \(host) reset the connection"
        case .unreachable: return "could not connect to feed host \(host) (unreachable)"
        case .nameNotResolved: return "could not connect to feed host \(host) (name not resolved)"
        case .tls: return "TLS with feed host \(host) failed"
        case .other: return "could not fetch from feed host \(host)"
        }
    }

    /// `30 s`, `1.5 s`, `250 ms`.
    static func text(_ duration: Duration) -> String { duration.shortText }

    /// `10 MiB`, `64 KiB`, `1500 bytes`.
    static func text(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
