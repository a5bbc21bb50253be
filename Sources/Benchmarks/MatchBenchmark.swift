import Alerts
import ArgumentParser
import Bot
import Discord
import Domain
import Extraction
import HiringPulseTesting
import JSON
import Store
import Support

struct MatchBenchmark: AsyncParsableCommand {
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

            With --reactions N, each profile first gets N 👍 / 👎 / 🚫 on generated postings, stored
            in a real SQLite file: the run then also times reading them back and learning from them
            (what the matcher does before each batch) and routes with what was learned, beside the
            same routing without it.

            Example: swift run -c release hiringpulse-bench match --postings 20000 --profiles 200 --reactions 50
            """
    )

    @Option(help: "Postings to match.")
    var postings = 20_000

    @Option(help: "Alert profiles to match them against.")
    var profiles = 200

    @Option(help: "Feedback reactions stored per profile (0: none, and no database).")
    var reactions = 0

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

    func run() async throws {
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
        let pairs = Double(postings * profiles)
        func route(_ learned: [Int64: LearnedPreferences]) -> (entries: [OutboxEntry], seconds: Double) {
            let started = ContinuousClock.now
            let entries = PostingRouter(profiles: stored, learned: learned).entries(for: generated, now: now)
            return (entries, (ContinuousClock.now - started).seconds)
        }
        let plain = route([:])
        let reasons = plain.entries.reduce(0) { $0 + $1.reasons.count }
        var members: [(key: String, value: JSONValue)] = [
            ("benchmark", .string("match")), ("postings", .integer(Int64(postings))), ("profiles", .integer(Int64(profiles))),
            ("pairs", .integer(Int64(pairs))), ("seconds", .number(round3(plain.seconds))),
            ("pairs_per_second", .integer(Int64(pairs / max(plain.seconds, 1e-9)))), ("matches", .integer(Int64(plain.entries.count))),
            ("reasons_per_match", .number(round3(Double(reasons) / Double(max(1, plain.entries.count))))),
        ]
        if reactions > 0 {
            let (learned, loadSeconds) = try await learnedFromStoredReactions(stored, postings: generated, random: &random)
            let taught = route(learned)
            members += [
                ("reactions_per_profile", .integer(Int64(reactions))), ("load_and_learn_seconds", .number(round3(loadSeconds))),
                ("seconds_with_feedback", .number(round3(taught.seconds))),
                ("pairs_per_second_with_feedback", .integer(Int64(pairs / max(taught.seconds, 1e-9)))),
                ("matches_with_feedback", .integer(Int64(taught.entries.count))),
            ]
        }
        members.append(("peak_rss_mb", .number(round3(peakResidentMegabytes()))))
        print(JSONValue.object(members).serialized)
    }

    /// Stores `reactions` per profile in a scratch database, as presses would, then times what
    /// the matcher does with them before a batch: read them all and learn.
    private func learnedFromStoredReactions(
        _ profiles: [StoredAlertProfile], postings: [StoredPosting], random: inout SplitMix64
    ) async throws -> (learned: [Int64: LearnedPreferences], seconds: Double) {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("match.sqlite"))
        let ids = try await store.alertProfiles.syncConfigured(profiles.map { ($0.name, $0.criteria, $0.destinations) })
        let kinds: [FeedbackReaction] = [.relevant, .relevant, .notForMe, .neverCompany]
        for profile in profiles {
            for reaction in 0..<reactions {
                let posting = postings[Int(random.next(upTo: UInt64(postings.count)))].posting
                let terms = FeedbackTerms(posting: posting)
                try await store.alertProfiles.saveFeedback(
                    StoredFeedback(
                        profileID: ids[profile.name] ?? 0, memberHash: "member", postingID: Int64(reaction),
                        reaction: kinds[Int(random.next(upTo: UInt64(kinds.count)))].rawValue, skills: terms.skills,
                        titleWords: terms.titleWords, company: posting.company, createdAt: Int64(reaction)))
            }
        }
        let started = ContinuousClock.now
        let learned = try await AlertFeedback(store: store).learned()
        let seconds = (ContinuousClock.now - started).seconds
        // The router knows the profiles by the benchmark's ids.
        let byName = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        let remapped = Dictionary(
            uniqueKeysWithValues: learned.compactMap { id, value in
                byName[id].flatMap { name in profiles.first { $0.name == name }.map { ($0.id, value) } }
            })
        return (remapped, seconds)
    }
}
