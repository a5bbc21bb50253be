import Alerts
import ArgumentParser
import Discord
import Domain
import Extraction
import HiringPulseTesting
import JSON
import Store
import Support

struct MatchBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Alert matching throughput, in postings × profiles a second.",
        discussion: """
            Generates --postings varied job postings (titles, skills, places, remote, pay, age) and
            --profiles varied alert profiles (skills with weights, keywords, remote, places, minimum
            pay, thresholds), then routes them as the daemon's matcher does (PostingRouter): profiles
            read from their stored criteria and compiled once, each stored posting normalized and
            prepared once, then scored against every profile, each match an outbox entry per
            destination. Prints pairs a second and the matches found, as JSON.

            Example: swift run -c release hiringpulse-bench match --postings 20000 --profiles 200
            """
    )

    @Option(help: "Postings to match.")
    var postings = 20_000

    @Option(help: "Alert profiles to match them against.")
    var profiles = 200

    static let skills = [
        "go", "python", "java", "typescript", "react", "node", "postgresql", "aws", "kubernetes", "rust", "c++", "kafka", "spark", "swift",
        "kotlin",
    ]
    static let titles = [
        "Backend Engineer", "Frontend Engineer", "Software Engineer Intern", "Data Engineer", "ML Engineer", "Site Reliability Engineer",
        "iOS Developer", "Full Stack Engineer", "New Grad Software Engineer", "Platform Engineer",
    ]
    static let places = [
        "New York, NY", "San Francisco, CA", "Toronto, ON", "Berlin", "London", "Remote in USA", "Austin, TX", "Seattle, WA",
    ]
    static let words = [
        "payments", "backend", "distributed", "systems", "startup", "series", "clearance", "on-call", "greenfield", "growth", "infra",
        "mobile", "ml", "data", "platform",
    ]

    func run() throws {
        var random = SplitMix64(seed: 42)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next(upTo: UInt64(list.count)))] }
        let now: Int64 = 1_800_000_000_000
        let generated = (0..<postings).map { index -> StoredPosting in
            let low = 60_000 + Int(random.next(upTo: 150)) * 1_000
            let remote: RemotePolicy = [.yes, .no, .hybrid][Int(random.next(upTo: 3))]
            let posting = JobPosting(
                company: "Company \(random.next(upTo: 500))", title: pick(Self.titles), location: pick(Self.places), remote: remote,
                employmentType: random.next(upTo: 4) == 0 ? .internship : .fullTime,
                skills: (0..<(1 + Int(random.next(upTo: 5)))).map { _ in pick(Self.skills) },
                salaryMin: random.next(upTo: 4) == 0 ? nil : low, salaryMax: random.next(upTo: 4) == 0 ? nil : low + 30_000,
                currency: "USD", url: "https://jobs.example/\(index)", postedAt: now - Int64(random.next(upTo: 30)) * 86_400_000,
                description: (0..<40).map { _ in pick(Self.words) }.joined(separator: " "))
            return StoredPosting(id: Int64(index + 1), source: "feed:bench", posting: posting)
        }
        let stored = (0..<profiles).map { index -> StoredAlertProfile in
            var skills: [String: Double] = [:]
            for _ in 0..<(1 + Int(random.next(upTo: 4))) { skills[pick(Self.skills)] = Double(1 + random.next(upTo: 3)) }
            let profile = AlertProfile(
                name: "profile \(index)", remote: [.required, .remoteOrHybrid, .any][Int(random.next(upTo: 3))],
                locations: random.next(upTo: 3) == 0 ? [String(pick(Self.places).prefix(6))] : [],
                employmentTypes: random.next(upTo: 3) == 0 ? [.fullTime] : [],
                includeKeywords: random.next(upTo: 2) == 0 ? [pick(Self.words)] : [],
                excludeKeywords: random.next(upTo: 2) == 0 ? ["clearance"] : [], skills: skills,
                minimumSalary: random.next(upTo: 2) == 0 ? 100_000 + Int(random.next(upTo: 80)) * 1_000 : nil,
                maxAgeDays: random.next(upTo: 2) == 0 ? 14 : nil, threshold: 0.4 + Double(random.next(upTo: 4)) / 10)
            return StoredAlertProfile(
                id: Int64(index + 1), name: profile.name, ownerHash: "", source: "config", criteria: profile.criteria,
                destinations: ["telegram:\(index)"])
        }
        let started = ContinuousClock.now
        let entries = PostingRouter(profiles: stored).entries(for: generated, now: now)
        let matches = entries.count
        let reasons = entries.reduce(0) { $0 + $1.reasons.count }
        let elapsed = (ContinuousClock.now - started).seconds
        let pairs = Double(postings * profiles)
        print(
            JSONValue.object([
                ("benchmark", .string("match")), ("postings", .integer(Int64(postings))), ("profiles", .integer(Int64(profiles))),
                ("pairs", .integer(Int64(pairs))), ("seconds", .number(round3(elapsed))),
                ("pairs_per_second", .integer(Int64(pairs / max(elapsed, 1e-9)))), ("matches", .integer(Int64(matches))),
                ("reasons_per_match", .number(round3(Double(reasons) / Double(max(1, matches))))),
                ("peak_rss_mb", .number(round3(peakResidentMegabytes()))),
            ]).serialized)
    }
}
