import Domain
import JSON

/// What a server says about itself, read before the first call: its context length and the model
/// it runs. llama-server answers `GET /props` (`default_generation_settings.n_ctx`, `build_info`)
/// and lists its one model at `GET /v1/models`; vLLM lists its model there with `max_model_len`;
/// OpenAI and Ollama list many models, so the model is then the one a completion names. Pure
/// parsing here; the requests are in `ServerProbe`.
public struct ServerFacts: Sendable, Equatable {
    /// Tokens of context one request may use.
    public var contextTokens: Int?
    /// The model the server runs, when it lists exactly one.
    public var model: String?
    /// llama-server's `build_info` (e.g. `b6423-5f3ea4e6`).
    public var version: String?
    /// llama-server's `total_slots`: requests it decodes at once. Their KV cache may be one pool
    /// of `contextTokens` (`--kv-unified`, its default when the slots are not set), which the
    /// calls in flight then share.
    public var slots: Int?

    public init(contextTokens: Int? = nil, model: String? = nil, version: String? = nil, slots: Int? = nil) {
        self.contextTokens = contextTokens
        self.model = model
        self.version = version
        self.slots = slots
    }

    /// From llama-server's `/props`: `n_ctx` of the default generation settings (one slot's
    /// context, which with a unified KV cache is the whole pool), or a top-level `n_ctx` as some
    /// builds put it, and `total_slots`.
    mutating func read(props: JSONValue) {
        let context = props["default_generation_settings"]?["n_ctx"]?.integerValue ?? props["n_ctx"]?.integerValue
        if let context, context > 0 { contextTokens = Int(context) }
        if let build = props["build_info"]?.stringValue, !build.isEmpty { version = build }
        if let slots = props["total_slots"]?.integerValue, slots > 0 { self.slots = Int(slots) }
    }

    /// From `/v1/models`: the model when exactly one is listed, and vLLM's `max_model_len`.
    mutating func read(models: JSONValue) {
        guard let data = models["data"]?.arrayValue, data.count == 1 else { return }
        if let id = data[0]["id"]?.stringValue, !id.isEmpty { model = id }
        if contextTokens == nil, let length = data[0]["max_model_len"]?.integerValue, length > 0 { contextTokens = Int(length) }
    }
}
