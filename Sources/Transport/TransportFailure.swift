import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL
import Support

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a request got no answer, by kind, read from what AsyncHTTPClient and NIO throw. Callers
/// word it with the endpoint (`description(endpoint:)`) or in their own terms; never with the
/// error's own description, which can quote the URL and is worded for NIO's authors
/// ("connection reset (error set): Connection refused (errno: 111)").
public enum TransportFailure: Sendable, Hashable {
    case refused
    case reset
    /// No connection within the connect timeout.
    case connectTimedOut
    /// Connected, but no (whole) answer before the deadline.
    case timedOut
    case unreachable
    case nameNotResolved
    /// The server closed the connection before it answered.
    case closedEarly
    case tls
    case cancelled
    /// Anything else: an errno, or the name of the error's type (never its text), to say what it
    /// was; nothing is decided by the name.
    case other(String)

    public init(_ error: any Error) {
        self = Self.classify(error, depth: 0) ?? .other(Self.typeName(error))
    }

    /// `error` in one line, naming the host and port of `url` and nothing else of it.
    public static func describe(_ error: any Error, url: String, timeout: Duration? = nil) -> String {
        TransportFailure(error).description(endpoint: Endpoint(url: url)?.description ?? "the server", timeout: timeout)
    }

    /// One line, with balanced punctuation: "connection refused by 127.0.0.1:8080".
    public func description(endpoint: String, timeout: Duration? = nil) -> String {
        switch self {
        case .refused: "connection refused by \(endpoint)"
        case .reset: "connection reset by \(endpoint)"
        case .connectTimedOut: "no connection to \(endpoint) in time"
        case .timedOut: "no answer from \(endpoint)" + (timeout.map { " within \($0.shortText)" } ?? " in time")
        case .unreachable: "\(endpoint) is unreachable"
        case .nameNotResolved: "name not resolved: \(endpoint)"
        case .closedEarly: "\(endpoint) closed the connection before answering"
        case .tls: "TLS with \(endpoint) failed"
        case .cancelled: "request to \(endpoint) cancelled"
        case .other(let what): "request to \(endpoint) failed: \(what)"
        }
    }

    private static func classify(_ error: any Error, depth: Int) -> TransportFailure? {
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError { return classify(error) }
        if let error = error as? IOError { return classify(errno: error.errnoCode) }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .connectTimedOut
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return .closedEarly
            default: return nil
            }
        }
        if let error = error as? NIOConnectionError {
            // One failure per address tried; none at all means no address was found.
            guard !error.connectionErrors.isEmpty else { return .nameNotResolved }
            let kinds = error.connectionErrors.compactMap { depth < 3 ? classify($0.error, depth: depth + 1) : nil }
            return kinds.first { $0 == .refused } ?? kinds.first
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError { return .tls }
        return nil
    }

    private static func classify(_ error: HTTPClientError) -> TransportFailure? {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout: .timedOut
        case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            .connectTimedOut
        case .remoteConnectionClosed: .closedEarly
        case .cancelled, .requestStreamCancelled: .cancelled
        // Its description is "HTTPClientError.<case>": no URL in it.
        default: .other("\(error)")
        }
    }

    private static func classify(errno code: Int32) -> TransportFailure {
        switch code {
        case ECONNREFUSED: .refused
        case ECONNRESET, EPIPE, ECONNABORTED: .reset
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: .unreachable
        case ETIMEDOUT: .connectTimedOut
        default: .other("errno \(code)")
        }
    }

    private static func typeName(_ error: any Error) -> String {
        String(describing: type(of: error))
    }
}
