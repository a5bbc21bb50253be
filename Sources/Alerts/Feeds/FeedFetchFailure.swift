import AsyncHTTPClient
import Extraction
import Foundation
import NIOCore

/// The one-line reasons of `FeedFetchOutcome.failed`. Pure, so each wording can be tested without
/// a server. Nothing here quotes a URL or an error's own description: both may carry the query,
/// and with it an API key.
enum FeedFetchFailure {
    /// `example.com`, `127.0.0.1:8080`: what a reason may say about where a feed lives. Nil when the
    /// URL is not an absolute http(s) URL with a host.
    static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return components.port.map { "\(name):\($0)" } ?? name
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
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return timedOut(host: host, after: timeout)
            case .remoteConnectionClosed:
                return "feed host \(host) closed the connection before answering"
            case .redirectLimitReached, .redirectCycleDetected:
                return "feed host \(host) redirected too many times"
            case .cancelled:
                return "fetch from feed host \(host) was cancelled"
            case .invalidURL, .emptyHost, .emptyScheme:
                return invalidURL
            default:
                return "could not fetch from feed host \(host)"
            }
        }
        if error is CancellationError { return "fetch from feed host \(host) was cancelled" }
        if let errno = errnoCode(in: error) {
            switch errno {
            case ECONNREFUSED: return "could not connect to feed host \(host) (connection refused)"
            case ECONNRESET: return "feed host \(host) reset the connection"
            case ENETUNREACH, EHOSTUNREACH: return "could not connect to feed host \(host) (unreachable)"
            default: return "could not connect to feed host \(host) (error \(errno))"
            }
        }
        // NIOPosix's connection error and NIOSSL's errors, told apart by type name and read by
        // reflection: Alerts does not import those modules, and their descriptions name the host.
        let type = String(reflecting: Swift.type(of: error))
        if type.hasSuffix("NIOConnectionError") {
            // It holds one failure per address tried: none at all means no address was found.
            let tried = Mirror(reflecting: error).children.first { $0.label == "connectionErrors" }
            if let tried, Mirror(reflecting: tried.value).children.isEmpty {
                return "could not connect to feed host \(host) (name not resolved)"
            }
            return "could not connect to feed host \(host)"
        }
        if type.contains("SSL") || type.contains("TLS") { return "TLS with feed host \(host) failed" }
        return "could not fetch from feed host \(host)"
    }

    /// The errno of an `IOError`, found directly or inside a wrapper such as NIOPosix's
    /// `NIOConnectionError` (error → its failures → one failure → its `IOError`).
    private static func errnoCode(in value: Any, depth: Int = 0) -> Int32? {
        if let error = value as? IOError { return error.errnoCode }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let code = errnoCode(in: child.value, depth: depth + 1) { return code }
        }
        return nil
    }

    /// `30 s`, `1.5 s`, `250 ms`.
    static func text(_ duration: Duration) -> String {
        let milliseconds = Int(duration.milliseconds.rounded())
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }

    /// `10 MiB`, `64 KiB`, `1500 bytes`.
    static func text(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
