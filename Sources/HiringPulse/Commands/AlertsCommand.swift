import Alerts
import ArgumentParser
import Bot
import Domain
import Foundation
import JSON
import Store

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Job alert profiles.",
        subcommands: [Test.self, Reset.self, Status.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dry-run a profile of alerts.file over the stored postings: what it would send, and why.",
            discussion: """
                Prints each stored posting the profile matches, best first, with its score and the
                reasons a notification would give, and what the profile learned from the 👍, 👎 and
                🚫 its notifications received (the weights it gives skills and title words, the
                companies it leaves out). Nothing is sent and nothing is written.

                Example:
                  hiringpulse alerts test remote-go-backend --days 30
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The profile's name in alerts.file.")
        var profile: String

        @Option(help: "Only postings of the last N days (default: the profile's max_age_days, else all).")
        var days: Int?

        @Option(help: "Show at most this many matches.")
        var limit = 20

        @Flag(help: "Print the matches as JSON Lines.")
        var json = false

        func run() async throws {
            let context = try await AppContext.open(options)
            let profiles: [ConfiguredProfile]
            do {
                profiles = try AlertProfilesFile.load(
                    contentsOf: context.config.alertsFile, environment: ProcessInfo.processInfo.environment)
            } catch {
                for line in "\(error)".split(separator: "\n") { printError("hiringpulse: \(line)") }
                throw ExitCode(1)
            }
            guard let configured = profiles.first(where: { $0.profile.name == profile }) else {
                let names = profiles.map(\.profile.name)
                throw fail(
                    "alerts test: no profile named \(profile) in \(context.config.alertsFile)"
                        + (names.isEmpty ? " (it has none)" : "; it has \(names.joined(separator: ", "))"))
            }
            let now = Timestamp.now()
            let window = days ?? configured.profile.maxAgeDays
            let stored = try await context.store.postings.list(since: window.map { now - Int64($0) * Timestamp.millisecondsPerDay })
            let learned = try await Self.learned(profile, in: context.store)
            let matches = ProfileDryRun.matches(configured.profile, learned: learned, in: stored, now: now)
            for (posting, match) in matches.prefix(limit) {
                if json {
                    print(
                        JSONValue.object([
                            ("score", .number(match.score)), ("title", .string(posting.title ?? "")),
                            ("company", JSONValue(posting.company)),
                            ("url", JSONValue(posting.url)), ("reasons", .array(match.reasons.map(JSONValue.string))),
                        ]).serialized)
                } else {
                    print(String(format: "%.2f", match.score) + "  \(posting.headline)" + (posting.url.map { "  \($0)" } ?? ""))
                    print("      " + match.reasons.joined(separator: "; "))
                }
            }
            if !json {
                print(
                    "\(matches.count) of \(stored.count) stored postings match \(profile)"
                        + (matches.count > limit ? " (the best \(limit) shown)" : "") + "; nothing was sent.")
                for line in learned.summaryLines { print(line) }
            }
        }

        /// What the configured profile `name` learned from feedback; nothing before its first start.
        static func learned(_ name: String, in store: Store) async throws -> LearnedPreferences {
            guard let stored = try await store.alertProfiles.all().first(where: { $0.source == "config" && $0.name == name }) else {
                return .none
            }
            return try await AlertFeedback(store: store).learned(profileID: stored.id)
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget what a profile of alerts.file learned from the 👍, 👎 and 🚫 on its notifications.",
            discussion: """
                The profile ranks as it did before any reaction, and companies blocked with 🚫 are
                no longer left out. Members undo their own alerts' learning with /alerts reset.

                Example:
                  hiringpulse alerts reset remote-go-backend
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The profile's name in alerts.file.")
        var profile: String

        func run() async throws {
            let context = try await AppContext.open(options)
            let configured = try await context.store.alertProfiles.all().filter { $0.source == "config" }
            guard let stored = configured.first(where: { $0.name == profile }) else {
                let names = configured.map(\.name)
                throw fail(
                    "alerts reset: no profile named \(profile) has run"
                        + (names.isEmpty ? "" : "; the daemon knows \(names.joined(separator: ", "))"))
            }
            let removed = try await context.store.alertProfiles.resetFeedback(profileID: stored.id)
            print("\(profile): forgot \(removed) reaction\(removed == 1 ? "" : "s").")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The notification outbox by destination, and each job feed's health.",
            discussion: """
                A destination that refused (a Telegram chat that blocked the bot, a revoked Slack
                webhook) has its notifications marked failed, with the service's reason shown here.
                Slack webhooks are shown by the short hash the outbox keeps, never by their URL.

                Each feed of feeds.file is shown healthy or failing (since when, and why), with its
                last success and what its last read body held, as the daemon last judged it.

                Example:
                  hiringpulse alerts status
                """
        )

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let context = try await AppContext.open(options)
            var byDestination: [String: (sent: Int, pending: Int, failed: Int, lastError: String?)] = [:]
            for state in try await context.store.outbox.states() {
                var counts = byDestination[state.destination] ?? (0, 0, 0, nil)
                switch state.status {
                case "sent": counts.sent += 1
                case "failed": counts.failed += 1
                default: counts.pending += 1
                }
                if state.status != "sent", let error = state.lastError { counts.lastError = error }
                byDestination[state.destination] = counts
            }
            if byDestination.isEmpty { print("No notifications yet.") }
            for (destination, counts) in byDestination.sorted(by: { $0.key < $1.key }) {
                print("\(destination)  sent \(counts.sent), waiting \(counts.pending), failed \(counts.failed)")
                if let error = counts.lastError { print("    last problem: \(error)") }
            }
            try await printFeedHealth(context)
        }

        /// One line per feed of feeds.file, and one more with a failing feed's reason.
        private func printFeedHealth(_ context: AppContext) async throws {
            let path = context.config.feedsFile
            guard FileManager.default.fileExists(atPath: path) else { return }
            let feeds: [FeedSource]
            do {
                feeds = try FeedsFile.load(contentsOf: path)
            } catch {
                for line in "\(error)".split(separator: "\n") { printError("hiringpulse: \(line)") }
                throw ExitCode(1)
            }
            guard !feeds.isEmpty else { return }
            print(
                "Feeds (a failing one is reported to admin: after \(SourceHealthMessage.elapsed(context.config.feedAlertAfter))):")
            let now = Timestamp.now()
            for feed in feeds {
                let health = await FeedHealthTracker.health(of: feed.name, in: context.store)
                print("\(feed.name)  " + FeedHealth.statusText(health, now: now))
            }
        }
    }
}
