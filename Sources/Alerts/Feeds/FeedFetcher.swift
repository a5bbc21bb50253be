public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Support
public import Transport

/// Conditional GETs of job feeds: sends the validators a `FeedSourceState` holds, and reads a
/// body within a size cap and a deadline that covers the whole exchange, so no feed host can hold
/// a poller or its memory. Never throws: every failure is an outcome with a reason that names
/// the host only.
public struct FeedFetcher: Sendable {
    public static let userAgent = "HiringPulse/1.0 (+job alerts)"
    /// JSON APIs, RSS and Atom first; generic XML next; anything else last rather than a 406.
    public static let accept =
        "application/json, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
    public static let defaultMaximumBodySize = 10 << 20

    private let httpClient: HTTPClient
    /// From sending the request to the last byte of the body.
    public let timeout: Duration
    public let maximumBodySize: Int
    /// The body's deadline runs on it (the response head's is AsyncHTTPClient's own).
    private let clock: AnyClock

    public init(
        httpClient: HTTPClient = .failFast, timeout: Duration = .seconds(30), maximumBodySize: Int = defaultMaximumBodySize,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.httpClient = httpClient
        self.timeout = timeout
        self.maximumBodySize = maximumBodySize
    }

    public func fetch(url: String, state: FeedSourceState) async -> FeedFetchOutcome {
        guard let host = FeedFetchFailure.host(of: url) else {
            return .failed(reason: FeedFetchFailure.invalidURL, retryAfter: nil)
        }
        let started = clock.now
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: Self.accept)
        for (name, value) in state.requestHeaders() { request.headers.add(name: name, value: value) }

        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .init(timeout))
        } catch {
            return .failed(reason: FeedFetchFailure.reason(for: error, host: host, timeout: timeout), retryAfter: nil)
        }
        let etag = response.headers.first(name: "ETag")
        let lastModified = response.headers.first(name: "Last-Modified")
        switch response.status.code {
        case 304:
            return .notModified(etag: etag, lastModified: lastModified)
        case 200..<300:
            break
        default:
            return .failed(reason: FeedFetchFailure.status(Int(response.status.code), host: host), retryAfter: Self.retryAfter(response))
        }
        let length = response.headers.first(name: "Content-Length").flatMap(Int.init)
        if let length, length > maximumBodySize {
            return .failed(reason: FeedFetchFailure.tooLarge(host: host, limit: maximumBodySize), retryAfter: nil)
        }
        // AsyncHTTPClient's deadline stops at the response head; a host trickling the body would
        // otherwise hold this fetch for as long as it liked.
        let body = await Self.read(response.body, expected: length, limit: maximumBodySize, until: started.advanced(by: timeout), on: clock)
        switch body {
        case .complete(let bytes):
            return .fetched(body: bytes, etag: etag, lastModified: lastModified)
        case .tooLarge:
            return .failed(reason: FeedFetchFailure.tooLarge(host: host, limit: maximumBodySize), retryAfter: nil)
        case .timedOut:
            return .failed(reason: FeedFetchFailure.timedOut(host: host, after: timeout), retryAfter: nil)
        case .failed(let error):
            return .failed(reason: FeedFetchFailure.reason(for: error, host: host, timeout: timeout), retryAfter: nil)
        }
    }

    /// A server's wait, on the two statuses that define one.
    private static func retryAfter(_ response: HTTPClientResponse) -> Duration? {
        guard response.status.code == 429 || response.status.code == 503 else { return nil }
        return response.headers.retryAfterSeconds.map { .seconds($0) }
    }

    private enum Body: Sendable {
        case complete([UInt8])
        case tooLarge
        case timedOut
        case failed(any Error)
    }

    /// Chunk by chunk, giving up as soon as the body passes `limit` (its length is not always
    /// announced) or the deadline passes. Leaving the stream unread ends the request and closes the
    /// connection.
    private static func read(
        _ body: HTTPClientResponse.Body, expected: Int?, limit: Int, until deadline: AnyClock.Instant, on clock: AnyClock
    ) async -> Body {
        await withTaskGroup(of: Body?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(min(max(expected ?? 0, 0), limit))
                do {
                    for try await chunk in body {
                        guard bytes.count + chunk.readableBytes <= limit else { return .tooLarge }
                        bytes.append(contentsOf: chunk.readableBytesView)
                    }
                    // A stream cut short by cancellation may just end: that is not the whole body.
                    try Task.checkCancellation()
                } catch {
                    return .failed(error)
                }
                return .complete(bytes)
            }
            group.addTask {
                do {
                    try await clock.sleep(until: deadline)
                    return .timedOut
                } catch {
                    return nil
                }
            }
            // The first to finish decides; a reader cancelled by the deadline returns partial bytes
            // that nobody reads.
            var outcome: Body = .timedOut
            while let next = await group.next() {
                guard let next else { continue }
                outcome = next
                break
            }
            group.cancelAll()
            return outcome
        }
    }
}
