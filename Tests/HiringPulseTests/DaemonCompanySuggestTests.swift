import Discord
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// `/alias suggest` through the real daemon and the fake Discord: members report stages at a
/// company outside the catalog, an admin sees it with examples and adds it with one button, and
/// the next report at it counts.
@Suite(.timeLimit(.minutes(2))) struct DaemonCompanySuggestTests {
    typealias E2E = DaemonEndToEndTests
    typealias Slash = DaemonSlashCommandTests

    @Test func anUnknownCompanyOfThreeMembersIsSuggestedAndAddedInOneStep() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeLLM.withRunning(catalog: LLMCommandLineTests.catalog) { llm in
                // The model names Quokka, which the catalog does not hold but the messages do.
                await llm.server.setDefault(
                    .rulesExcept { text in
                        let text = text.lowercased()
                        guard text.contains("quokka") else { return nil }
                        let stage: Stage = text.contains("offer") ? .offer : text.contains("oa") ? .oa : .onsite
                        return ExtractionResult(kind: .stageUpdate, updates: [StageUpdate(company: "Quokka", stage: stage)])
                    })
                var environment = E2E.environment(discord)
                environment.merge(LLMCommandLineTests.llmEnvironment(llm)) { _, new in new }
                let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the Quokka OA today", author: 1))
                await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(2, "superday at Quokka friday", author: 2))
                await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(3, "final round with Quokka tomorrow", author: 3))
                await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(4, "got the OA from JPMC today", author: 3))
                try await daemon.eventually("the four messages extracted") { (try? await store.messages.counts()[.done]) == 4 }
                // Quokka counts as written, as a company the catalog does not know yet.
                let before = try await E2E.updates(store)
                #expect(Set(before).isSuperset(of: ["JPMorgan Chase oa", "Quokka oa"]), "\(before)")

                let refused = try await Slash.ask(discord, daemon, 1, command: "alias", options: [("suggest", 1, .null)])
                #expect(refused["data"]?["content"] == .string("This command is for server admins (Manage Server, or an admin role)."))

                let listed = try await Slash.ask(discord, daemon, 2, command: "alias", options: [("suggest", 1, .null)], permissions: "32")
                #expect(listed["data"]?["flags"] == .integer(64))
                #expect(
                    listed["data"]?["content"]
                        == .string(
                            """
                            Companies outside the catalog reported by 3 or more members:
                            **Quokka**: 3 members, 3 messages
                            > final round with Quokka tomorrow
                            > superday at Quokka friday
                            > got the Quokka OA today
                            Add one as a company with its button, or as an alias with `/alias add company:<company> alias:<name>`.
                            """), "\(listed)")
                let button = try #require(listed["data"]?["components"]?.arrayValue?.first?["components"]?.arrayValue?.first)
                #expect(button["label"] == .string("Add Quokka"))
                let customID = try #require(button["custom_id"]?.stringValue)
                #expect(customID == "alias:add-company:Quokka")

                // A member who is not an admin cannot press it into effect.
                let notAdmin = try await Slash.press(discord, daemon, 3, button: customID)
                #expect(notAdmin["data"]?["content"] == .string("This command is for server admins (Manage Server, or an admin role)."))
                let auditBefore = try await store.auditLog()
                #expect(auditBefore.allSatisfy { $0.action != "company-add" })

                let pressed = try await Slash.press(discord, daemon, 4, button: customID, permissions: "32")
                #expect(pressed["type"] == .integer(7))
                #expect(
                    pressed["data"]?["content"]
                        == .string(
                            """
                            Quokka is now a company; what was stored under it counts for it. New messages count for it; 3 earlier messages report a stage there and count once reclassified (`/reclassify scope:all`).

                            No unknown company reported by 3 or more members.
                            """), "\(pressed)")
                #expect(pressed["data"]?["components"] == .array([]))

                await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(5, "Quokka offer!! signing tomorrow", author: 4))
                try await daemon.eventually("the offer at Quokka") { await (try? E2E.updates(store))?.contains("Quokka offer") == true }
                let audit = try await store.auditLog().reversed().map { "\($0.action) \($0.target ?? "")" }
                #expect(audit.suffix(1) == ["company-add Quokka"], "\(audit)")
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            }
        }
    }
}
