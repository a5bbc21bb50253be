public import Domain
public import Extraction
public import Logging

/// Which extractor classifies messages (`extraction.extractor`, a command's `--extractor`).
public enum ExtractorKind: String, Sendable, CaseIterable {
    /// The rule extractor: offline, no model.
    case rules
    /// The model of `llm.*`.
    case llm
}

/// Builds the extractor `extraction.extractor` (or a command's `--extractor`) names.
public enum ExtractorFactory {
    public struct SetupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The catalog is read at each batch, so live alias changes count.
    public static func make(
        _ kind: ExtractorKind, config: HiringPulseConfig, catalog: @escaping @Sendable () -> CompanyCatalog, logger: Logger
    ) throws(SetupError) -> any Extractor {
        switch kind {
        case .rules:
            return CurrentCatalogRuleExtractor(catalog: catalog)
        case .llm:
            let prompt: ExtractionPrompt
            do {
                prompt = try ExtractionPrompt.load(promptFile: config.llm.promptFile, schemaFile: config.llm.schemaFile)
            } catch {
                throw SetupError(description: "\(error.description) (set llm.prompt_file and llm.schema_file)")
            }
            return LLMExtractor(settings: config.llm.settings, prompt: prompt, currentCatalog: catalog, logger: logger)
        }
    }
}

/// The rule extractor over whichever alias map is in force at each batch.
struct CurrentCatalogRuleExtractor: Extractor {
    let catalog: @Sendable () -> CompanyCatalog

    var info: ExtractorInfo { RuleExtractor(catalog: catalog()).info }

    func extract(_ inputs: [ExtractionInput]) async -> [ExtractionOutcome] {
        await RuleExtractor(catalog: catalog()).extract(inputs)
    }
}
