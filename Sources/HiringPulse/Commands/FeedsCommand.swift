import Alerts
import ArgumentParser
import Bot
import ConfigFiles
import Foundation
import JSON
import Logging
import Store

struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "The job feeds of feeds.file: check them, or poll them once.",
        subcommands: [FeedsCheckCommand.self, FeedsPollCommand.self]
    )

    /// The feeds of `feeds.file`, or the one named; a problem ends the command with one line each.
    static func feeds(_ config: HiringPulseConfig, named name: String?) throws -> [FeedSource] {
        guard FileManager.default.fileExists(atPath: config.feedsFile) else {
            throw fail("no feeds: \(config.feedsFile) does not exist (set feeds.file or HIRINGPULSE_FEEDS_FILE)")
        }
        let feeds: [FeedSource]
        do {
            feeds = try FeedsFile.load(contentsOf: config.feedsFile)
        } catch {
            throw fail(error.lines.joined(separator: "\n"))
        }
        guard let name else {
            guard !feeds.isEmpty else { throw fail("no feeds in \(config.feedsFile): add one under feeds: (its comments show how)") }
            return feeds
        }
        guard let feed = feeds.first(where: { $0.name == name }) else {
            throw fail(
                "no feed named \(name) in \(config.feedsFile)"
                    + (feeds.isEmpty ? " (it has none)" : "; it has \(feeds.map(\.name).joined(separator: ", "))"))
        }
        return [feed]
    }

    /// `work` on every feed at once, so that one slow host does not hold up the others; the
    /// results in the feeds' order.
    static func each<T: Sendable>(_ feeds: [FeedSource], _ work: @escaping @Sendable (FeedSource) async -> T) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            for (index, feed) in feeds.enumerated() {
                group.addTask { (index, await work(feed)) }
            }
            var results: [(Int, T)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// `reason ×count (at 3, 7, 9)` lines of skipped items, indented.
    static func skippedLines(_ groups: [FeedCheck.SkipGroup]) -> [String] {
        groups.map { group in
            let more = group.count > group.examples.count ? ", …" : ""
            return "    \(group.count) × \(group.reason) (item \(group.examples.map(String.init).joined(separator: ", "))\(more))"
        }
    }

    static func json(_ groups: [FeedCheck.SkipGroup]) -> JSONValue {
        .array(
            groups.map { group in
                .object([
                    ("reason", .string(group.reason)), ("count", .integer(Int64(group.count))),
                    ("examples", .array(group.examples.map { .integer(Int64($0)) })),
                ])
            })
    }
}

struct FeedsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch each feed once and say what it would give; store nothing.",
        discussion: """
            For each feed of feeds.file (or the one named): the format its body looks like beside the
            configured one, how many items it lists, how many would be stored as postings (open
            jobs, before de-duplication), and the items a poll would skip, grouped by reason with
            the first few of each (by their place in the feed, from 0). A feed that cannot be
            fetched or read gets one line saying why. Only the feed's host is printed: a URL's query
            may hold an API key.

            Nothing is written and the database is not opened; no DISCORD_TOKEN is needed. The
            exit status is 1 when a feed failed or its body is not of the configured format.

            Example:
              hiringpulse feeds check
              hiringpulse feeds check remoteok --json
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "Check only this feed (its name in feeds.file).")
    var name: String?

    @Flag(help: "Print one JSON object per feed (JSON Lines).")
    var json = false

    @Option(help: "Seconds to wait for each feed's whole answer.")
    var timeout = 30

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        let feeds = try FeedsCommand.feeds(config, named: name)
        let normalizer = PostingNormalizer(catalog: try AppContext.loadCatalog(config))
        // No validators: a check always reads the whole body.
        let fetcher = FeedFetcher(timeout: .seconds(timeout))
        let checks = await FeedsCommand.each(feeds) { feed -> FeedCheck in
            switch await fetcher.fetch(url: feed.url, state: FeedSourceState()) {
            case .fetched(let body, _, _): FeedCheck.of(body: body, feed: feed, normalizer: normalizer, now: Timestamp.now())
            case .failed(let reason, _): FeedCheck.failed(feed, reason: reason)
            case .notModified: FeedCheck.failed(feed, reason: "answered 304 Not Modified to a request without validators")
            }
        }
        for (feed, check) in zip(feeds, checks) {
            if json {
                print(Self.json(check, feed: feed).serialized)
            } else {
                for line in Self.lines(check, feed: feed) { print(line) }
            }
        }
        let failing = checks.filter { $0.status != .ok }.count
        if !json {
            print(
                "checked \(feeds.count) feed\(feeds.count == 1 ? "" : "s"): \(feeds.count - failing) ok, \(failing) with problems; nothing was stored"
            )
        }
        if failing > 0 { throw ExitCode(1) }
    }

    static func lines(_ check: FeedCheck, feed: FeedSource) -> [String] {
        let status =
            switch check.status {
            case .ok: "ok"
            case .formatDiffers: "FORMAT DIFFERS"
            case .failed: "FAILED"
            }
        var lines = ["feed \(feed.name) (\(feed.format.rawValue) at \(feed.host ?? "?")): \(status)"]
        if let detected = check.detected {
            lines.append(
                detected == .feed(feed.format)
                    ? "  format: \(detected), as configured"
                    : "  format: looks like \(detected), configured as \(feed.format.rawValue)")
        }
        if let error = check.error {
            lines.append("  error: \(error)")
            return lines
        }
        let closed = check.closed > 0 ? " (\(check.closed) closed)" : ""
        lines.append("  items: \(check.items), would-be postings: \(check.postings)\(closed), skipped: \(check.skippedCount)")
        lines += FeedsCommand.skippedLines(check.skipped)
        return lines
    }

    static func json(_ check: FeedCheck, feed: FeedSource) -> JSONValue {
        .object([
            ("feed", .string(feed.name)), ("format", .string(feed.format.rawValue)), ("host", JSONValue(feed.host)),
            ("status", .string(check.status.rawValue)), ("detected", JSONValue(check.detected?.identifier)),
            ("items", .integer(Int64(check.items))), ("postings", .integer(Int64(check.postings))),
            ("closed", .integer(Int64(check.closed))),
            ("skipped", .integer(Int64(check.skippedCount))), ("skipped_reasons", FeedsCommand.json(check.skipped)),
            ("error", JSONValue(check.error)),
        ])
    }
}

struct FeedsPollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll each feed once now and store its new postings, as the daemon would.",
        discussion: """
            For each feed of feeds.file (or the one named): one conditional GET with the validators
            the daemon keeps for it, then the new postings stored as the daemon stores them
            (de-duplicated by URL, and by company, title and place, across feeds and chat), and the
            feed's state (validators, next poll) saved. Prints per feed the new postings stored,
            the items, the skipped ones by reason, or why the poll failed. No DISCORD_TOKEN needed.

            Nothing is sent from here: the running daemon (`hiringpulse run`) matches the new
            postings against alerts.file's profiles within seconds, or at its next start. The exit
            status is 1 when a feed failed.

            Example:
              hiringpulse feeds poll remoteok
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "Poll only this feed (its name in feeds.file).")
    var name: String?

    @Flag(help: "Print one JSON object per feed (JSON Lines).")
    var json = false

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        let feeds = try FeedsCommand.feeds(config, named: name)
        let context = try await AppContext.open(options, config: config)
        let poller: FeedPoller
        do {
            // As at the daemon's start: fixing the matcher's place first makes these postings news
            // to it, not history from before alerts were turned on.
            _ = try await context.store.outbox.matchedThrough()
            let catalog = try await LiveCompanyCatalog(base: context.fileCatalog, store: context.store)
            // The report says what the poller would log, once per feed.
            poller = FeedPoller(
                feeds: feeds, store: context.store, fetcher: FeedFetcher(), normalizer: { PostingNormalizer(catalog: catalog.catalog) },
                matcher: Wakeup(), logger: Logger(label: "hiringpulse") { _ in SwiftLogNoOpLogHandler() })
        } catch {
            throw fail("\(error)")
        }
        let reports = await FeedsCommand.each(feeds) { await poller.pollNow($0) }
        var stored = 0
        var failed = 0
        for report in reports {
            switch report.outcome {
            case .fetched(_, _, let new, _): stored += new
            case .failed: failed += 1
            case .notModified: break
            }
            if json {
                print(Self.json(report).serialized)
            } else {
                for line in Self.lines(report) { print(line) }
            }
        }
        if !json {
            print(
                "polled \(reports.count) feed\(reports.count == 1 ? "" : "s"): \(stored) new posting\(stored == 1 ? "" : "s") stored, \(failed) failed"
            )
            if stored > 0 {
                print(
                    "the daemon (hiringpulse run) matches new postings against the alert profiles: within seconds while it runs, else at its next start"
                )
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    static func lines(_ report: FeedPollReport) -> [String] {
        switch report.outcome {
        case .notModified:
            return ["feed \(report.feed): not modified since the last poll"]
        case .failed(let reason):
            return ["feed \(report.feed): FAILED: \(reason)"]
        case .fetched(let items, let postings, let new, let skipped):
            let groups = FeedCheck.SkipGroup.groups(of: skipped)
            return [
                "feed \(report.feed): \(new) new posting\(new == 1 ? "" : "s") stored; items: \(items), postings: \(postings), skipped: \(skipped.count)"
            ]
                + FeedsCommand.skippedLines(groups)
        }
    }

    static func json(_ report: FeedPollReport) -> JSONValue {
        switch report.outcome {
        case .notModified:
            .object([("feed", .string(report.feed)), ("status", .string("not_modified"))])
        case .failed(let reason):
            .object([("feed", .string(report.feed)), ("status", .string("failed")), ("error", .string(reason))])
        case .fetched(let items, let postings, let new, let skipped):
            .object([
                ("feed", .string(report.feed)), ("status", .string("fetched")), ("items", .integer(Int64(items))),
                ("postings", .integer(Int64(postings))), ("new", .integer(Int64(new))), ("skipped", .integer(Int64(skipped.count))),
                ("skipped_reasons", FeedsCommand.json(FeedCheck.SkipGroup.groups(of: skipped))),
            ])
        }
    }
}
