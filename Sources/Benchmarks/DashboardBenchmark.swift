import Analytics
import ArgumentParser
import AsyncHTTPClient
import Dashboard
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Logging
import NIOCore
import NIOHTTP1
@_spi(Testing) import Store
import Support

struct DashboardBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Latency of every dashboard page and API route over HTTP, at a store size.",
        discussion: """
            Seeds a database with --updates generated stage updates (a year of journeys at the
            known companies) and one job posting per 20 updates, serves it with the dashboard on a
            loopback port, and asks each page --requests times in turn, as a browser would (the
            company page rotates over the 20 busiest companies). Prints p50, p95, p99 and max in
            milliseconds per route, and, for comparison, what a script computing the overview's
            counts with plain GROUP BYs over the stage updates takes on the same database.

            Example: swift run -c release hiringpulse-bench dashboard --updates 1000000
            """
    )

    @Option(help: "Stage updates in the store.")
    var updates = 1_000_000

    @Option(help: "Requests per route.")
    var requests = 200

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    @Option(help: "Keep the seeded database in this directory (dashboard-<updates>.sqlite) and reuse it on the next run.")
    var keep: String?

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let store = try Store.open(path: keep.map { "\($0)/dashboard-\(updates).sqlite" } ?? directory.file("bench.sqlite"))
        let now = Timestamp.now()
        let seedStart = ContinuousClock.now
        if try await store.extractions.stageUpdateCount() != updates {
            try await store.companies.sync(try CompanyCatalog.load(contentsOf: companies))
            try store.seedSyntheticStageUpdates(count: updates, members: max(1, updates / 8), from: now - 365 * 86_400_000, until: now)
            try await Self.seedPostings(count: updates / 20, store: store, now: now)
        }
        let seedSeconds = (ContinuousClock.now - seedStart).seconds
        let busiest = try await Statistics.report(StatisticsQuery(topLimit: 20), store: store).topCompanies.map(\.company)
        let routes: [(label: String, path: @Sendable (Int) -> String)] = [
            ("overview", { _ in "/" }),
            ("companies", { _ in "/companies" }),
            ("companies_sorted", { _ in "/companies?sort=oa-%3Ephone" }),
            (
                "company",
                { run in "/companies/\(busiest[run % busiest.count].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            ),
            ("postings", { _ in "/postings" }),
            ("postings_filtered", { _ in "/postings?role=engineer&remote=yes&max_age_days=30" }),
            ("postings_page_20", { _ in "/postings?page=20" }),
            ("api_overview", { _ in "/api/v1/overview" }),
            ("api_companies", { _ in "/api/v1/companies" }),
            (
                "api_company",
                { run in "/api/v1/companies/\(busiest[run % busiest.count].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            ),
            ("api_postings", { _ in "/api/v1/postings?limit=50" }),
        ]
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let server = DashboardServer(
            host: "127.0.0.1", port: 0, store: store, settings: DashboardSettings(), logger: Logger(label: "bench"),
            onListening: { listening.yield($0) })
        let (requests, count) = (self.requests, self.updates)
        let json: String = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("the dashboard did not start") }
            var result: [String: Any] = ["stage_updates": count, "postings": count / 20, "seed_seconds": round3(seedSeconds)]
            var slowest = 0.0
            for route in routes {
                let latencies = try await Self.latencies(base: "http://127.0.0.1:\(port)", runs: requests, path: route.path)
                let figures = percentiles(latencies)
                slowest = max(slowest, figures["p99"] ?? 0)
                result["\(route.label)_ms"] = figures
            }
            result["slowest_p99_ms"] = round3(slowest)
            var plain: [Double] = []
            for _ in 0..<max(3, requests / 20) {
                let start = ContinuousClock.now
                _ = try store.plainOverviewCounts()
                plain.append((ContinuousClock.now - start).seconds * 1000)
            }
            let baseline = percentiles(plain)
            result["plain_sql_overview_counts_ms"] = baseline
            if let ours = (result["overview_ms"] as? [String: Double])?["p50"], let theirs = baseline["p50"], ours > 0 {
                result["overview_speedup_vs_plain_sql"] = round3(theirs / ours)
            }
            result["peak_rss_mb"] = round3(peakResidentMegabytes())
            group.cancelAll()
            let data = try JSONSerialization.data(withJSONObject: ["benchmark": "dashboard", "result": result], options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        print(json)
    }

    /// Milliseconds of each request, with its whole answer read, off the main actor.
    @concurrent
    static func latencies(base: String, runs: Int, path: @Sendable (Int) -> String) async throws -> [Double] {
        var latencies: [Double] = []
        for run in 0..<runs {
            let start = ContinuousClock.now
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + path(run)), timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 64 << 20)
            guard response.status == .ok else { throw ValidationError("\(path(run)) answered \(response.status)") }
            latencies.append((ContinuousClock.now - start).seconds * 1000)
        }
        return latencies
    }

    /// Job postings as feeds bring them: a spread of companies, titles, places and kinds, over the year.
    static func seedPostings(count: Int, store: Store, now: Int64) async throws {
        let titles = ["Software Engineer", "Backend Engineer", "Data Engineer", "Frontend Engineer", "ML Engineer", "Quant Developer"]
        let places = ["New York, NY", "San Francisco, CA", "Remote, US", "London, UK", "Seattle, WA"]
        let names = ["Google", "Stripe", "Citadel", "Jane Street", "Databricks", "Meta", "Amazon", "Two Sigma"]
        var random = SplitMix64(seed: 7)
        var batch: [FeedPostingWrite] = []
        for index in 0..<count {
            let posting = JobPosting(
                company: names[Int(random.next() % UInt64(names.count))], title: titles[Int(random.next() % UInt64(titles.count))],
                location: places[Int(random.next() % UInt64(places.count))], remote: RemotePolicy.allCases[Int(random.next() % 3)],
                employmentType: EmploymentType.allCases[Int(random.next() % 4)], skills: ["go", "python"],
                salaryMin: 100_000 + Int(random.next() % 100) * 1_000, currency: "USD", url: "https://jobs.example/\(index)",
                postedAt: now - Int64(random.next() % 365) * 86_400_000)
            batch.append(
                FeedPostingWrite(
                    feed: "bench", externalID: "\(index)", posting: posting,
                    identity: PostingIdentity(canonicalURL: posting.url, fingerprint: "bench \(index)")))
            if batch.count == 5_000 {
                try await store.postings.insertFromFeeds(batch, now: now)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await store.postings.insertFromFeeds(batch, now: now)
    }
}
