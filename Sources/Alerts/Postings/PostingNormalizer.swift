public import Domain
import Extraction
import Foundation
public import Store

/// Completes what a feed or a message says about a job: canonical company, remote read from words
/// such as "Remote in USA", employment type and seniority from the title, normalized skills, and
/// pay annualized with absurd figures dropped.
public struct PostingNormalizer: Sendable {
    let catalog: CompanyCatalog

    public init(catalog: CompanyCatalog) {
        self.catalog = catalog
    }

    /// A feed's item; nil for one that is not a job (no title) or no longer open. What the source
    /// states in a structured field (remote, the kind of job, the opening's id) comes first; then
    /// what the title, the tags and the description declare. `now` (Unix milliseconds) dates an
    /// item the feed does not date.
    public func posting(from item: FeedItem, now: Int64) -> JobPosting? {
        let written = item.posting.title?.trimmingCharacters(in: .whitespaces) ?? ""
        guard item.active, !written.isEmpty else { return nil }
        var posting = item.posting
        let title = FeedText.repairMojibake(written).trimmingCharacters(in: .whitespaces)
        let description = posting.description ?? ""
        let placeText = ([item.remoteText].compactMap { $0 } + item.locations).joined(separator: " ")
        let salary = Self.annualSalary(min: item.salaryMin, max: item.salaryMax, text: item.salaryText)
        posting.company = posting.company.map { catalog.canonicalName(FeedText.repairMojibake($0)) ?? $0 }
        posting.title = title
        posting.location = item.locations.isEmpty ? nil : item.locations.joined(separator: "; ")
        posting.remote = posting.remote ?? Self.remote(place: placeText, title: title)
        posting.employmentType =
            posting.employmentType ?? EmploymentTypeReading.fromTitle(title) ?? EmploymentTypeReading.fromTags(item.tags)
            ?? EmploymentTypeReading.fromDescription(description)
        posting.seniority = posting.seniority ?? SeniorityReading.fromTitle(title)
        if posting.skills.isEmpty { posting.skills = PostingSkills.skills(title: title, tags: item.tags, description: description) }
        posting.salaryMin = salary?.min
        posting.salaryMax = salary?.max
        // A source that states its currency (Lever, Ashby) is believed over the dollar default.
        posting.currency = salary.flatMap { item.salaryCurrency ?? $0.currency }
        posting.url = item.applyURL ?? posting.url
        posting.postedAt = posting.postedAt ?? now
        posting.description = description
        return posting
    }

    /// A stored posting. A message's posting holds what the extractor read; what it left out
    /// (remote, the kind of job, seniority, skills) is read from the message's words, as for feeds.
    public static func posting(from stored: StoredPosting) -> JobPosting {
        var posting = stored.posting
        guard stored.source == "message" else { return posting }
        let title = posting.title ?? ""
        let text = posting.description ?? ""
        if posting.remote == nil { posting.remote = remote(place: text, title: title) }
        if posting.employmentType == nil {
            posting.employmentType = EmploymentTypeReading.fromTitle(title) ?? EmploymentTypeReading.fromDescription(text)
        }
        if posting.seniority == nil { posting.seniority = SeniorityReading.fromTitle(title.isEmpty ? text : title) }
        if posting.skills.isEmpty { posting.skills = PostingSkills.skills(title: title, description: text) }
        return posting
    }

    /// A feed's item as the store keeps it; nil for one that is not a job or no longer open.
    public func write(from item: FeedItem, now: Int64) -> FeedPostingWrite? {
        guard let posting = posting(from: item, now: now) else { return nil }
        let openingID = item.openingID ?? (item.applyURL ?? item.posting.url).flatMap(OpeningID.fromURL)
        return FeedPostingWrite(
            feed: item.source, externalID: item.externalID, posting: posting,
            identity: PostingDeduplication.identity(of: posting, openingID: openingID))
    }

    // MARK: Reading the words

    /// Remote, hybrid or on-site, from the place a job names and its title: "Remote in USA",
    /// "100% remote", "WFH", "Anywhere" → yes; "hybrid", "3 days in office" → hybrid; "on-site",
    /// "in office" → no. Hybrid wins over remote ("remote-friendly, hybrid"). A title says remote
    /// only with the word itself: "Distributed Software Engineer" is about distributed systems.
    static func remote(place: String, title: String) -> RemotePolicy? {
        let placeWords = " " + PreparedPosting.words(of: place).joined(separator: " ") + " "
        let titleWords = " " + PreparedPosting.words(of: title).joined(separator: " ") + " "
        func has(_ phrase: String, in words: String) -> Bool { words.contains(" \(phrase) ") }
        let both = placeWords + titleWords
        if has("hybrid", in: both) || has("days in office", in: both) || has("days in the office", in: both)
            || has("days onsite", in: both)
        {
            return .hybrid
        }
        if has("remote", in: both) || has("wfh", in: both) || has("work from home", in: both) || has("anywhere", in: placeWords)
            || has("worldwide", in: placeWords) || has("fully distributed", in: placeWords)
        {
            return .yes
        }
        if has("on site", in: both) || has("onsite", in: both) || has("in office", in: both) || has("in person", in: both)
            || has("in the office", in: both)
        {
            return .no
        }
        return nil
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
