import Foundation

/// Which endpoint a request path names, as Discord's route template, with the ids in it.
struct FakeRESTRoute {
    var template: String
    var parameters: [String]
    var majorParameter: String
    /// Interaction and webhook routes carry their own token in the path.
    var needsBotToken: Bool

    private static let templates: [(method: String, path: String)] = [
        ("GET", "/gateway/bot"),
        ("GET", "/channels/{channel.id}/messages"),
        ("POST", "/channels/{channel.id}/messages"),
        ("PATCH", "/channels/{channel.id}/messages/{message.id}"),
        ("POST", "/interactions/{interaction.id}/{interaction.token}/callback"),
        ("PATCH", "/webhooks/{application.id}/{interaction.token}/messages/@original"),
        ("DELETE", "/webhooks/{application.id}/{interaction.token}/messages/@original"),
        ("POST", "/webhooks/{application.id}/{interaction.token}"),
        ("PUT", "/applications/{application.id}/commands"),
        ("PUT", "/applications/{application.id}/guilds/{guild.id}/commands"),
        ("GET", "/applications/{application.id}/commands"),
        ("GET", "/applications/{application.id}/guilds/{guild.id}/commands"),
        ("GET", "/applications/@me"),
        ("GET", "/users/@me"),
        ("GET", "/guilds/{guild.id}/members/{user.id}"),
        ("POST", "/users/@me/channels"),
    ]

    static func match(method: String, path: String) -> FakeRESTRoute {
        let components = path.split(separator: "/").map(String.init)
        for candidate in templates where candidate.method == method {
            let pattern = candidate.path.split(separator: "/").map(String.init)
            guard pattern.count == components.count else { continue }
            var parameters: [String] = []
            let matches = zip(pattern, components).allSatisfy { expected, actual in
                if expected.hasPrefix("{") {
                    parameters.append(actual)
                    return true
                }
                return expected == actual
            }
            guard matches else { continue }
            let template = "\(method) \(candidate.path)"
            let isTokenRoute = candidate.path.contains("{interaction.token}")
            // Discord's major parameters: channel, guild, webhook (the token for interactions).
            let major =
                isTokenRoute
                ? (parameters.dropFirst().first ?? "")
                : (candidate.path.hasPrefix("/channels") || candidate.path.hasPrefix("/guilds") ? parameters.first ?? "" : "")
            return FakeRESTRoute(template: template, parameters: parameters, majorParameter: major, needsBotToken: !isTokenRoute)
        }
        return FakeRESTRoute(template: "\(method) \(path)", parameters: [], majorParameter: "", needsBotToken: true)
    }
}

/// The fake's rate limits: fixed windows per (bucket, major parameter), with Discord's headers.
struct FakeRateLimitBuckets {
    enum Outcome {
        case allowed(headers: [(String, String)])
        case limited(headers: [(String, String)], retryAfter: Double)
    }

    private struct Limit {
        var bucket: String
        var limit: Int
        var window: Duration
    }

    private struct Window {
        var used: Int
        var resetAt: ContinuousClock.Instant
    }

    private var limits: [String: Limit] = [:]
    private var windows: [String: Window] = [:]

    mutating func configure(route: String, bucket: String, limit: Int, window: Duration) {
        limits[route] = Limit(bucket: bucket, limit: limit, window: window)
    }

    mutating func take(route: String, major: String, now: ContinuousClock.Instant) -> Outcome {
        guard let limit = limits[route] else { return .allowed(headers: []) }
        let key = "\(limit.bucket):\(major)"
        var window = windows[key] ?? Window(used: 0, resetAt: now + limit.window)
        if window.resetAt <= now { window = Window(used: 0, resetAt: now + limit.window) }
        let resetAfter = Double((window.resetAt - now) / .milliseconds(1)) / 1000
        func headers(remaining: Int) -> [(String, String)] {
            [
                ("X-RateLimit-Limit", "\(limit.limit)"), ("X-RateLimit-Remaining", "\(remaining)"),
                ("X-RateLimit-Reset-After", Self.secondsText(resetAfter)), ("X-RateLimit-Bucket", limit.bucket),
            ]
        }
        guard window.used < limit.limit else {
            windows[key] = window
            return .limited(headers: headers(remaining: 0), retryAfter: resetAfter)
        }
        window.used += 1
        windows[key] = window
        return .allowed(headers: headers(remaining: limit.limit - window.used))
    }
}

extension FakeRateLimitBuckets {
    /// Seconds with three decimals, as Discord writes `X-RateLimit-Reset-After`.
    static func secondsText(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded(.up))
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Just enough `multipart/form-data` parsing to read back what the client sent.
struct FakeMultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    var parts: [Part] = []

    init?(contentType: String, body: [UInt8]) {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        let boundary = Array(("--" + contentType[range.upperBound...].trimmingCharacters(in: .init(charactersIn: "\""))).utf8)
        var chunks: [[UInt8]] = []
        var start: Int?
        var index = 0
        while index + boundary.count <= body.count {
            if body[index..<(index + boundary.count)].elementsEqual(boundary) {
                if let start { chunks.append(Array(body[start..<index])) }
                index += boundary.count
                start = index
            } else {
                index += 1
            }
        }
        for chunk in chunks {
            // Each part: CRLF, headers, CRLF CRLF, data, CRLF.
            let separator: [UInt8] = [13, 10, 13, 10]
            guard
                let split = (0...(max(0, chunk.count - 4))).first(where: { chunk[$0..<min($0 + 4, chunk.count)].elementsEqual(separator) })
            else { continue }
            let headers = String(decoding: chunk[..<split], as: UTF8.self)
            var data = Array(chunk[(split + 4)...])
            if data.suffix(2) == [13, 10] { data.removeLast(2) }
            guard let name = Self.attribute("name", in: headers) else { continue }
            parts.append(Part(name: name, filename: Self.attribute("filename", in: headers), data: data))
        }
    }

    private static func attribute(_ key: String, in headers: String) -> String? {
        guard let range = headers.range(of: " \(key)=\"") ?? headers.range(of: ";\(key)=\"") else { return nil }
        let rest = headers[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
