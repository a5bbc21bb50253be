import Discord
import Foundation
import Support

/// Generates realistic recruiting-chat exports of any size, deterministically from a seed: stage
/// updates with company aliases, several companies per message, questions, chatter, spam, job
/// postings, and some bot and system messages.
public struct ChatExportGenerator: Sendable {
    public var seed: UInt64
    public var authors: Int
    /// Time of the first message, Unix milliseconds; messages follow every few seconds.
    public var start: Int64

    public init(seed: UInt64 = 42, authors: Int = 2_000, start: Int64 = 1_788_220_800_000) {
        self.seed = seed
        self.authors = authors
        self.start = start
    }

    /// Writes `count` messages to `path`.
    public func write(count: Int, to path: String) throws {
        let writer = try ChatExportWriter(path: path)
        try forEachMessage(count: count) { try writer.append($0) }
        try writer.finish()
    }

    /// Hands each of `count` generated messages to `body`, in order, without keeping them.
    public func forEachMessage(count: Int, _ body: (ExportMessageSpec) throws -> Void) throws {
        var random = SplitMix64(seed: seed)
        var time = start
        // One formatter for the whole run: making one per message cost most of the generation time.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for index in 0..<count {
            time += Int64(random.next(upTo: 20_000))
            let author = random.next(upTo: UInt64(authors))
            var spec = ExportMessageSpec(
                id: Snowflake(unixMilliseconds: time).rawValue + UInt64(index % 4096),
                timestamp: Self.iso8601(time, formatter),
                content: Self.content(&random),
                authorID: String(300_000_000_000_000_000 + author))
            switch random.next(upTo: 100) {
            case 0: spec.isBot = true
            case 1:
                spec.type = "GuildMemberJoin"
                spec.content = ""
            default: break
            }
            try body(spec)
        }
    }

    static let companies = [
        "JPMC", "Goldman", "GS", "Google", "Amazon", "Meta", "FB", "HRT", "Jane Street", "Citadel", "Stripe", "C1",
        "Capital One", "BofA", "MSFT", "Microsoft", "Two Sigma", "DE Shaw", "Databricks", "Apple", "Netflix",
        "Palantir", "Bloomberg", "Ramp", "Robinhood", "Coinbase", "IMC", "Optiver", "SIG", "Akuna", "Uber", "Airbnb",
        "Snowflake", "Nvidia", "Tesla", "Morgan Stanley", "Point72", "Jump Trading", "Datadog", "Plaid",
    ]

    static let updates = [
        "got the OA from {c}", "{c} superday friday", "offer from {c}!!", "rejected by {c} 😭", "just applied to {c}",
        "phone screen with {c} next week", "{c} VO scheduled for monday", "HackerRank from {c} today",
        "got a reject from {c} post OA", "final round at {c} went well I think", "{c} R1 tomorrow wish me luck",
        "recruiter call with {c} this afternoon", "OAs from {c} and {d}", "rejected by {c}, offer from {d} 🎉",
        "CodeSignal for {c} done", "{c} onsite next thursday", "accepted the {c} offer!!", "{c} dinged me",
    ]

    static let chatter = [
        "has anyone heard back from {c} after the OA?", "when does {c} usually send superday invites?",
        "my friend got an offer from {c}", "lol the market is rough", "grinding leetcode all weekend",
        "anyone else still waiting on {c}?", "good luck everyone 🍀", "is {c} hiring new grads this year?",
        "what's the {c} OA like?", "no OA from {c} yet", "ghosted again", "how many apps are you all at?",
    ]

    static let postings = [
        "[Hiring] remote Go backend engineer at Acme, $150k–$180k https://jobs.example.com/acme/{n}",
        "We're hiring new grad SWE at {c}, NYC, 170-190k, apply: https://careers.example.com/{n}",
        "Hiring: Data Engineer (Python, Spark, AWS), Toronto, 120-140k CAD https://jobs.example.com/de/{n}",
    ]

    static let spam = [
        "🚀 free nitro giveaway claim now https://discord.gift.example/{n}",
        "selling leetcode premium accounts cheap DM me", "paid referrals for {c}, $50 each, DM",
        "crypto signals 100x guaranteed profit join now",
    ]

    static func content(_ random: inout SplitMix64) -> String {
        let roll = random.next(upTo: 100)
        let template: String
        switch roll {
        case 0..<55: template = updates[Int(random.next(upTo: UInt64(updates.count)))]
        case 55..<90: template = chatter[Int(random.next(upTo: UInt64(chatter.count)))]
        case 90..<96: template = postings[Int(random.next(upTo: UInt64(postings.count)))]
        default: template = spam[Int(random.next(upTo: UInt64(spam.count)))]
        }
        let c = companies[Int(random.next(upTo: UInt64(companies.count)))]
        let d = companies[Int(random.next(upTo: UInt64(companies.count)))]
        return template.replacingOccurrences(of: "{c}", with: c).replacingOccurrences(of: "{d}", with: d)
            .replacingOccurrences(of: "{n}", with: String(random.next(upTo: 1_000_000)))
    }

    static func iso8601(_ milliseconds: Int64, _ formatter: ISO8601DateFormatter) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        return formatter.string(from: date).replacingOccurrences(of: "Z", with: "+00:00")
    }
}
