import Domain
import Extraction

/// One line about the model server for the commands that classify: the model it says it runs
/// (not `llm.model`, which llama-server ignores), its context and version where it said them.
enum ServedModel {
    static func describe(_ extractor: LLMExtractor) async -> String {
        let facts = await extractor.serverFacts()
        let model = await extractor.servedModel()
        var parts = ["model \(model ?? "unknown (the server did not answer)")"]
        if let context = facts?.contextTokens { parts.append("context \(context) tokens") }
        if let version = facts?.version { parts.append("server build \(version)") }
        return parts.joined(separator: ", ")
    }
}
