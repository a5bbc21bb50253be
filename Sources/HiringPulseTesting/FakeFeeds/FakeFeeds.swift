import Domain
import Extraction
public import Foundation

/// The scripted state of `FakeFeedServer`: what each path serves, the failures queued for it, and
/// every request received.
///
/// A path may be set with a query, as job-board APIs answer differently by it
/// (`v1/boards/acme/jobs?content=true` adds descriptions, `v0/postings/acme?mode=json` asks Lever
/// for JSON): such content is served only to requests that carry those parameters, in any order
/// and among others. Content set without a query is served whatever the query; where both fit,
/// the one naming more parameters wins. Failures and `requests(for:)` go by the path alone.
public actor FakeFeeds {
    struct Content {
        var body: [UInt8]
        var contentType: String
        var etag: String?
        var lastModified: Date?
        var chunked: Bool
    }

    /// What the handler sends for one request.
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var chunked = false
        /// Before the head.
        var delay: Duration = .zero
        /// After the first half of the body.
        var stall: Duration?
    }

    private var contents: [String: Content] = [:]
    private var failures: [String: [FakeFeedFailure]] = [:]
    /// When each path last changed, so that a change within the same second still moves
    /// `Last-Modified` forward.
    private var lastModifiedByPath: [String: Date] = [:]
    /// Every request, in order, whatever it was answered.
    public private(set) var requests: [FakeFeedRequest] = []
    private var stopping = false
    /// How far the server's clock is from ours: its `Date`, and the default `Last-Modified`.
    private var clockSkew: TimeInterval = 0

    init() {}

    /// Runs the server's clock `seconds` ahead of ours (behind, when negative), as a host whose
    /// clock is wrong does: the `Date` of every answer and the default `Last-Modified` follow it.
    public func setClockSkew(seconds: TimeInterval) {
        clockSkew = seconds
    }

    /// The time on the server's clock.
    public func now() -> Date {
        Date().addingTimeInterval(clockSkew)
    }

    /// Serves `body` at `path` from now on, with a strong `ETag` computed from it and a
    /// `Last-Modified` of `lastModified` (default: now, always later than the previous content's).
    /// `chunked` leaves out `Content-Length`, as a streaming server does.
    public func set(
        path: String, body: String, contentType: String, lastModified: Date? = nil, sendsETag: Bool = true,
        sendsLastModified: Bool = true, chunked: Bool = false
    ) {
        set(
            path: path, bytes: Array(body.utf8), contentType: contentType, lastModified: lastModified, sendsETag: sendsETag,
            sendsLastModified: sendsLastModified, chunked: chunked)
    }

    public func set(
        path: String, bytes: [UInt8], contentType: String, lastModified: Date? = nil, sendsETag: Bool = true,
        sendsLastModified: Bool = true, chunked: Bool = false
    ) {
        let key = Self.key(path)
        // HTTP dates have whole seconds: the new content must be at least one second newer.
        var modified = (lastModified ?? now()).timeIntervalSince1970.rounded(.down)
        if lastModified == nil, let previous = lastModifiedByPath[key]?.timeIntervalSince1970, modified <= previous {
            modified = previous + 1
        }
        let date = Date(timeIntervalSince1970: modified)
        lastModifiedByPath[key] = date
        contents[key] = Content(
            body: bytes, contentType: contentType, etag: sendsETag ? Self.strongETag(bytes) : nil,
            lastModified: sendsLastModified ? date : nil, chunked: chunked)
    }

    /// The path answers 404 from now on.
    public func remove(path: String) { contents[Self.key(path)] = nil }

    /// The next `times` requests of `path` misbehave so, after any failures already queued.
    public func failNext(_ path: String, _ failure: FakeFeedFailure, times: Int = 1) {
        failures[Self.pathKey(path), default: []] += Array(repeating: failure, count: times)
    }

    public func requests(for path: String) -> [FakeFeedRequest] {
        let key = Self.pathKey(path)
        return requests.filter { $0.path == key }
    }

    /// The `ETag` the path's content is served with.
    public func etag(path: String) -> String? { contents[Self.key(path)]?.etag }

    /// The `Last-Modified` the path's content is served with.
    public func lastModified(path: String) -> String? { contents[Self.key(path)]?.lastModified.map(FakeHTTPDate.format) }

    func reply(path rawPath: String, query: String?, headers: [String: String]) -> Reply {
        let path = Self.pathKey(rawPath)
        var failure: FakeFeedFailure?
        if var queued = failures[path], !queued.isEmpty {
            failure = queued.removeFirst()
            failures[path] = queued
        }
        let reply = Self.reply(content: content(path: path, query: query), path: path, failure: failure, headers: headers)
        requests.append(
            FakeFeedRequest(
                path: path, query: query, ifNoneMatch: headers["if-none-match"], ifModifiedSince: headers["if-modified-since"],
                userAgent: headers["user-agent"], accept: headers["accept"], status: reply.status, at: .now))
        return reply
    }

    /// Sleeps for `duration`, or less once the server is stopping: a slow answer must not hold up
    /// the end of a test whose client gave up on it long ago.
    func pause(for duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !stopping, ContinuousClock.now < end {
            do {
                try await Task.sleep(for: min(.milliseconds(20), end - .now))
            } catch {
                return
            }
        }
    }

    func stop() { stopping = true }

    private static func reply(content: Content?, path: String, failure: FakeFeedFailure?, headers: [String: String]) -> Reply {
        switch failure {
        case .status(let status, let retryAfter):
            var reply = Reply(status: status, headers: [("Content-Type", "text/plain")], body: Array("status \(status)\n".utf8))
            if let retryAfter { reply.headers.append(("Retry-After", retryAfter)) }
            return reply
        case .rateLimited(let retryAfter):
            return Reply(
                status: 429, headers: [("Content-Type", "text/plain"), ("Retry-After", retryAfter)], body: Array("rate limited\n".utf8))
        case .slow(let delay):
            var reply = served(content, path: path, headers: headers)
            reply.delay = delay
            return reply
        case .stalledBody(let stall):
            var reply = served(content, path: path, headers: headers)
            reply.stall = stall
            return reply
        case .brokenBody:
            guard let content else { return served(nil, path: path, headers: headers) }
            let broken = Array(content.body.prefix(content.body.count / 2))
            // Validators describe what is sent: a client that keeps them asks again for the whole feed.
            var headers = [("Content-Type", content.contentType), ("ETag", strongETag(broken))]
            if let lastModified = content.lastModified { headers.append(("Last-Modified", FakeHTTPDate.format(lastModified))) }
            return Reply(status: 200, headers: headers, body: broken)
        case nil:
            return served(content, path: path, headers: headers)
        }
    }

    /// 200, 304 or 404, by RFC 9110 §13: `If-None-Match` (weak comparison, `*` for any) decides when
    /// present; otherwise `If-Modified-Since` not older than the content.
    private static func served(_ content: Content?, path: String, headers: [String: String]) -> Reply {
        guard let content else {
            return Reply(status: 404, headers: [("Content-Type", "text/plain")], body: Array("no feed at /\(path)\n".utf8))
        }
        var validators: [(String, String)] = []
        if let etag = content.etag { validators.append(("ETag", etag)) }
        if let lastModified = content.lastModified { validators.append(("Last-Modified", FakeHTTPDate.format(lastModified))) }
        let notModified: Bool
        if let ifNoneMatch = headers["if-none-match"] {
            let tags = ifNoneMatch.split(separator: ",").map { tag in
                let trimmed = tag.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
            }
            notModified = tags.contains("*") || content.etag.map(tags.contains) == true
        } else if let since = headers["if-modified-since"].flatMap(FakeHTTPDate.parse), let lastModified = content.lastModified {
            notModified = lastModified <= since
        } else {
            notModified = false
        }
        if notModified { return Reply(status: 304, headers: validators) }
        return Reply(
            status: 200, headers: [("Content-Type", content.contentType)] + validators, body: content.body, chunked: content.chunked)
    }

    /// FNV-1a of the bytes and their count, quoted: equal bodies, equal tags, from run to run.
    /// Over the bytes, so that bodies that are not UTF-8 differ too.
    static func strongETag(_ bytes: [UInt8]) -> String {
        "\"\(String(bytes.count, radix: 16))-\(String(StableHash.fnv1a(bytes: bytes), radix: 16))\""
    }

    /// The content for a request: of those set for its path whose parameters it all carries,
    /// the one that names the most.
    private func content(path: String, query: String?) -> Content? {
        let asked = Set(Self.parameters(query))
        return contents.lazy
            .filter { key, _ in Self.pathKey(key) == path }
            .map { key, content in (required: Set(Self.parameters(Self.query(of: key))), content: content) }
            .filter { $0.required.isSubset(of: asked) }
            .max { $0.required.count < $1.required.count }?.content
    }

    /// The path without its leading slash, with its query's parameters in a fixed order.
    private static func key(_ path: String) -> String {
        let bare = pathKey(path)
        let parameters = Self.parameters(query(of: path)).sorted()
        return parameters.isEmpty ? bare : bare + "?" + parameters.joined(separator: "&")
    }

    /// The path without its leading slash or query.
    private static func pathKey(_ path: String) -> String {
        String((path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").drop { $0 == "/" })
    }

    private static func query(of path: String) -> String? {
        path.firstIndex(of: "?").map { String(path[path.index(after: $0)...]) }
    }

    private static func parameters(_ query: String?) -> [String] {
        (query ?? "").split(separator: "&").map(String.init)
    }
}
