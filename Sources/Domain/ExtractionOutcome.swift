/// One message to classify.
public struct ExtractionInput: Sendable, Hashable {
    public var id: String
    public var content: String

    public init(id: String, content: String) {
        self.id = id
        self.content = content
    }
}

/// Which extractor produced a result, recorded with every extraction so results can be compared
/// and re-run when the prompt or model changes.
public struct ExtractorInfo: Sendable, Hashable {
    public var name: String
    public var model: String?
    public var promptVersion: String?

    public init(name: String, model: String? = nil, promptVersion: String? = nil) {
        self.name = name
        self.model = model
        self.promptVersion = promptVersion
    }
}

/// The outcome for one input: a validated result, or the reason there is none.
public struct ExtractionOutcome: Sendable {
    public var id: String
    public var result: Result<ExtractionResult, ExtractionError>
    /// What the extractor answered, verbatim, for the audit trail (nil for the rule extractor).
    public var rawOutput: String?
    public var latencyMilliseconds: Double
    public var promptTokens: Int?
    public var completionTokens: Int?

    public init(
        id: String, result: Result<ExtractionResult, ExtractionError>, rawOutput: String? = nil,
        latencyMilliseconds: Double = 0, promptTokens: Int? = nil, completionTokens: Int? = nil
    ) {
        self.id = id
        self.result = result
        self.rawOutput = rawOutput
        self.latencyMilliseconds = latencyMilliseconds
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// Why a message could not be extracted. `retryable` failures (a server down, a timeout) are tried
/// again later; the others (an answer that stays invalid) end as `failed`. A failure with a
/// `deferral` is no fault of the message (the server throttles, or the circuit breaker paused
/// calls): it is tried again after that long without using up one of its attempts.
public struct ExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var retryable: Bool
    public var deferral: Duration?

    public init(_ reason: String, retryable: Bool, deferral: Duration? = nil) {
        self.reason = reason
        self.retryable = retryable || deferral != nil
        self.deferral = deferral
    }

    public var description: String { reason }
}
