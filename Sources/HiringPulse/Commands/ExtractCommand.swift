public import ArgumentParser
import Bot
import Domain
import Extraction
import Foundation
import JSON

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Classify messages read as JSON Lines on stdin; one result line per input.",
        discussion: """
            Each input line is {"id": "...", "content": "..."}. Each output line, in input order, is
            {"id", "kind", "spam", "updates": [{"company", "stage", "role", "season"}], "posting"},
            the extraction contract. A malformed line gets {"line": N, "id": ..., "error": "..."} and
            the rest go on. Blank lines are ignored. Nothing is written to the database.
            A message the extractor could not classify (the model server down, an answer still
            invalid after a repair round) gets {"line", "id", "error"} with the reason, and the
            command then exits with status 1 after the last line. With --extractor llm, standard
            error names the model the server says it runs.

            Example:
              echo '{"id": "1", "content": "got the OA from JPMC"}' | hiringpulse extract
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Which extractor to use: rules or llm (default: extraction.extractor).")
    var extractor: ExtractorKind?

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        let catalog = try AppContext.loadCatalog(config)
        let extractor = try AppContext.extractor(extractor ?? config.extractor, config: config, catalog: catalog)
        let output = BufferedOutput.standardOutput()
        var lineNumber = 0
        var inputs = 0
        var batch: [(line: Int, input: ExtractionInput)] = []
        var failed = 0
        var firstFailure: String?
        func flush() async throws {
            let outcomes = await extractor.extract(batch.map(\.input))
            for (entry, outcome) in zip(batch, outcomes) {
                switch outcome.result {
                case .success(let result):
                    var members: [(key: String, value: JSONValue)] = [("id", .string(entry.input.id))]
                    if case .object(let fields) = result.jsonValue { members += fields }
                    try output.write(JSONValue.object(members).serialized + "\n")
                case .failure(let failure):
                    failed += 1
                    if firstFailure == nil { firstFailure = failure.reason }
                    try output.write(Self.errorLine(line: entry.line, id: entry.input.id, reason: failure.reason) + "\n")
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            inputs += 1
            switch Self.parse(line) {
            case .success(let input):
                batch.append((lineNumber, input))
                if batch.count >= 256 { try await flush() }
            case .failure(let problem):
                try await flush()
                try output.write(Self.errorLine(line: lineNumber, id: problem.id, reason: problem.reason) + "\n")
            }
        }
        try await flush()
        try output.flush()
        if inputs == 0 {
            throw fail(#"extract: no input on stdin; expected JSON Lines such as {"id": "1", "content": "got the OA from JPMC"}"#)
        }
        if let llm = extractor as? LLMExtractor {
            printError("extract: \(await ServedModel.describe(llm))")
        }
        if failed > 0 {
            throw fail("extract: \(failed) of \(inputs) messages failed; the first: \(firstFailure ?? "")")
        }
    }

    struct LineError: Error {
        var id: String?
        var reason: String
    }

    static func parse(_ line: String) -> Result<ExtractionInput, LineError> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return .failure(LineError(reason: error.description))
        }
        guard case .object = value else { return .failure(LineError(reason: "expected a JSON object")) }
        let id: String?
        switch value["id"] {
        case .string(let text)?: id = text
        case .integer(let number)?: id = String(number)
        default: id = nil
        }
        guard let id else { return .failure(LineError(reason: "\"id\" is missing or not a string")) }
        guard let content = value["content"]?.stringValue else {
            return .failure(LineError(id: id, reason: "\"content\" is missing or not a string"))
        }
        return .success(ExtractionInput(id: id, content: content))
    }

    static func errorLine(line: Int, id: String?, reason: String) -> String {
        JSONValue.object([("line", .integer(Int64(line))), ("id", JSONValue(id)), ("error", .string(reason))]).serialized
    }
}

/// `--extractor` of the commands that classify.
extension ExtractorKind: ExpressibleByArgument {}
