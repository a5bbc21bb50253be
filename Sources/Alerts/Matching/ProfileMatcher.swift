public import Domain
import Extraction
import Foundation

/// Why a posting matched a profile, and how well: shown with every notification.
public struct MatchResult: Sendable, Hashable {
    /// 0 to 1 (see `MatchScore`).
    public var score: Double
    /// "2 of 3 skills: go, postgresql", "skill weight 4 of 5", "salary $150k–$180k", "remote", …
    public var reasons: [String]

    public init(score: Double, reasons: [String]) {
        self.score = score
        self.reasons = reasons
    }
}

/// One profile, compiled for matching many postings. Pure: the time is passed in.
///
/// Criteria that fail leave the posting out (an excluded word or company, not remote enough, the
/// wrong place, kind or level of job, too old, paid less than asked, none of the skills). What
/// passes is scored by `MatchScore`, then moved by what feedback taught the profile
/// (`LearnedPreferences`), which also leaves out the companies a member said never to.
public struct ProfileMatcher: Sendable {
    public let profile: AlertProfile
    /// What the reactions to this profile's notifications taught it.
    public let learned: LearnedPreferences
    private let includeKeywords: [[String]]
    private let excludeKeywords: [[String]]
    private let employmentTypes: Set<EmploymentType>
    private let companyKeys: Set<String>
    private let excludedCompanyKeys: Set<String>
    private let locations: [String]
    private let skillWeights: [(skill: String, weight: Double)]
    private let totalSkillWeight: Double
    private let seniority: Set<Seniority>

    public init(_ profile: AlertProfile, learned: LearnedPreferences = .none) {
        self.profile = profile
        self.learned = learned
        includeKeywords = profile.includeKeywords.map(PreparedPosting.words).filter { !$0.isEmpty }
        excludeKeywords = profile.excludeKeywords.map(PreparedPosting.words).filter { !$0.isEmpty }
        employmentTypes = Set(profile.employmentTypes)
        companyKeys = Set(profile.companies.map(CompanyCatalog.key))
        excludedCompanyKeys = Set(profile.excludedCompanies.map(CompanyCatalog.key))
        locations = profile.locations.map { $0.lowercased() }
        skillWeights = profile.skills.filter { $0.value > 0 }.map { ($0.key, $0.value) }.sorted {
            $0.weight > $1.weight || ($0.weight == $1.weight && $0.skill < $1.skill)
        }
        totalSkillWeight = skillWeights.reduce(0) { $0 + $1.weight }
        seniority = Set(profile.seniority)
    }

    /// The match, or nil when the posting is left out or scores under the threshold.
    public func match(_ prepared: PreparedPosting, now: Int64) -> MatchResult? {
        let posting = prepared.posting
        var reasons: [String] = []

        if excludeKeywords.contains(where: prepared.mentions) { return nil }
        if let key = prepared.companyKey, excludedCompanyKeys.contains(key) || learned.isBlocked(companyKey: key) { return nil }
        if !companyKeys.isEmpty {
            guard let key = prepared.companyKey, companyKeys.contains(key) else { return nil }
            reasons.append("company \(posting.company ?? "")")
        }
        if let maxAgeDays = profile.maxAgeDays, now - (posting.postedAt ?? now) > Int64(maxAgeDays) * 86_400_000 { return nil }
        var fits: [Double] = []
        if !employmentTypes.isEmpty {
            if let type = posting.employmentType, !employmentTypes.contains(type) { return nil }
            fits.append(posting.employmentType == nil ? MatchScore.unstatedFit : 1)
        }
        if !seniority.isEmpty {
            if let level = posting.seniority, !seniority.contains(level) { return nil }
            fits.append(posting.seniority == nil ? MatchScore.unstatedFit : 1)
            if let level = posting.seniority { reasons.append("\(level.rawValue) level") }
        }
        if !includeKeywords.isEmpty {
            let found = includeKeywords.filter(prepared.mentions)
            guard !found.isEmpty else { return nil }
            reasons.append("mentions " + found.map { $0.joined(separator: " ") }.joined(separator: ", "))
        }

        switch (profile.remote, posting.remote) {
        case (.required, .yes?), (.remoteOrHybrid, .yes?):
            reasons.append("remote")
            fits.append(1)
        case (.remoteOrHybrid, .hybrid?):
            reasons.append("hybrid")
            fits.append(MatchScore.nearFit)
        case (.required, _), (.remoteOrHybrid, _): return nil
        case (.any, let policy): if let policy { reasons.append(Self.describe(policy)) }
        }
        if !locations.isEmpty {
            let place = locations.first { wanted in prepared.lowerLocations.contains { $0.contains(wanted) } }
            if let place {
                reasons.append("in \(profile.locations[locations.firstIndex(of: place) ?? 0])")
                fits.append(1)
            } else if posting.remote == .yes && posting.location == nil {
                fits.append(MatchScore.nearFit)
            } else {
                return nil
            }
        }

        var salary = 1.0
        if let stated = posting.salaryMax ?? posting.salaryMin {
            if let minimum = profile.minimumSalary, stated < minimum { return nil }
            reasons.append("salary " + Self.salaryText(posting))
        } else {
            // Many good postings state no pay: they pass, ranked below those that do.
            salary = MatchScore.unstatedSalary
            if profile.minimumSalary != nil { reasons.append("salary not stated") }
        }
        var score = MatchScore(
            skills: nil, title: titleRelevance(prepared), recency: MatchScore.recency(postedAt: posting.postedAt ?? now, now: now),
            salary: salary, fit: MatchScore.fit(fits))
        if totalSkillWeight > 0 {
            let matched = skillWeights.filter { named($0.skill, in: prepared) }
            // A profile that names skills wants at least one of them.
            guard !matched.isEmpty else { return nil }
            let weight = matched.reduce(0) { $0 + $1.weight }
            score.skills = weight / totalSkillWeight
            reasons.insert(contentsOf: skillReasons(matched, weight: weight), at: 0)
        }
        var total = score.total
        if let adjustment = learned.adjustment(terms: prepared.feedbackTerms) {
            total = (min(1, max(0, total + adjustment.delta)) * 100).rounded() / 100
            reasons.append(adjustment.reason)
        }
        guard total >= profile.threshold else { return nil }
        return MatchResult(score: total, reasons: reasons)
    }

    /// "2 of 3 skills: go, postgresql", and the weight apart when weights differ and some skill is
    /// missing: "skill weight 4 of 5".
    private func skillReasons(_ matched: [(skill: String, weight: Double)], weight: Double) -> [String] {
        var reasons = ["\(matched.count) of \(skillWeights.count) skills: " + matched.map(\.skill).joined(separator: ", ")]
        if Set(skillWeights.map(\.weight)).count > 1, matched.count < skillWeights.count {
            reasons.append("skill weight \(Self.number(weight)) of \(Self.number(totalSkillWeight))")
        }
        return reasons
    }

    /// A skill of the vocabulary is named when the posting's skills hold it (read as a skill, see
    /// `PostingSkills`); any other name the profile gives is looked for as a word.
    private func named(_ skill: String, in prepared: PreparedPosting) -> Bool {
        if prepared.skills.contains(skill) { return true }
        return SkillVocabulary.normalize(skill) == nil && prepared.mentions(PreparedPosting.words(of: skill))
    }

    /// The share of the profile's terms (skills by weight, include keywords) its title names; for
    /// a profile without terms, 1 for an engineering title and 0.5 for any other.
    private func titleRelevance(_ prepared: PreparedPosting) -> Double {
        let totalWeight = totalSkillWeight + Double(includeKeywords.count)
        guard totalWeight > 0 else { return prepared.titleIsTechnical ? 1 : 0.5 }
        let skillWeight = skillWeights.filter { prepared.titleSkills.contains($0.skill) || prepared.titleMentions([$0.skill]) }
            .reduce(0) { $0 + $1.weight }
        let keywords = Double(includeKeywords.filter(prepared.titleMentions).count)
        return (skillWeight + keywords) / totalWeight
    }

    static func describe(_ policy: RemotePolicy) -> String {
        switch policy {
        case .yes: "remote"
        case .hybrid: "hybrid"
        case .no: "on-site"
        }
    }

    /// "$150k–$180k", "€90k", "120k–140k CAD".
    public static func salaryText(_ posting: JobPosting) -> String {
        let symbols = ["USD": "$", "EUR": "€", "GBP": "£"]
        let symbol = posting.currency.flatMap { symbols[$0] }
        func amount(_ value: Int) -> String {
            let text =
                value >= 1000 && value % 1000 == 0
                ? "\(value / 1000)k" : value >= 1000 ? String(format: "%.1fk", Double(value) / 1000) : "\(value)"
            return (symbol ?? "") + text
        }
        let values = [posting.salaryMin, posting.salaryMax].compactMap { $0 }
        let range = Set(values).count == 1 ? amount(values[0]) : values.map(amount).joined(separator: "–")
        if symbol == nil, let currency = posting.currency { return range + " " + currency }
        return range
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
