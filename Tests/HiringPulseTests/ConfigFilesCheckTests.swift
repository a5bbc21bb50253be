import Foundation
import HiringPulseTesting
import Testing

/// `config check` reads the files the configuration names (companies, feeds, alerts) as `run`
/// does, and lists every problem of each with its line; `run` refuses the same files naming every
/// problem too.
@Suite struct ConfigFilesCheckTests {
    /// A bad name, an unknown format and an ftp URL in one entry, and a bad interval in another.
    static let badFeeds = """
        feeds:
          - name: remote ok!
            format: jsonfeed
            url: ftp://example.com/jobs.json
          - name: wwr
            format: rss
            url: https://weworkremotely.com/categories/remote-programming-jobs.rss
            interval_minutes: 0
        """

    static let badAlerts = """
        profiles:
          - name: remote-go
            remote: sometimes
            skills: {go: 3, postgresql: 1}
            threshold: 1.5
            destinations:
              - slack: ${SLACK_WEBHOOK_URL}
          - skills: [python]
            destinations:
              - pager: "555"
        """

    static let badCompanies = """
        companies:
          - name: Google
            aliases: [GOOG, Alphabet]
          - name: google
            alias: [YouTube]
          - category: tech
        """

    func write(_ text: String, _ path: String, in cli: CommandLineRunner) throws {
        try text.write(toFile: cli.directory.file(path), atomically: true, encoding: .utf8)
    }

    @Test func everyProblemOfEveryFileIsListedWithItsLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try write(Self.badFeeds, "config/feeds.yaml", in: cli)
        try write(Self.badAlerts, "config/alerts.yaml", in: cli)
        try write(Self.badCompanies, "config/companies.yaml", in: cli)
        let result = try await cli.run(["config", "check"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            errors == [
                "error: config/companies.yaml:4: company google: listed twice (also as Google on line 2)",
                "error: config/companies.yaml:5: company google: unknown key alias",
                "error: config/companies.yaml:6: companies[2]: needs a name",
                "error: config/feeds.yaml:2: feeds[0]: a feed needs a name of letters, digits, - and _",
                "error: config/feeds.yaml:3: feeds[0]: format must be one of \(Self.formats)",
                "error: config/feeds.yaml:4: feeds[0]: url must be an http(s) URL",
                "error: config/feeds.yaml:8: feed wwr: interval_minutes must be at least 1",
                "error: config/alerts.yaml:3: profile remote-go: remote must be one of required, remote_or_hybrid, any",
                "error: config/alerts.yaml:5: profile remote-go: threshold must be between 0 and 1",
                "error: config/alerts.yaml:7: profile remote-go: slack reads ${SLACK_WEBHOOK_URL}, which is not set in the environment",
                "error: config/alerts.yaml:8: profiles[1]: a profile needs a name",
                "error: config/alerts.yaml:10: profiles[1]: unknown destination pager; expected telegram, slack, discord_channel or email",
            ], "\(result.stderr)")
        #expect(!result.stdout.contains("\nok"))
    }

    /// Every format, as the message lists them.
    static let formats = "remoteok, rss, simplify, greenhouse, lever, ashby"

    @Test func goodFilesAreSummedUpAndMissingOnesAreNone() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try write(
            """
            feeds:
              - name: remoteok
                format: remoteok
                url: https://remoteok.com/api?api_key=feed-secret
            """, "config/feeds.yaml", in: cli)
        try write(
            """
            profiles:
              - name: remote-go
                skills: [go]
                destinations:
                  - slack: ${SLACK_WEBHOOK_URL}
                  - telegram: "-1001234567890"
            """, "config/alerts.yaml", in: cli)
        let withoutToken = try await cli.run(
            ["config", "check"], environment: ["SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/secret"])
        #expect(withoutToken.status == 1)
        #expect(withoutToken.stdoutLines.contains("feeds: 1 in config/feeds.yaml"))
        #expect(withoutToken.stdoutLines.contains("  remoteok  remoteok  remoteok.com"))
        #expect(withoutToken.stdoutLines.contains("alert profiles: 1 in config/alerts.yaml"))
        #expect(
            withoutToken.stderr == "error: config/alerts.yaml: profile remote-go sends to Telegram, but TELEGRAM_BOT_TOKEN is not set\n")
        #expect(!withoutToken.stdout.contains("B0/secret") && !withoutToken.stdout.contains("feed-secret"))

        try FileManager.default.removeItem(atPath: cli.directory.file("config/feeds.yaml"))
        try FileManager.default.removeItem(atPath: cli.directory.file("config/alerts.yaml"))
        let none = try await cli.run(["config", "check"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdoutLines.contains("feeds: none (config/feeds.yaml does not exist)"))
        #expect(none.stdoutLines.contains("alert profiles: none (config/alerts.yaml does not exist)"))
        #expect(none.stdoutLines.last == "ok")
    }

    /// `run` used to name only the first problem of a bad feeds file.
    @Test func runRefusesABadFeedsFileNamingEveryProblem() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try write(Self.badFeeds, "config/feeds.yaml", in: cli)
        // Refused before connecting: the token is never used.
        let result = try await cli.run(["run"], environment: ["DISCORD_TOKEN": "not-a-real-token"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("hiringpulse: ") }
        #expect(
            errors == [
                "hiringpulse: config/feeds.yaml:2: feeds[0]: a feed needs a name of letters, digits, - and _",
                "hiringpulse: config/feeds.yaml:3: feeds[0]: format must be one of \(Self.formats)",
                "hiringpulse: config/feeds.yaml:4: feeds[0]: url must be an http(s) URL",
                "hiringpulse: config/feeds.yaml:8: feed wwr: interval_minutes must be at least 1",
            ], "\(result.stderr)")
    }
}
