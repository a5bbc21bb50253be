public import AsyncHTTPClient
public import Domain
import Extraction
import HTTPTypes
import Hummingbird
import JSON
public import Logging
import NIOCore
import ServiceLifecycle

/// A fake OpenAI-compatible server on 127.0.0.1: `POST /v1/chat/completions` with OpenAI's request
/// and answer shapes, usage counts (about four characters a token, the system prompt counted as
/// cached from its second use) and OpenAI's error bodies. Replies are scripted one request at a
/// time through `server`; with none scripted it answers with `defaultReply` (the rule extractor).
public struct FakeLLM: Sendable {
    public let port: Int
    public let server: FakeLLMServer
    /// A pool closed before the fake stops (see `FakeDiscord.httpClient` for why).
    public let httpClient: HTTPClient

    /// What `llm.base_url` should be.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public static func withRunning<T: Sendable>(
        catalog: CompanyCatalog, defaultReply: FakeLLMReply = .rules, logger: Logger = Logger(label: "fake-llm"),
        _ body: @Sendable (FakeLLM) async throws -> T
    ) async throws -> T {
        let server = FakeLLMServer(rules: RuleExtractor(catalog: catalog), defaultReply: defaultReply)
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 32 << 20)
            return await server.respond(body: Array(body.readableBytesView), authorization: request.headers[.authorization])
        }
        router.get("/props") { _, _ -> Response in await server.props() }
        router.get("/v1/models") { _, _ -> Response in await server.models() }
        return try await withLoopbackRouter(name: "fake LLM", serverName: "fake-llm", router: router, logger: logger) { port, httpClient in
            try await body(FakeLLM(port: port, server: server, httpClient: httpClient))
        }
    }
}

/// The fake's state: the script, the requests received, and the token counts.
public actor FakeLLMServer {
    private let rules: RuleExtractor
    private var defaultReply: FakeLLMReply
    private var script: [FakeLLMReply] = []
    /// Response formats answered with a 400 naming `response_format`, as servers without them do.
    private var unsupportedFormats: Set<String> = []
    private var seenSystemPrompts: Set<String> = []
    public private(set) var requests: [FakeLLMRequest] = []
    public private(set) var promptTokens = 0
    public private(set) var completionTokens = 0
    private var charactersPerToken = 4.0
    /// As llama-server: `/props` says this context, a prompt longer than it gets a 400, and a
    /// prompt plus `max_tokens` longer than it a 500. nil: no `/props` (404) and no limit.
    private var contextSize: Int?
    /// llama-server's `total_slots`. With more than one, the slots share one KV cache of
    /// `contextSize` (`--kv-unified`, llama-server's default): requests in flight whose prompts
    /// and `max_tokens` together overrun it all fail with `Context size has been exceeded.`
    private var slots = 1
    /// Requests being answered and the context each holds, by request number; those failed by
    /// another's overflow.
    private var holding: [Int: Int] = [:]
    private var overflowed: Set<Int> = []
    /// How many requests got a context error.
    public private(set) var contextErrors = 0
    /// Requests being answered now, and the most there were at once.
    private var inFlight = 0
    public private(set) var mostInFlight = 0
    private var buildInfo = "b0000-fake"
    /// What `/v1/models` lists, and the `model` a completion names (nil: the request's).
    private var listedModels = ["fake-model", "fake-model-large"]
    private var answeringModel: String?

    init(rules: RuleExtractor, defaultReply: FakeLLMReply) {
        self.rules = rules
        self.defaultReply = defaultReply
    }

    /// The next requests get these replies, in order; then the default again.
    public func enqueue(_ replies: FakeLLMReply...) {
        script += replies
    }

    public func setDefault(_ reply: FakeLLMReply) {
        defaultReply = reply
    }

    /// Refuses `response_format` of these types (`json_schema`, `json_object`) with a 400.
    public func refuseResponseFormats(_ formats: Set<String>) {
        unsupportedFormats = formats
    }

    public var requestCount: Int { requests.count }

    /// Acts as llama-server with this context (`--ctx-size`) and slots (`--parallel`): see
    /// `contextSize` and `slots`.
    public func actAsLlamaServer(
        contextSize: Int, slots: Int = 1, model: String = "SmolLM2-135M-Instruct-Q8_0.gguf", build: String = "b0000-fake"
    ) {
        self.contextSize = contextSize
        self.slots = max(1, slots)
        buildInfo = build
        listedModels = [model]
        answeringModel = model
    }

    /// Completions name `model`, whatever the request asked for.
    public func answer(asModel model: String) {
        answeringModel = model
    }

    func props() -> Response {
        guard let contextSize else { return Self.error(404, "File Not Found", param: nil) }
        return Self.json(
            .object([
                ("default_generation_settings", .object([("n_ctx", .integer(Int64(contextSize))), ("params", .object([]))])),
                ("total_slots", .integer(Int64(slots))), ("model_path", .string(listedModels.first ?? "")),
                ("build_info", .string(buildInfo)),
            ]))
    }

    func models() -> Response {
        Self.json(
            .object([
                ("object", .string("list")),
                (
                    "data",
                    .array(
                        listedModels.map { .object([("id", .string($0)), ("object", .string("model")), ("owned_by", .string("fake"))]) })
                ),
            ]))
    }

    static func json(_ value: JSONValue) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: value.serialized)))
    }

    func respond(body: [UInt8], authorization: String?) async -> Response {
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        defer { inFlight -= 1 }
        return await answer(body: body, authorization: authorization)
    }

    private func answer(body: [UInt8], authorization: String?) async -> Response {
        guard let json = try? JSONParser.parse(body), case .object = json else {
            return Self.error(400, "We could not parse the JSON body of your request.", param: nil)
        }
        let request = FakeLLMRequest(body: json, authorization: authorization)
        requests.append(request)
        guard !request.messages.isEmpty else { return Self.error(400, "'messages' is a required property", param: "messages") }
        if let format = request.responseFormat, unsupportedFormats.contains(format) {
            return Self.error(
                400, "Invalid parameter: 'response_format' of type '\(format)' is not supported with this model.", param: "response_format")
        }
        let number = requests.count
        if let contextSize {
            // llama-server's two answers: the prompt alone too long, then prompt and output.
            let prompt = request.messages.reduce(0) { $0 + tokens($1.content) + 4 }
            if prompt > contextSize {
                return Self.llamaError(
                    400, "request (\(prompt) tokens) exceeds the available context size (\(contextSize) tokens), try increasing it",
                    type: "exceed_context_size_error")
            }
            let needed = prompt + (request.maxTokens ?? 0)
            let shared = slots > 1 ? holding.values.reduce(0, +) : 0
            if needed + shared > contextSize {
                // As llama-server: a full cache fails every request being decoded, not just this one.
                overflowed.formUnion(holding.keys)
                return contextExceeded()
            }
            holding[number] = needed
        }
        var reply = script.isEmpty ? defaultReply : script.removeFirst()
        while case .slow(let delay, let then) = reply {
            try? await Task.sleep(for: delay)
            reply = then
        }
        holding[number] = nil
        if overflowed.remove(number) != nil { return contextExceeded() }
        return completion(reply, for: request)
    }

    private func contextExceeded() -> Response {
        contextErrors += 1
        return Self.llamaError(500, "Context size has been exceeded.", type: "server_error")
    }

    private func completion(_ reply: FakeLLMReply, for request: FakeLLMRequest) -> Response {
        let content: String?
        var refusal: String?
        var finishReason = "stop"
        var choices = true
        switch reply {
        case .rules:
            content = FakeLLMReply.envelope(request.items.map { ($0.id, rules.classify($0.text)) })
        case .rulesExcept(let override):
            content = FakeLLMReply.envelope(request.items.map { ($0.id, override($0.text) ?? rules.classify($0.text)) })
        case .answer(let make):
            content = make(request)
        case .content(let text):
            content = text
        case .truncated:
            let full = FakeLLMReply.envelope(request.items.map { ($0.id, rules.classify($0.text)) })
            content = String(full.prefix(max(1, full.count / 2)))
            finishReason = "length"
        case .refusal(let text):
            content = nil
            refusal = text
        case .emptyChoices:
            content = nil
            choices = false
        case .status(let status, let body, let headers):
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            for (name, value) in headers { if let name = HTTPField.Name(name) { fields[name] = value } }
            return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
        case .slow:
            content = nil
        case .wrapped(let before, let inner, let after):
            let answer: String
            switch inner {
            case .answer(let make): answer = make(request)
            case .content(let text): answer = text
            default: answer = FakeLLMReply.envelope(request.items.map { ($0.id, rules.classify($0.text)) })
            }
            content = before + answer + after
        }
        // About four characters a token; the system prompt is cached once seen, as providers do.
        let prompt = request.messages.reduce(0) { $0 + tokens($1.content) + 4 }
        let system = request.systemPrompt ?? ""
        let cached = seenSystemPrompts.contains(system) ? tokens(system) : 0
        seenSystemPrompts.insert(system)
        let completion = tokens(content ?? refusal ?? "")
        promptTokens += prompt
        completionTokens += completion
        let message: JSONValue = .object([
            ("role", .string("assistant")), ("content", content.map(JSONValue.string) ?? .null),
            ("refusal", refusal.map(JSONValue.string) ?? .null),
        ])
        let answer: JSONValue = .object([
            ("id", .string("chatcmpl-fake\(requests.count)")), ("object", .string("chat.completion")),
            ("created", .integer(1_763_900_000)), ("model", .string(answeringModel ?? request.model)),
            (
                "choices",
                .array(
                    choices
                        ? [
                            .object([
                                ("index", .integer(0)), ("message", message), ("logprobs", .null), ("finish_reason", .string(finishReason)),
                            ])
                        ] : [])
            ),
            (
                "usage",
                .object([
                    ("prompt_tokens", .integer(Int64(prompt))), ("completion_tokens", .integer(Int64(completion))),
                    ("total_tokens", .integer(Int64(prompt + completion))),
                    ("prompt_tokens_details", .object([("cached_tokens", .integer(Int64(cached)))])),
                ])
            ),
        ])
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: answer.serialized)))
    }

    private func tokens(_ text: String) -> Int {
        Int((Double(text.utf8.count) / charactersPerToken).rounded(.up))
    }

    /// Counts a token for every `characters` bytes (4 by default, as for English prose).
    public func countTokens(perCharacters characters: Double) {
        charactersPerToken = max(0.5, characters)
    }

    /// llama-server's error body: `code` beside the message, no `param`.
    static func llamaError(_ status: Int, _ message: String, type: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let body = JSONValue.object([
            ("error", .object([("code", .integer(Int64(status))), ("message", .string(message)), ("type", .string(type))]))
        ])
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body.serialized)))
    }

    /// OpenAI's error body.
    static func error(_ status: Int, _ message: String, param: String?) -> Response {
        let body = JSONValue.object([
            (
                "error",
                .object([
                    ("message", .string(message)), ("type", .string("invalid_request_error")),
                    ("param", param.map(JSONValue.string) ?? .null),
                    ("code", .null),
                ])
            )
        ])
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body.serialized)))
    }
}
