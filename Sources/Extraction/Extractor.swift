public import Domain

/// Turns message text into the extraction contract. Implementations take a batch so that an LLM
/// can answer several messages in one call; the answer holds one outcome per input, in input order.
public protocol Extractor: Sendable {
    var info: ExtractorInfo { get }
    func extract(_ inputs: [ExtractionInput]) async -> [ExtractionOutcome]
}
