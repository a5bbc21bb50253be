import Foundation
public import JSON

/// A chat-completions request as the fake LLM received it.
public struct FakeLLMRequest: Sendable {
    public struct Message: Sendable {
        public var role: String
        public var content: String
    }

    public var body: JSONValue
    public var authorization: String?
    public var model: String
    public var messages: [Message]
    /// `json_schema`, `json_object`, or nil when the request has no `response_format`.
    public var responseFormat: String?
    public var maxTokens: Int?

    init(body: JSONValue, authorization: String?) {
        self.body = body
        self.authorization = authorization
        model = body["model"]?.stringValue ?? ""
        messages = (body["messages"]?.arrayValue ?? []).map {
            Message(role: $0["role"]?.stringValue ?? "", content: $0["content"]?.stringValue ?? "")
        }
        responseFormat = body["response_format"]?["type"]?.stringValue
        maxTokens = (body["max_tokens"]?.integerValue ?? body["max_completion_tokens"]?.integerValue).map { Int($0) }
    }

    /// The messages to classify: the JSON array inside the `<<<MESSAGES … MESSAGES>>>` fence.
    public var items: [(id: String, text: String)] {
        guard let user = messages.first(where: { $0.role == "user" })?.content,
            let open = user.range(of: "<<<MESSAGES\n"), let close = user.range(of: "\nMESSAGES>>>", range: open.upperBound..<user.endIndex),
            let array = try? JSONParser.parse(String(user[open.upperBound..<close.lowerBound])).arrayValue
        else { return [] }
        return array.compactMap { item in
            guard let id = item["id"]?.stringValue, let text = item["text"]?.stringValue else { return nil }
            return (id, text)
        }
    }

    /// Whether this is a repair round: a last message with the previous answer's errors.
    public var isRepair: Bool {
        messages.last.map { $0.role == "user" && $0.content.contains("<<<ERRORS") } ?? false
    }

    public var systemPrompt: String? { messages.first { $0.role == "system" }?.content }
}
