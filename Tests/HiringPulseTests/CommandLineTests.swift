import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// The `hiringpulse` command line, run as a separate process.
@Suite struct CommandLineTests {
    @Test(arguments: [
        ["--help"], ["import", "--help"], ["stats", "--help"], ["extract", "--help"], ["migrate", "--help"],
        ["config", "check", "--help"], ["run", "--help"], ["commands", "validate", "--help"], ["commands", "register", "--help"],
        ["commands", "diff", "--help"],
        ["reclassify", "--help"], ["backup", "--help"], ["feeds", "check", "--help"], ["feeds", "poll", "--help"],
        ["companies", "suggest", "--help"], ["companies", "add", "--help"],
    ])
    func everyCommandExplainsItself(arguments: [String]) async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let result = try await cli.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: hiringpulse"))
        #expect(result.stdout.contains("--config"))
    }

    @Test func extractAnswersOneLinePerInputInOrder() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let input = """
            {"id": "1", "content": "got the OA from JPMC"}
            {"id": "2", "content": "has anyone heard back from Citadel?"}
            {"id": 3, "content": 
            not json at all
            {"content": "no id"}
            {"id": "6"}

            {"id": "7", "content": "[Hiring] remote Go backend engineer at Acme, $150k–$180k"}
            """
        let result = try await cli.run(["extract"], stdin: input)
        #expect(result.status == 0)
        let lines = try result.stdoutLines.map(JSONParser.parse)
        // Required, not expected: the lines are read by position below.
        try #require(lines.count == 7, "\(result.stderr)")
        #expect(
            lines[0].serialized
                == #"{"id":"1","kind":"stage_update","spam":false,"updates":[{"company":"JPMorgan Chase","stage":"oa","role":null,"season":null}],"posting":null}"#
        )
        #expect(lines[1]["kind"] == .string("other"))
        #expect(lines[2]["line"] == .integer(3) && lines[2]["error"] != nil)
        #expect(lines[3]["line"] == .integer(4) && lines[3]["id"] == .null)
        #expect(lines[4]["line"] == .integer(5))
        #expect(lines[5]["line"] == .integer(6) && lines[5]["id"] == .string("6"))
        #expect(lines[6]["kind"] == .string("job_posting"))
        #expect(lines[6]["posting"]?["salary_min"] == .integer(150_000))
    }

    @Test func extractWithEmptyStdinIsAOneLineError() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let result = try await cli.run(["extract"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("no input"))
    }

    @Test func importThenStatsOnTheEmbeddedDefaults() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try ChatExportWriter.write(
            [
                ExportMessageSpec(
                    id: 1_100_000_000_000_000_001, timestamp: "2026-09-01T10:00:00+00:00",
                    content: "got the OA from JPMC", authorID: "1"),
                ExportMessageSpec(
                    id: 1_100_000_000_000_000_002, timestamp: "2026-09-05T10:00:00+00:00",
                    content: "JP Morgan superday friday!!", authorID: "1"),
                ExportMessageSpec(
                    id: 1_100_000_000_000_000_003, timestamp: "2026-09-06T10:00:00+00:00",
                    content: "offer from Google 🎉", authorID: "2"),
                ExportMessageSpec(
                    id: 1_100_000_000_000_000_004, timestamp: "2026-09-06T11:00:00+00:00",
                    content: "offer from Google for everyone", authorID: "3", isBot: true),
            ], to: cli.directory.file("export.json"))

        let first = try await cli.run(["import", "export.json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("read 4 messages: 3 new, 0 edited, 3 stage updates written, 0 postings, 1 skipped (1 bot), 0 failed"))
        #expect(FileManager.default.fileExists(atPath: cli.directory.file("data/hiringpulse.sqlite")))
        #expect(FileManager.default.fileExists(atPath: cli.directory.file("data/author.key")))

        let second = try await cli.run(["import", "export.json"])
        #expect(second.stdout.contains("read 4 messages: 0 new, 0 edited, 0 stage updates written"))

        let stats = try await cli.run(["stats", "--company", "jpmc", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let report = try JSONParser.parse(stats.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(report["company"] == .string("JPMorgan Chase"))
        #expect(report["journeys"] == .integer(1))
        #expect(report["stages"]?["phone"]?["implied"] == .integer(1))
        #expect(report["days_between"]?["oa->phone"] == nil)
        #expect(report["conversion"]?["oa->phone"] == .integer(1))

        let table = try await cli.run(["stats"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("JPMorgan Chase"))
        #expect(table.stdout.contains("Google"))

        let all = try await cli.run(["reclassify", "--scope", "all"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdoutLines == ["reclassified 3 messages (all): 3 done, 0 failed, 0 to retry, 3 stage updates written"])
        let one = try await cli.run(["reclassify", "--message", "https://discord.com/channels/1/2/1100000000000000002"])
        #expect(one.stdoutLines == ["before: JPMorgan Chase: Onsite/Final", "after:  JPMorgan Chase: Onsite/Final"])
        let unknown = try await cli.run(["reclassify", "--message", "42"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "hiringpulse: message 42 is not stored, or was deleted\n")
        let both = try await cli.run(["reclassify", "--message", "42", "--scope", "all"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("give either --message or --scope"))
    }

    @Test func badInputIsOneLineAndChangesNothing() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try Data([0x7B, 0x22, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: cli.directory.file("broken.json")))
        for arguments in [
            ["import", "missing.json"], ["import", "broken.json"], ["stats", "--since", "yesterday"],
            ["stats", "--company", "MS"],
        ] {
            let result = try await cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        let ambiguous = try await cli.run(["stats", "--company", "MS"])
        #expect(ambiguous.stderr.contains("Microsoft or Morgan Stanley"))
    }

    @Test func configCheckShowsSourcesAndNeverSecrets() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let ok = try await cli.run(
            ["config", "check"],
            environment: [
                "HIRINGPULSE_DATABASE_PATH": "elsewhere.sqlite", "DISCORD_TOKEN": "super-secret-token-value",
            ])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("database.path"))
        #expect(ok.stdout.contains("elsewhere.sqlite  (environment)"))
        #expect(ok.stdout.contains("DISCORD_TOKEN: set"))
        #expect(ok.stdout.contains("LLM_API_KEY: unset"))
        #expect(!ok.stdout.contains("super-secret-token-value") && !ok.stderr.contains("super-secret-token-value"))

        try "database:\n  path: x.sqlite\n  colour: blue\n".write(
            toFile: cli.directory.file("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try await cli.run(["config", "check", "--config", "bad.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.yaml:3: unknown key database.colour"))
    }

    @Test func migrateCreatesTheDatabaseAndChecksIt() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let migrate = try await cli.run(["migrate"])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let check = try await cli.run(["migrate", "--check"])
        #expect(check.status == 0)
    }

    @Test func commandsValidateChecksTheDeclarations() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let valid = try await cli.run(["commands", "validate"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(
            valid.stdoutLines.contains(
                "/stats [company]: The recruiting funnel for one company (counts, conversion, days between stages) or overall"))
        #expect(valid.stdoutLines.last?.hasPrefix("11 commands valid") == true)
        try Data(
            #"{"name": "Top", "description": "x", "options": [{"type": 3, "name": "a", "description": "a", "choices": [], "autocomplete": true}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: cli.directory.file("Commands/top.json")))
        let invalid = try await cli.run(["commands", "validate"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("top.json: name: \"Top\" must be lowercase"))
        #expect(invalid.stderr.contains("choices and autocomplete cannot be used together"))
    }

    @Test func runFailsFastWithOneLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let noToken = try await cli.run(["run"])
        #expect(noToken.status == 1)
        #expect(noToken.stderr.split(separator: "\n").count == 1)
        #expect(noToken.stderr.contains("DISCORD_TOKEN is not set"))
        // A database path that cannot be written: its directory is a file.
        try Data("x".utf8).write(to: URL(fileURLWithPath: cli.directory.file("blocker")))
        let unwritable = try await cli.run(
            ["run"], environment: ["DISCORD_TOKEN": "secret-token-value", "HIRINGPULSE_DATABASE_PATH": "blocker/db.sqlite"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.split(separator: "\n").count == 1, "\(unwritable.stderr)")
        #expect(!unwritable.stderr.contains("secret-token-value"))
        let badConfig = try await cli.run(
            ["run"], environment: ["DISCORD_TOKEN": "secret-token-value", "HIRINGPULSE_DISCORD_CHANNEL_IDS": "general"])
        #expect(badConfig.status == 1)
        #expect(badConfig.stderr.contains("\"general\" is not a Discord id"))
    }

    @Test func backupCopiesTheDatabaseAndNeverOverwrites() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let none = try await cli.run(["backup", "copy.sqlite"])
        #expect(none.status == 1)
        #expect(
            none.stderr
                == "hiringpulse: no database at data/hiringpulse.sqlite to back up (set database.path or HIRINGPULSE_DATABASE_PATH)\n")

        try ChatExportWriter.write(
            [
                ExportMessageSpec(
                    id: 1_100_000_000_000_000_001, timestamp: "2026-09-01T10:00:00+00:00", content: "got the OA from JPMC", authorID: "1"),
                ExportMessageSpec(
                    id: 1_100_000_000_000_000_002, timestamp: "2026-09-06T10:00:00+00:00", content: "offer from Google 🎉", authorID: "2"),
            ], to: cli.directory.file("export.json"))
        #expect(try await cli.run(["import", "export.json"]).status == 0)

        let backup = try await cli.run(["backup", "copy.sqlite"])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("backed up data/hiringpulse.sqlite to copy.sqlite ("))
        let copy = try Store.open(path: cli.directory.file("copy.sqlite"))
        #expect(try await copy.messages.count() == 2)
        #expect(try await copy.extractions.stageUpdateCount() == 2)
        #expect(try copy.migrationStatus().pending.isEmpty)

        let again = try await cli.run(["backup", "copy.sqlite"])
        #expect(again.status == 1)
        #expect(again.stderr == "hiringpulse: copy.sqlite already exists; choose another name or remove it first\n")
        #expect(try await copy.messages.count() == 2)
    }

    @Test func commandsDiffShowsWhatRegisteringWouldChange() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let environment = ["DISCORD_TOKEN": FakeDiscord.defaultToken, "HIRINGPULSE_DISCORD_API_BASE_URL": discord.apiBaseURL]
            let before = try await cli.run(["commands", "diff"], environment: environment)
            #expect(before.status == 0, "\(before.stderr)")
            #expect(before.stdout.hasPrefix("global: 11 of 11 commands differ\n  + /"), "\(before.stdout)")
            #expect(try await cli.run(["commands", "register"], environment: environment).status == 0)
            let synced = try await cli.run(["commands", "diff"], environment: environment)
            #expect(synced.stdout == "global: in sync (11 commands)\n", "\(synced.stdout)")

            // A description edited and a command dropped from Commands/.
            let top = cli.directory.file("Commands/top.json")
            let edited = try String(contentsOfFile: top, encoding: .utf8)
                .replacingOccurrences(of: "The most active companies, by reports", with: "Who is hiring most")
            try edited.write(toFile: top, atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: cli.directory.file("Commands/help.json"))
            let after = try await cli.run(["commands", "diff"], environment: environment)
            #expect(after.stdout == "global: 2 of 11 commands differ\n  ~ /top: description\n  - /help\n", "\(after.stdout)")
        }
    }
}
