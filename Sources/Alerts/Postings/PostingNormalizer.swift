import Extraction
import Foundation
import Store

/// Turns what a feed or a message says about a job into a `Posting`: canonical company, remote
/// read from words such as "Remote in USA", employment type and seniority from the title,
/// normalized skills, and pay annualized with absurd figures dropped.
public struct PostingNormalizer: Sendable {
    let catalog: CompanyCatalog

    public init(catalog: CompanyCatalog) {
        self.catalog = catalog
    }

    /// A feed's item; nil for one that is not a job (no title) or no longer open.
    public func posting(from item: FeedItem, now: Date) -> Posting? {
        guard item.active, !item.title.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let title = FeedText.repairMojibake(item.title).trimmingCharacters(in: .whitespaces)
        let description = item.description ?? ""
        let placeText = ([item.remoteText].compactMap { $0 } + item.locations).joined(separator: " ")
        let skillText = ([title] + item.tags + [description]).joined(separator: "\n")
        let salary = Self.annualSalary(min: item.salaryMin, max: item.salaryMax, text: item.salaryText)
        return Posting(
            company: item.company.map { catalog.canonicalName(FeedText.repairMojibake($0)) ?? $0 },
            title: title, locations: item.locations, remote: item.remote ?? Self.remote(in: placeText + " " + title),
            // The source's own field first; then the title and tags; a description only when they do not.
            employmentType: item.employmentType ?? Self.employmentType(in: title + " " + item.tags.joined(separator: " "))
                ?? Self.employmentType(in: description),
            seniority: Self.seniority(in: title), skills: Self.skills(in: skillText),
            // A source that states its currency (Lever, Ashby) is believed over the dollar default.
            salaryMin: salary?.min, salaryMax: salary?.max, currency: salary.flatMap { item.salaryCurrency ?? $0.currency },
            url: item.applyURL ?? item.url, postedAt: Int64(((item.postedAt ?? now).timeIntervalSince1970 * 1000).rounded()),
            text: description)
    }

    /// A stored posting. A message's posting holds what the extractor read; what it left out
    /// (remote, the kind of job, seniority, skills) is read from the message's words, as for feeds.
    public static func posting(from stored: StoredPosting) -> Posting {
        var posting = Posting(stored: stored)
        guard stored.source == "message" else { return posting }
        let words = posting.title + "\n" + stored.text
        if posting.remote == nil { posting.remote = remote(in: words) }
        if posting.employmentType == nil { posting.employmentType = employmentType(in: words) }
        if posting.seniority == nil { posting.seniority = seniority(in: posting.title.isEmpty ? stored.text : posting.title) }
        if posting.skills.isEmpty { posting.skills = skills(in: words) }
        return posting
    }

    /// A feed's item as the store keeps it; nil for one that is not a job or no longer open.
    public func write(from item: FeedItem, now: Date) -> FeedPostingWrite? {
        guard let posting = posting(from: item, now: now) else { return nil }
        return FeedPostingWrite(
            feed: item.source, externalId: item.externalId, company: posting.company, title: posting.title,
            location: posting.locations.isEmpty ? nil : posting.locations.joined(separator: "; "), remote: posting.remote?.rawValue,
            employmentType: posting.employmentType, seniority: posting.seniority, skills: posting.skills,
            salaryMin: posting.salaryMin, salaryMax: posting.salaryMax, currency: posting.currency, url: posting.url,
            description: posting.text, identity: PostingDeduplication.identity(of: posting), postedAt: posting.postedAt)
    }

    // MARK: Reading the words

    /// "Remote in USA", "100% remote", "WFH" → yes; "hybrid", "3 days in office" → hybrid;
    /// "on-site", "in office", "in person" → no. Hybrid wins over remote ("remote-friendly, hybrid").
    static func remote(in text: String) -> RemotePolicy? {
        let words = " " + PreparedPosting.words(of: text).joined(separator: " ") + " "
        func has(_ phrase: String) -> Bool { words.contains(" \(phrase) ") }
        if has("hybrid") || has("days in office") || has("days in the office") || has("days onsite") { return .hybrid }
        if has("remote") || has("wfh") || has("work from home") || has("anywhere") || has("distributed") { return .yes }
        if has("on site") || has("onsite") || has("in office") || has("in person") || has("in the office") { return .no }
        return nil
    }

    static func employmentType(in text: String) -> String? {
        let words = Set(PreparedPosting.words(of: text))
        if !words.isDisjoint(with: ["intern", "internship", "interns", "coop"]) { return "internship" }
        if !words.isDisjoint(with: ["contract", "contractor", "freelance"]) { return "contract" }
        if words.contains("part") && words.contains("time") || words.contains("parttime") { return "part_time" }
        if words.contains("full") && words.contains("time") || words.contains("fulltime") || words.contains("fte") { return "full_time" }
        return nil
    }

    static func seniority(in title: String) -> String? {
        let words = Set(PreparedPosting.words(of: title))
        let levels: [(String, Set<String>)] = [
            ("intern", ["intern", "internship", "coop"]), ("principal", ["principal"]), ("staff", ["staff"]),
            ("lead", ["lead", "manager"]), ("senior", ["senior", "sr"]), ("junior", ["junior", "jr", "entry", "grad", "graduate"]),
            ("mid", ["mid", "ii", "intermediate"]),
        ]
        return levels.first { !words.isDisjoint(with: $0.1) }?.0
    }

    /// Skills named in the text, normalized ("Golang" → go), in order of first mention.
    static func skills(in text: String) -> [String] {
        SkillVocabulary.skills(in: TextTokenizer.tokenize(text))
    }

    // MARK: Pay

    /// Annual amounts no job pays: a typo, or hourly pay in an annual field.
    static let plausibleAnnual = 10_000...2_000_000

    /// Feeds give annual figures, but now and then an hourly one ("30") in the annual field, or 0
    /// for unknown. Hourly-looking figures (10 to 500) are annualized (× 2080); other figures out
    /// of the plausible range are dropped. Without figures, the text is read as people write pay.
    static func annualSalary(min: Double?, max: Double?, text: String?) -> (min: Int?, max: Int?, currency: String?)? {
        func annual(_ value: Double?) -> Int? {
            guard let value, value.isFinite, value > 0 else { return nil }
            let yearly = (10...500).contains(value) ? value * 2080 : value
            return plausibleAnnual.contains(Int(yearly.rounded())) ? Int(yearly.rounded()) : nil
        }
        var low = annual(min)
        var high = annual(max)
        if low == nil && high == nil, let text, let range = SalaryParser.parse(text) {
            return (range.min, range.max, range.currency)
        }
        guard low != nil || high != nil else { return nil }
        if let a = low, let b = high, a > b { (low, high) = (b, a) }
        // Feeds with numeric pay fields (RemoteOK) state it in US dollars.
        return (low, high, "USD")
    }
}
