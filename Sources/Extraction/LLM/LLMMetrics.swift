import Domain
import Metrics

/// The extractor's Prometheus series. Recorded through swift-metrics, so they cost nothing where no
/// backend is bootstrapped (the CLI, the tests).
enum LLMMetrics {
    static func call(outcome: String) {
        Metrics.Counter(label: "hiringpulse_llm_calls_total", dimensions: [("outcome", outcome)]).increment()
    }

    static func tokens(_ usage: TokenUsage) {
        Metrics.Counter(label: "hiringpulse_llm_tokens_total", dimensions: [("type", "prompt")]).increment(by: usage.prompt)
        Metrics.Counter(label: "hiringpulse_llm_tokens_total", dimensions: [("type", "completion")]).increment(by: usage.completion)
        Metrics.Counter(label: "hiringpulse_llm_tokens_total", dimensions: [("type", "cached")]).increment(by: usage.cached)
    }

    /// Messages answered without a call, by why: chatter, injection, repeat.
    static func skipped(reason: String) {
        Metrics.Counter(label: "hiringpulse_llm_skipped_messages_total", dimensions: [("reason", reason)]).increment()
    }

    static func ungroundedCompany() {
        Metrics.Counter(label: "hiringpulse_llm_ungrounded_companies_total").increment()
    }

    static func circuitChanged(open: Bool) {
        Metrics.Gauge(label: "hiringpulse_llm_circuit_open").record(open ? 1 : 0)
    }
}
