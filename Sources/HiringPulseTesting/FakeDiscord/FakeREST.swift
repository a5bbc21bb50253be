public import Discord
import Foundation
public import JSON

/// The HTTP API half of the fake Discord: the endpoints the bot uses, channel histories, rate-limit
/// headers and 429s per bucket, scripted failures, and a record of every request.
public actor FakeREST {
    /// One request as the fake saw it.
    public struct Recorded: Sendable {
        public var method: String
        /// Below `/api/v10`, with the query: "/channels/1/messages?after=5&limit=100".
        public var target: String
        /// The route template the fake matched ("GET /channels/{channel.id}/messages").
        public var route: String
        public var authorization: String?
        public var contentType: String?
        public var body: [UInt8]
        public var status: Int
        public var at: ContinuousClock.Instant
    }

    /// A reply the fake gives instead of the real one, for the next `remaining` matching requests.
    public struct ScriptedFailure: Sendable {
        public var route: String
        public var status: Int
        public var body: String
        /// false: a 429 with no rate-limit headers, as Cloudflare sends.
        public var rateLimitHeaders: Bool
        public var remaining: Int

        public init(
            route: String, status: Int, body: String = #"{"message": "500: Internal Server Error", "code": 0}"#,
            rateLimitHeaders: Bool = true, times: Int = 1
        ) {
            self.route = route
            self.status = status
            self.body = body
            self.rateLimitHeaders = rateLimitHeaders
            remaining = times
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []

        static func json(_ status: Int, _ value: JSONValue) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")], body: Array(value.serialized.utf8))
        }

        static func error(_ status: Int, _ message: String, code: Int) -> Reply {
            json(status, .object([("message", .string(message)), ("code", .integer(Int64(code)))]))
        }

        static func refused(_ refusal: FakeInteractionLedger.Refusal) -> Reply {
            error(refusal.status, refusal.message, code: refusal.code)
        }

        /// 50035 with the broken limit, as Discord refuses a message it will not keep.
        static func invalidFormBody(_ violation: String) -> Reply {
            json(
                400,
                .object([
                    ("message", .string("Invalid Form Body")), ("code", .integer(50035)),
                    ("errors", .object([("_errors", .array([.object([("message", .string(violation))])]))])),
                ]))
        }
    }

    let token: String
    private let address: AddressBox
    private var gatewayURL: String { "ws://127.0.0.1:\(address.port)/gateway" }
    public var shards = 1
    public var sessionStartLimit = (total: 1000, remaining: 1000, resetAfterMilliseconds: 86_400_000, maxConcurrency: 1)
    public private(set) var requests: [Recorded] = []
    private var observers: [AsyncStream<Recorded>.Continuation] = []
    private var histories: [Snowflake: [JSONValue]] = [:]
    private var members: [String: JSONValue] = [:]
    private var buckets = FakeRateLimitBuckets()
    private var failures: [ScriptedFailure] = []
    /// The commands of each scope ("global" or a guild id) as the last overwrite left them.
    private var registeredCommands: [String: [JSONValue]] = [:]
    private var nextID = Snowflake(unixMilliseconds: 1_795_000_000_000).rawValue
    /// Created channel messages whose answers are held back (see `AnswerHold`).
    public nonisolated let messageHold = AnswerHold()

    /// The interactions delivered, and whether each was answered: Discord refuses a late or
    /// second callback, and an edit of an original response that was never sent.
    public nonisolated let interactions: FakeInteractions

    init(token: String, address: AddressBox, interactions: FakeInteractions) {
        self.token = token
        self.address = address
        self.interactions = interactions
    }

    // MARK: - Scripting, for tests

    /// Sets a channel's history; messages are kept sorted by id.
    public func setHistory(_ messages: [JSONValue], channelID: Snowflake) {
        histories[channelID] = messages.sorted { Self.id(of: $0) < Self.id(of: $1) }
    }

    public func history(channelID: Snowflake) -> [JSONValue] { histories[channelID] ?? [] }

    /// Adds a message to a channel's history, in id order.
    public func append(_ message: JSONValue, channelID: Snowflake) {
        let id = Self.id(of: message)
        var history = histories[channelID] ?? []
        var index = history.endIndex
        while index > history.startIndex && Self.id(of: history[index - 1]) > id { index -= 1 }
        history.insert(message, at: index)
        histories[channelID] = history
    }

    public func setMember(_ member: JSONValue, guildID: Snowflake, userID: Snowflake) {
        members["\(guildID)/\(userID)"] = member
    }

    /// Limits `route` (a template such as "POST /channels/{channel.id}/messages") to `limit`
    /// requests per `window`, per major parameter, under the bucket hash `bucket`.
    public func setRateLimit(route: String, bucket: String, limit: Int, window: Duration) {
        buckets.configure(route: route, bucket: bucket, limit: limit, window: window)
    }

    public func script(_ failure: ScriptedFailure) { failures.append(failure) }

    public func setShards(_ count: Int) { shards = count }

    /// How long the fake holds every answer, as a slow or distant Discord would.
    public func setAnswerDelay(_ delay: Duration) { answerDelay = delay }

    /// See `setAnswerDelay`.
    public private(set) var answerDelay: Duration = .zero

    /// Requests that have come in, answered or not: one held by `answerDelay` counts from the
    /// moment it arrived, so a test can tell that a call is on the wire.
    public private(set) var arrivedCount = 0

    /// Counts a request in and says how long to hold its answer.
    func arrive() -> Duration {
        arrivedCount += 1
        return answerDelay
    }

    public func setSessionStartLimit(total: Int, remaining: Int, resetAfterMilliseconds: Int, maxConcurrency: Int) {
        sessionStartLimit = (total, remaining, resetAfterMilliseconds, maxConcurrency)
    }

    public func requests(route: String) -> [Recorded] { requests.filter { $0.route == route } }

    /// Every request from now on, as it is answered: for waiting on one without polling.
    public func arrivals() -> AsyncStream<Recorded> {
        let (stream, continuation) = AsyncStream.makeStream(of: Recorded.self)
        observers.append(continuation)
        return stream
    }

    // MARK: - Answering

    func respond(
        method: String, path: String, query: [String: String], target: String, authorization: String?, contentType: String?, body: [UInt8]
    )
        -> Reply
    {
        let match = FakeRESTRoute.match(method: method, path: path)
        let now = ContinuousClock.now
        let reply = answer(match, query: query, authorization: authorization, contentType: contentType, body: body, now: now)
        let recorded = Recorded(
            method: method, target: target, route: match.template, authorization: authorization, contentType: contentType, body: body,
            status: reply.status, at: now
        )
        requests.append(recorded)
        for observer in observers { observer.yield(recorded) }
        return reply
    }

    private func answer(
        _ match: FakeRESTRoute, query: [String: String], authorization: String?, contentType: String?, body: [UInt8],
        now: ContinuousClock.Instant
    ) -> Reply {
        if let index = failures.firstIndex(where: { $0.route == match.template && $0.remaining > 0 }) {
            failures[index].remaining -= 1
            let failure = failures[index]
            var reply = Reply(status: failure.status, headers: [("Content-Type", "application/json")], body: Array(failure.body.utf8))
            if failure.status == 429 && failure.rateLimitHeaders {
                reply.headers += [("X-RateLimit-Scope", "user"), ("Retry-After", "1")]
            }
            return reply
        }
        if match.needsBotToken && authorization != "Bot \(token)" {
            return .error(401, "401: Unauthorized", code: 0)
        }
        switch buckets.take(route: match.template, major: match.majorParameter, now: now) {
        case .limited(let headers, let retryAfter):
            var reply = Reply.json(
                429,
                .object([
                    ("message", .string("You are being rate limited.")), ("retry_after", .number(retryAfter)), ("global", .bool(false)),
                ]))
            reply.headers += headers + [("X-RateLimit-Scope", "user"), ("Retry-After", String(Int(retryAfter.rounded(.up))))]
            return reply
        case .allowed(let headers):
            var reply = route(match, query: query, contentType: contentType, body: body, now: now)
            reply.headers += headers
            return reply
        }
    }

    private func route(_ match: FakeRESTRoute, query: [String: String], contentType: String?, body: [UInt8], now: ContinuousClock.Instant)
        -> Reply
    {
        let ids = match.parameters
        if let refusal = followUpRefusal(match, now: now) { return .refused(refusal) }
        switch match.template {
        case "GET /gateway/bot":
            return .json(
                200,
                .object([
                    ("url", .string(gatewayURL)), ("shards", .integer(Int64(shards))),
                    (
                        "session_start_limit",
                        .object([
                            ("total", .integer(Int64(sessionStartLimit.total))),
                            ("remaining", .integer(Int64(sessionStartLimit.remaining))),
                            ("reset_after", .integer(Int64(sessionStartLimit.resetAfterMilliseconds))),
                            ("max_concurrency", .integer(Int64(sessionStartLimit.maxConcurrency))),
                        ])
                    ),
                ]))
        case "GET /channels/{channel.id}/messages":
            return .json(200, .array(page(of: Snowflake(ids[0]), query: query)))
        case "POST /channels/{channel.id}/messages", "POST /webhooks/{application.id}/{interaction.token}":
            guard let (payload, files) = Self.payload(contentType: contentType, body: body) else {
                return .error(400, "Cannot send an empty message", code: 50006)
            }
            if let violation = FakeMessageLimits.violation(in: payload) { return .invalidFormBody(violation) }
            let channel = Snowflake(ids[0]) ?? Snowflake(rawValue: 0)
            // enforce_nonce: a nonce the bot already used in the channel returns that message
            // again instead of creating another (Discord checks the last few minutes).
            if payload["enforce_nonce"] == .bool(true), let nonce = payload["nonce"], nonce != .null,
                let existing = histories[channel]?.last(where: { $0["nonce"] == nonce })
            {
                return .json(200, existing)
            }
            var message = created(payload, files: files, channelID: channel)
            if let nonce = payload["nonce"] { message = Self.replacing("nonce", with: nonce, in: message) }
            if match.template.hasPrefix("POST /channels") { histories[channel, default: []].append(message) }
            return .json(200, message)
        case "PATCH /channels/{channel.id}/messages/{message.id}":
            let channel = Snowflake(ids[0]) ?? Snowflake(rawValue: 0)
            guard let index = histories[channel]?.firstIndex(where: { $0["id"]?.stringValue == ids[1] }) else {
                return .error(404, "Unknown Message", code: 10008)
            }
            guard let (payload, _) = Self.payload(contentType: contentType, body: body) else {
                return .error(400, "Invalid Form Body", code: 50035)
            }
            if let violation = FakeMessageLimits.violation(in: payload) { return .invalidFormBody(violation) }
            var message = histories[channel]![index]
            if let content = payload["content"] { message = Self.replacing("content", with: content, in: message) }
            message = Self.replacing(
                "edited_timestamp",
                with: .string(FakeDiscordPayloads.timestamp(of: Snowflake(unixMilliseconds: Int64(Date().timeIntervalSince1970 * 1000)))),
                in: message)
            histories[channel]![index] = message
            return .json(200, message)
        case "POST /interactions/{interaction.id}/{interaction.token}/callback":
            guard let (payload, _) = Self.payload(contentType: contentType, body: body) else {
                return .error(400, "Invalid Form Body", code: 50035)
            }
            if let data = payload["data"], let violation = FakeMessageLimits.violation(in: data) { return .invalidFormBody(violation) }
            if let refusal = interactions.callback(id: ids[0], token: ids[1], at: now) { return .refused(refusal) }
            return Reply(status: 204)
        case "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original":
            guard let (payload, files) = Self.payload(contentType: contentType, body: body) else {
                return .error(400, "Invalid Form Body", code: 50035)
            }
            if let violation = FakeMessageLimits.violation(in: payload) { return .invalidFormBody(violation) }
            return .json(200, created(payload, files: files, channelID: Snowflake(rawValue: 0)))
        case "DELETE /webhooks/{application.id}/{interaction.token}/messages/@original":
            return Reply(status: 204)
        case "PUT /applications/{application.id}/commands", "PUT /applications/{application.id}/guilds/{guild.id}/commands":
            guard case .array(let commands)? = try? JSONParser.parse(body) else { return .error(400, "Invalid Form Body", code: 50035) }
            // As Discord answers: each with its id, application and version, and the defaults filled in.
            let stored = commands.map { command in
                var filled = Self.replacing("id", with: .string("\(takeID())"), in: command)
                filled = Self.replacing("application_id", with: .string("\(FakeDiscordPayloads.applicationID)"), in: filled)
                filled = Self.replacing("version", with: .string("\(takeID())"), in: filled)
                for (key, value) in [("type", JSONValue.integer(1)), ("nsfw", .bool(false)), ("integration_types", .array([.integer(0)]))]
                where filled[key] == nil {
                    filled = Self.replacing(key, with: value, in: filled)
                }
                return filled
            }
            registeredCommands[ids.count > 1 ? ids[1] : "global"] = stored
            return .json(200, .array(stored))
        case "GET /applications/{application.id}/commands", "GET /applications/{application.id}/guilds/{guild.id}/commands":
            return .json(200, .array(registeredCommands[ids.count > 1 ? ids[1] : "global"] ?? []))
        case "GET /applications/@me":
            return .json(
                200,
                .object([
                    ("id", .string("\(FakeDiscordPayloads.applicationID)")), ("name", .string("HiringPulse")),
                    ("bot", FakeDiscordPayloads.botUser),
                ]))
        case "GET /users/@me":
            return .json(200, FakeDiscordPayloads.botUser)
        case "GET /guilds/{guild.id}/members/{user.id}":
            guard let member = members["\(ids[0])/\(ids[1])"] else { return .error(404, "Unknown Member", code: 10007) }
            return .json(200, member)
        case "POST /users/@me/channels":
            guard let payload = try? JSONParser.parse(body), let recipient = payload["recipient_id"]?.stringValue else {
                return .error(400, "Invalid Form Body", code: 50035)
            }
            return .json(
                200,
                .object([
                    ("id", .string("\(takeID())")), ("type", .integer(1)),
                    ("recipients", .array([FakeDiscordPayloads.user(id: Snowflake(recipient) ?? Snowflake(rawValue: 0), name: "member")])),
                ]))
        default:
            return .error(404, "404: Not Found", code: 0)
        }
    }

    /// What Discord says to an edit of the original response, or a followup, before the callback
    /// or after the token expired.
    private func followUpRefusal(_ match: FakeRESTRoute, now: ContinuousClock.Instant) -> FakeInteractionLedger.Refusal? {
        switch match.template {
        case "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original",
            "DELETE /webhooks/{application.id}/{interaction.token}/messages/@original",
            "POST /webhooks/{application.id}/{interaction.token}":
            interactions.followUp(token: match.parameters[1], at: now)
        default:
            nil
        }
    }

    /// Discord's paging: `after` gives the oldest messages past it, `before` (or neither) the
    /// newest before it; either way the page comes newest first.
    private func page(of channel: Snowflake?, query: [String: String]) -> [JSONValue] {
        let messages = channel.flatMap { histories[$0] } ?? []
        let limit = min(max(Int(query["limit"] ?? "50") ?? 50, 1), 100)
        if let after = query["after"].flatMap({ Snowflake($0) }) {
            return Array(messages.filter { Self.id(of: $0) > after }.prefix(limit).reversed())
        }
        let before = query["before"].flatMap { Snowflake($0) }
        return Array(messages.filter { before == nil || Self.id(of: $0) < before! }.suffix(limit).reversed())
    }

    private func created(_ payload: JSONValue, files: [String], channelID: Snowflake) -> JSONValue {
        var message = FakeDiscordPayloads.message(
            id: Snowflake(rawValue: takeID()), channelID: channelID, authorID: FakeDiscordPayloads.botUserID, authorName: "HiringPulse",
            content: payload["content"]?.stringValue ?? ""
        )
        message = Self.replacing("author", with: FakeDiscordPayloads.botUser, in: message)
        if let embeds = payload["embeds"] { message = Self.replacing("embeds", with: embeds, in: message) }
        let attachments = files.map { JSONValue.object([("id", .string("\(takeID())")), ("filename", .string($0))]) }
        return Self.replacing("attachments", with: .array(attachments), in: message)
    }

    private func takeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    /// The JSON payload of a request, from a JSON body or a multipart body's `payload_json`, with
    /// the file names of any `files[n]` parts.
    static func payload(contentType: String?, body: [UInt8]) -> (JSONValue, [String])? {
        guard let contentType else { return nil }
        if contentType.hasPrefix("application/json") {
            return (try? JSONParser.parse(body)).map { ($0, []) }
        }
        guard contentType.hasPrefix("multipart/form-data"), let form = FakeMultipartForm(contentType: contentType, body: body),
            let payloadPart = form.parts.first(where: { $0.name == "payload_json" }), let payload = try? JSONParser.parse(payloadPart.data)
        else { return nil }
        return (payload, form.parts.filter { $0.name.hasPrefix("files[") }.map { $0.filename ?? "" })
    }

    static func id(of message: JSONValue) -> Snowflake {
        message["id"]?.stringValue.flatMap { Snowflake($0) } ?? Snowflake(rawValue: 0)
    }

    static func replacing(_ key: String, with value: JSONValue, in object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        if let index = members.firstIndex(where: { $0.key == key }) { members[index].value = value } else { members.append((key, value)) }
        return .object(members)
    }
}
