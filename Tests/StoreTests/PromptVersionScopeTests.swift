import Domain
import Extraction
import HiringPulseTesting
import Testing

@testable import Store

/// `/reclassify scope:prompt-version:V` and `hiringpulse reclassify --scope prompt-version:V`.
@Suite struct PromptVersionScopeTests {
    @Test func aPromptNameAlsoNamesEveryEditOfIt() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.messages.ingest((1...4).map { StoreFixture.message($0, "message \($0)") })
        let versions = ["extract.v1@1a2b3c4d", "extract.v1@99999999", "extract.v10@1a2b3c4d", "rules.v1"]
        try await store.extractions.record(
            zip(1...4, versions).map { id, version in
                ExtractionWrite(
                    messageID: Int64(id), extractor: ExtractorInfo(name: "llm", model: "m", promptVersion: version),
                    outcome: ExtractionOutcome(id: String(id), result: .success(.other)))
            })
        #expect(try await store.messages.ids(in: .promptVersion("extract.v1")) == [1, 2])
        #expect(try await store.messages.ids(in: .promptVersion("extract.v1@99999999")) == [2])
        #expect(try await store.messages.ids(in: .promptVersion("extract.v10")) == [3])
        #expect(try await store.messages.ids(in: .promptVersion("extract")) == [])
        #expect(try await store.messages.ids(in: .promptVersion("rules.v1")) == [4])
    }
}
