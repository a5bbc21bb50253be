import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// The commands that use the LLM extractor or the schema validator, run as a user runs them.
@Suite(.timeLimit(.minutes(2))) struct LLMCommandLineTests {
    static let catalog: CompanyCatalog = {
        do {
            return try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        } catch {
            fatalError("\(error)")
        }
    }()

    static func llmEnvironment(_ llm: FakeLLM) -> [String: String] {
        [
            "HIRINGPULSE_EXTRACTION_EXTRACTOR": "llm", "HIRINGPULSE_LLM_BASE_URL": llm.baseURL,
            "HIRINGPULSE_LLM_MODEL": "fake-model", "LLM_API_KEY": "sk-secret-llm-key",
        ]
    }

    // MARK: schema check

    @Test func schemaCheckPrintsOneVerdictPerInstance() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let instances = [
            #"{"results": [{"id": "1", "kind": "other", "spam": false, "updates": [], "posting": null}]}"#,
            #"{"results": [{"id": "1", "kind": "stage_update", "spam": false, "updates": [{"company": "Citadel", "stage": "superday", "role": null, "season": null}], "posting": null}]}"#,
            "",
            "{not json",
        ]
        let result = try await cli.run(
            ["schema", "check", "--schema", "prompts/extract.schema.json"], stdin: instances.joined(separator: "\n"))
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        #expect(lines[0] == "valid")
        #expect(lines[1] == #"invalid: /results/0/updates/0/stage: "superday" is not one of applied, oa, phone, onsite, offer, rejected"#)
        #expect(lines[2].hasPrefix("invalid: invalid JSON at byte"))
    }

    @Test func schemaCheckExitsZeroWhenAllAreValidAndTwoForAnUnusableSchema() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try #"{"type": "object", "required": ["a"]}"#.write(toFile: cli.directory.file("a.json"), atomically: true, encoding: .utf8)
        let valid = try await cli.run(["schema", "check", "--schema", "a.json"], stdin: "{\"a\": 1}\n{\"a\": null}\n")
        #expect(valid.status == 0)
        #expect(valid.stdout == "valid\nvalid\n")
        try #"{"type": "strin"}"#.write(toFile: cli.directory.file("bad.json"), atomically: true, encoding: .utf8)
        let unusable = try await cli.run(["schema", "check", "--schema", "bad.json"], stdin: "{}\n")
        #expect(unusable.status == 2)
        #expect(unusable.stdout.isEmpty)
        #expect(unusable.stderr.split(separator: "\n").count == 1)
        let missing = try await cli.run(["schema", "check", "--schema", "nope.json"], stdin: "{}\n")
        #expect(missing.status == 2)
    }

    // MARK: eval

    @Test func evalMeasuresTheRuleExtractorOnTheLabelledSet() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let dataset = RepositoryFile.path("Tests/ExtractionTests/Fixtures/development-messages.jsonl")
        let result = try await cli.run(["eval", "--dataset", dataset, "--extractor", "rules", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try JSONParser.parse(result.stdout)
        #expect(figures["messages"] == .integer(198))
        #expect((figures["pairs"]?["f1"]?.numericValue ?? 0) >= 0.85)
        #expect((figures["kind_accuracy"]?.numericValue ?? 0) >= 0.85)
        #expect(figures["calls"] == .integer(0))
        let text = try await cli.run(["eval", "--dataset", dataset, "--extractor", "rules"])
        #expect(text.stdout.contains("(company, stage) pairs  precision"))
    }

    @Test func evalMeasuresTheLLMExtractorWithTokensAndCalls() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeLLM.withRunning(catalog: Self.catalog) { llm in
            let dataset = RepositoryFile.path("Tests/ExtractionTests/Fixtures/development-messages.jsonl")
            let result = try await cli.run(
                ["eval", "--dataset", dataset, "--extractor", "llm", "--json"], environment: Self.llmEnvironment(llm))
            #expect(result.status == 0, "\(result.stderr)")
            let figures = try JSONParser.parse(result.stdout)
            #expect(figures["extractor"] == .string("llm"))
            #expect(figures["prompt_version"]?.stringValue?.hasPrefix("extract.v1@") == true)
            // The fake answers as the rule extractor does, so the figures are the rules' own.
            #expect((figures["pairs"]?["f1"]?.numericValue ?? 0) >= 0.85)
            let calls = try #require(figures["calls"]?.integerValue)
            #expect(calls > 0 && calls <= 198 / 25 + 2)
            #expect(calls == Int64(await llm.server.requestCount))
            #expect((figures["tokens"]?["per_message"]?.numericValue ?? 0) > 0)
            #expect(!result.stdout.contains("sk-secret-llm-key") && !result.stderr.contains("sk-secret-llm-key"))
        }
    }

    @Test func evalComparesPromptVersionsSideBySideOnTheSameSet() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        // A model that reads prompt v2 well and answers prompt v1 with "other" every time: each
        // column must score its own prompt's answers.
        let rules = RuleExtractor(catalog: Self.catalog)
        try await FakeLLM.withRunning(
            catalog: Self.catalog,
            defaultReply: .answer { request in
                let v2 = request.systemPrompt?.contains("(extract.v2)") == true
                return FakeLLMReply.envelope(request.items.map { ($0.id, v2 ? rules.classify($0.text) : .other) })
            }
        ) { llm in
            let dataset = RepositoryFile.path("Tests/ExtractionTests/Fixtures/development-traps.jsonl")
            let prompts = [
                "--prompt", RepositoryFile.path("prompts/extract.v1.md"), "--prompt", RepositoryFile.path("prompts/extract.v2.md"),
            ]
            let result = try await cli.run(
                ["eval", "--dataset", dataset, "--extractor", "llm", "--json"] + prompts, environment: Self.llmEnvironment(llm))
            #expect(result.status == 0, "\(result.stderr)")
            let runs = try #require(try JSONParser.parse(result.stdout)["runs"]?.arrayValue)
            #expect(runs.map { $0["prompt_version"]?.stringValue?.prefix(10) } == ["extract.v1", "extract.v2"])
            #expect(runs[0]["pairs"]?["f1"] == .number(0))
            #expect((runs[1]["pairs"]?["f1"]?.numericValue ?? 0) >= 0.85)
            #expect(runs.allSatisfy { $0["messages"] == .integer(38) })

            let text = try await cli.run(
                ["eval", "--dataset", dataset, "--extractor", "llm"] + prompts, environment: Self.llmEnvironment(llm))
            let lines = text.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "38 messages from \(dataset), 2 prompts")
            let f1 = try #require(lines.first { $0.hasPrefix("pairs F1") })
            #expect(f1.split(separator: " ", omittingEmptySubsequences: true).suffix(2).first == "0.000")
            #expect(lines.contains { $0.hasPrefix("prompt") && $0.contains("extract.v1@") && $0.contains("extract.v2@") })
        }
        let rulesOnly = try await cli.run(["eval", "--dataset", "x.jsonl", "--extractor", "rules", "--prompt", "prompts/extract.v2.md"])
        #expect(rulesOnly.status == 1)
        #expect(rulesOnly.stderr.contains("--prompt measures the llm extractor"))
    }

    @Test func evalRefusesABadDatasetWithTheLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let lines = [
            #"{"id": "1", "content": "got the OA from JPMC", "label": {"kind": "stage_update", "spam": false, "updates": [{"company": "JPMC", "stage": "oa"}], "posting": null}}"#,
            #"{"id": "2", "content": "hi", "label": {"kind": "chatter"}}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: cli.directory.file("set.jsonl"), atomically: true, encoding: .utf8)
        let result = try await cli.run(["eval", "--dataset", "set.jsonl", "--extractor", "rules"])
        #expect(result.status == 1)
        #expect(result.stderr == "hiringpulse: eval: set.jsonl: line 2: label: \"kind\" must be one of stage_update, job_posting, other\n")
    }

    // MARK: extract

    @Test func extractWithTheLLMExtractorWritesTheContract() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeLLM.withRunning(catalog: Self.catalog) { llm in
            let input = [#"{"id": "1", "content": "got the OA from JPMC"}"#, #"{"id": "2", "content": "Citadel superday friday"}"#]
            let result = try await cli.run(["extract"], stdin: input.joined(separator: "\n"), environment: Self.llmEnvironment(llm))
            #expect(result.status == 0, "\(result.stderr)")
            let lines = try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            #expect(lines.map { $0["updates"]?.arrayValue?.first?["company"]?.stringValue } == ["JPMorgan Chase", "Citadel"])
            #expect(await llm.server.requestCount == 1)
        }
    }

    @Test func extractReportsAMessageTheModelCouldNotClassify() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeLLM.withRunning(catalog: Self.catalog, defaultReply: .content("no JSON here")) { llm in
            let result = try await cli.run(
                ["extract"], stdin: #"{"id": "7", "content": "got the OA from JPMC"}"#, environment: Self.llmEnvironment(llm))
            // Every line is written, and the status says that a message failed.
            #expect(result.status == 1)
            let line = try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(line["id"] == .string("7"))
            #expect(line["error"]?.stringValue?.hasPrefix("invalid answer after a repair round: the answer is not JSON") == true)
            #expect(result.stderr.contains("hiringpulse: extract: 1 of 1 messages failed; the first: invalid answer after a repair round"))
        }
    }

    @Test func aMissingPromptIsOneClearLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let result = try await cli.run(
            ["extract"], stdin: #"{"id": "1", "content": "hi"}"#,
            environment: ["HIRINGPULSE_EXTRACTION_EXTRACTOR": "llm", "HIRINGPULSE_LLM_PROMPT_FILE": "prompts/missing.md"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("hiringpulse: cannot read the prompt prompts/missing.md"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    // MARK: real servers' answers

    @Test func evalScoresTheModelsOwnAnswersAndNamesTheModelTheServerRuns() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        // A model that answers every message with the same wrong update: were the rules scored
        // instead, F1 would be theirs.
        let wrong = ExtractionResult(kind: .stageUpdate, updates: [StageUpdate(company: "Citadel", stage: .rejected)])
        try await FakeLLM.withRunning(catalog: Self.catalog, defaultReply: .every(wrong)) { llm in
            await llm.server.answer(asModel: "qwen2.5-1.5b-instruct-q4_k_m")
            let dataset = RepositoryFile.path("Tests/ExtractionTests/Fixtures/development-messages.jsonl")
            var environment = Self.llmEnvironment(llm)
            environment["HIRINGPULSE_LLM_MODEL"] = "gpt-4o-mini"
            let result = try await cli.run(["eval", "--dataset", dataset, "--extractor", "llm", "--json"], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            let figures = try JSONParser.parse(result.stdout)
            #expect(figures["model"] == .string("qwen2.5-1.5b-instruct-q4_k_m"))
            // Only messages that name Citadel can keep the update (grounding drops the rest).
            #expect((figures["pairs"]?["f1"]?.numericValue ?? 1) < 0.2)
            #expect((figures["pairs"]?["precision"]?.numericValue ?? 1) < 0.5)
        }
    }

    @Test func extractAgainstLlamaServerNamesItsModelAndFitsItsContext() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeLLM.withRunning(catalog: Self.catalog) { llm in
            await llm.server.actAsLlamaServer(contextSize: 8192, model: "SmolLM2-360M-Instruct.Q4_K_M.gguf", build: "b6423-5f3ea4e6")
            let input = (1...30).map { #"{"id": "\#($0)", "content": "got the OA from JPMC (\#($0))"}"# }
            let result = try await cli.run(["extract"], stdin: input.joined(separator: "\n"), environment: Self.llmEnvironment(llm))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 30)
            #expect(
                result.stderr.contains("extract: model SmolLM2-360M-Instruct.Q4_K_M.gguf, context 8192 tokens, server build b6423-5f3ea4e6")
            )
        }
    }

    @Test func extractAgainstAStoppedServerFailsFastNamingItAndExitsNonZero() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let (environment, port) = try await FakeLLM.withRunning(catalog: Self.catalog) { llm in (Self.llmEnvironment(llm), llm.port) }
        let result = try await cli.run(["extract"], stdin: #"{"id": "1", "content": "got the OA from JPMC"}"#, environment: environment)
        // The command's own time, not its wait for a turn among the other tests' commands.
        #expect(result.elapsed < .seconds(20), "\(result.elapsed)")
        #expect(result.status == 1)
        #expect(result.stdout.contains("connection refused by 127.0.0.1:\(port)"))
        #expect(
            result.stderr.contains("1 of 1 messages failed; the first: the model server failed: connection refused by 127.0.0.1:\(port)"))
        #expect(result.stderr.contains("model unknown"))
    }
}
