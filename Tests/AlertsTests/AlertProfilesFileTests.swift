import Alerts
import ConfigFiles
import Foundation
import HiringPulseTesting
import Testing

/// `config/alerts.yaml`: profiles and their destinations, or every problem with its line.
@Suite struct AlertProfilesFileTests {
    @Test func readsProfilesAndDestinations() throws {
        let yaml = """
            profiles:
              - name: remote-go
                remote: required
                employment_types: [full_time]
                include_keywords: [backend]
                exclude_keywords: [security clearance]
                skills: {Golang: 3, Postgres: 1}
                min_salary: 140000
                max_age_days: 14
                threshold: 0.6
                destinations:
                  - telegram: "-1001234567890"
                  - slack: ${SLACK_WEBHOOK_URL}
                  - discord_channel: "123456789012345678"
              - name: interns
                skills: [python, react]
                destinations:
                  - telegram: "@cs_interns"
            """
        let profiles = try AlertProfilesFile.load(
            yaml: yaml, path: "alerts.yaml", environment: ["SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/secret"])
        #expect(profiles.map(\.profile.name) == ["remote-go", "interns"])
        let first = profiles[0]
        #expect(first.profile.remote == .required)
        #expect(first.profile.skills == ["go": 3, "postgresql": 1])
        #expect(first.profile.minimumSalary == 140_000 && first.profile.maxAgeDays == 14 && first.profile.threshold == 0.6)
        #expect(
            first.destinations == [
                .telegram(chatID: "-1001234567890"), .slack(webhookURL: "https://hooks.slack.com/services/T0/B0/secret"),
                .discordChannel("123456789012345678"),
            ])
        // The webhook is a secret: the outbox keeps a hash of it, never the URL.
        #expect(!first.destinations[1].key.contains("secret"))
        #expect(profiles[1].profile.skills == ["python": 1, "react": 1])
        #expect(profiles[1].destinations == [.telegram(chatID: "@cs_interns")])
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let yaml = """
            profiles:
              - name: broken
                remote: sometimes
                skills: {go: -1}
                threshold: 2
                colour: blue
                destinations:
                  - slack: http://insecure.example
                  - pager: "123"
              - name: broken
                destinations: []
            """
        let error = #expect(throws: ConfigFileError.self) {
            try AlertProfilesFile.load(yaml: yaml, path: "alerts.yaml", environment: [:])
        }
        #expect(
            error?.lines == [
                "alerts.yaml:6: profile broken: unknown key colour",
                "alerts.yaml:3: profile broken: remote must be one of required, remote_or_hybrid, any",
                "alerts.yaml:4: profile broken: skills: go needs a positive weight",
                "alerts.yaml:5: profile broken: threshold must be between 0 and 1",
                "alerts.yaml:8: profile broken: slack needs an https webhook URL (or ${SLACK_WEBHOOK_URL} to read it from the environment)",
                "alerts.yaml:9: profile broken: unknown destination pager; expected telegram, slack, discord_channel or email",
                "alerts.yaml:11: profile broken: destinations must be a list of telegram:, slack:, discord_channel: or email: entries",
                "alerts.yaml:10: profiles[1]: the name broken is used twice",
            ])
    }

    /// A profile without a name used to hide its other problems; a `${NAME}` that is not set says so.
    @Test func aNamelessProfileIsReadThroughAndAnUnsetVariableIsNamed() {
        let yaml = """
            profiles:
              - remote: required
                min_salary: lots
                destinations:
                  - slack: ${SLACK_WEBHOOK_URL}
              - name: interns
                destinations:
                  - telegram: ${TELEGRAM_CHAT}
            """
        let error = #expect(throws: ConfigFileError.self) {
            try AlertProfilesFile.load(yaml: yaml, path: "alerts.yaml", environment: ["TELEGRAM_CHAT": "-100123"])
        }
        #expect(
            error?.lines == [
                "alerts.yaml:2: profiles[0]: a profile needs a name",
                "alerts.yaml:3: profiles[0]: min_salary must be a positive annual amount",
                "alerts.yaml:5: profiles[0]: slack reads ${SLACK_WEBHOOK_URL}, which is not set in the environment",
            ])
    }

    @Test func adminDestinationsAreReadLikeAProfilesOwn() throws {
        let yaml = """
            profiles: []
            admin:
              - discord_channel: "123456789012345678"
              - telegram: "-1001234567890"
              - slack: ${SLACK_ADMIN_WEBHOOK_URL}
            """
        let contents = try AlertProfilesFile.contents(
            yaml: yaml, path: "alerts.yaml", environment: ["SLACK_ADMIN_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B1/admin"])
        #expect(contents.profiles.isEmpty)
        #expect(
            contents.admin == [
                .discordChannel("123456789012345678"), .telegram(chatID: "-1001234567890"),
                .slack(webhookURL: "https://hooks.slack.com/services/T0/B1/admin"),
            ])
        // admin: alone is a whole file; `admin: []` sends nowhere.
        #expect(
            try AlertProfilesFile.contents(yaml: "admin:\n  - telegram: \"5\"\n", path: "a", environment: [:]).admin == [
                .telegram(chatID: "5")
            ])
        #expect(try AlertProfilesFile.contents(yaml: "profiles: []\nadmin: []\n", path: "a", environment: [:]).admin.isEmpty)
    }

    @Test func badAdminDestinationsAreNamedWithTheirLine() {
        let yaml = """
            profiles: []
            admin:
              - discord_channel: general
              - sms: "+15551234567"
              - slack: ${MISSING}
            """
        let error = #expect(throws: ConfigFileError.self) {
            try AlertProfilesFile.contents(yaml: yaml, path: "alerts.yaml", environment: [:])
        }
        #expect(
            error?.lines == [
                "alerts.yaml:3: admin: discord_channel needs a channel id",
                "alerts.yaml:4: admin: unknown destination sms; expected telegram, slack, discord_channel or email",
                "alerts.yaml:5: admin: slack reads ${MISSING}, which is not set in the environment",
            ])
        let notAList = #expect(throws: ConfigFileError.self) {
            try AlertProfilesFile.contents(yaml: "profiles: []\nadmin: {telegram: \"1\"}\n", path: "alerts.yaml", environment: [:])
        }
        #expect(
            notAList?.lines == [
                "alerts.yaml:2: admin: destinations must be a list of telegram:, slack:, discord_channel: or email: entries"
            ])
    }

    @Test func notAListOfProfilesIsOneLine() {
        #expect(throws: ConfigFileError.self) {
            try AlertProfilesFile.load(yaml: "alerts: []", path: "alerts.yaml", environment: [:])
        }
    }
}

/// The shipped `config/alerts.yaml`: empty as shipped, and its commented example valid.
@Suite struct ShippedAlertsFileTests {
    static let path = RepositoryFile.path("config/alerts.yaml")

    @Test func theShippedFileHasNoProfiles() throws {
        #expect(try AlertProfilesFile.load(contentsOf: Self.path, environment: [:]).isEmpty)
    }

    @Test func itsCommentedExampleIsValid() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let example = text.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("# profiles:") }
            .prefix { $0.hasPrefix("#") }
            .map { $0.dropFirst(2) }
            .joined(separator: "\n")
        let profiles = try AlertProfilesFile.load(
            yaml: example, path: "example", environment: ["SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/x"])
        #expect(profiles.map(\.profile.name) == ["remote-go-backend"])
        #expect(profiles.first?.destinations.count == 2)
        let contents = try AlertProfilesFile.contents(
            yaml: example, path: "example", environment: ["SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/x"])
        #expect(contents.admin == [.discordChannel("123456789012345678")])
    }

    @Test func anEmailDestinationIsAnAddress() throws {
        let yaml = """
            profiles:
              - name: go
                skills: [go]
                destinations:
                  - email: Member@Example.COM
            admin:
              - email: not an address
            """
        let error = #expect(throws: ConfigFileError.self) {
            try AlertProfilesFile.contents(yaml: yaml, path: "alerts.yaml", environment: [:])
        }
        #expect(error?.lines == ["alerts.yaml:7: admin: email needs an address, name@example.org"])
        let contents = try AlertProfilesFile.contents(
            yaml: yaml.replacingOccurrences(of: "admin:\n  - email: not an address", with: "admin: []"), path: "alerts.yaml",
            environment: [:])
        #expect(contents.profiles.first?.destinations == [.email(address: "Member@example.com")])
        #expect(AlertDestination.email(address: "Member@example.com").key == "email:Member@example.com")
        #expect(AlertDestination(key: "email:Member@example.com") == .email(address: "Member@example.com"))
        #expect(AlertDestination.email(address: "Member@example.com").description == "an email address")
    }
}
