import Extraction

/// Why a posting matched a profile, and how well: shown with every notification.
public struct MatchResult: Sendable, Hashable {
    /// 0 to 1.
    public var score: Double
    /// "skills: go, postgresql (4 of 5)", "salary $150k–$180k", "remote", …
    public var reasons: [String]

    public init(score: Double, reasons: [String]) {
        self.score = score
        self.reasons = reasons
    }
}

/// One profile, compiled for matching many postings. Pure: the time is passed in.
///
/// Criteria that fail leave the posting out (an excluded word or company, not remote enough, the
/// wrong place or kind of job, too old, paid less than asked). What passes is scored: the share of
/// the profile's skill weight the posting names (70 %), the salary (15 %: met, or half when not
/// stated) and remote or place (15 %). A profile without skills gives that share whole.
public struct ProfileMatcher: Sendable {
    public let profile: AlertProfile
    private let includeKeywords: [[String]]
    private let excludeKeywords: [[String]]
    private let employmentTypes: Set<String>
    private let companyKeys: Set<String>
    private let excludedCompanyKeys: Set<String>
    private let locations: [String]
    private let skillWeights: [(skill: String, weight: Double)]
    private let totalSkillWeight: Double

    static let skillShare = 0.7
    static let salaryShare = 0.15
    static let placeShare = 0.15

    public init(_ profile: AlertProfile) {
        self.profile = profile
        includeKeywords = profile.includeKeywords.map(PreparedPosting.words).filter { !$0.isEmpty }
        excludeKeywords = profile.excludeKeywords.map(PreparedPosting.words).filter { !$0.isEmpty }
        employmentTypes = Set(profile.employmentTypes)
        companyKeys = Set(profile.companies.map(CompanyCatalog.key))
        excludedCompanyKeys = Set(profile.excludedCompanies.map(CompanyCatalog.key))
        locations = profile.locations.map { $0.lowercased() }
        skillWeights = profile.skills.filter { $0.value > 0 }.map { ($0.key, $0.value) }.sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.skill < $1.skill) }
        totalSkillWeight = skillWeights.reduce(0) { $0 + $1.weight }
    }

    /// The match, or nil when the posting is left out or scores under the threshold.
    public func match(_ prepared: PreparedPosting, now: Int64) -> MatchResult? {
        let posting = prepared.posting
        var reasons: [String] = []

        if excludeKeywords.contains(where: prepared.mentions) { return nil }
        if let key = prepared.companyKey, excludedCompanyKeys.contains(key) { return nil }
        if !companyKeys.isEmpty {
            guard let key = prepared.companyKey, companyKeys.contains(key) else { return nil }
            reasons.append("company \(posting.company ?? "")")
        }
        if let maxAgeDays = profile.maxAgeDays, now - posting.postedAt > Int64(maxAgeDays) * 86_400_000 { return nil }
        if !employmentTypes.isEmpty, let type = posting.employmentType, !employmentTypes.contains(type) { return nil }
        if !includeKeywords.isEmpty {
            let found = includeKeywords.filter(prepared.mentions)
            guard !found.isEmpty else { return nil }
            reasons.append("mentions " + found.map { $0.joined(separator: " ") }.joined(separator: ", "))
        }

        switch (profile.remote, posting.remote) {
        case (.required, .yes?), (.remoteOrHybrid, .yes?): reasons.append("remote")
        case (.remoteOrHybrid, .hybrid?): reasons.append("hybrid")
        case (.required, _), (.remoteOrHybrid, _): return nil
        case (.any, let policy): if let policy { reasons.append(Self.describe(policy)) }
        }
        if !locations.isEmpty {
            let place = locations.first { wanted in prepared.lowerLocations.contains { $0.contains(wanted) } }
            if let place {
                reasons.append("in \(profile.locations[locations.firstIndex(of: place) ?? 0])")
            } else if !(posting.remote == .yes && posting.locations.isEmpty) {
                return nil
            }
        }

        var salaryScore = 1.0
        if let stated = posting.salaryMax ?? posting.salaryMin {
            if let minimum = profile.minimumSalary, stated < minimum { return nil }
            reasons.append("salary " + Self.salaryText(posting))
        } else if profile.minimumSalary != nil {
            // Many good postings state no pay: they pass, with half the salary share.
            salaryScore = 0.5
            reasons.append("salary not stated")
        }
        return finish(skillScore: skillScore(prepared, into: &reasons), salaryScore: salaryScore, reasons: reasons)
    }

    private func skillScore(_ prepared: PreparedPosting, into reasons: inout [String]) -> Double {
        guard totalSkillWeight > 0 else { return 1 }
        let matched = skillWeights.filter { prepared.skills.contains($0.skill) || prepared.words.contains($0.skill) }
        guard !matched.isEmpty else { return 0 }
        let weight = matched.reduce(0) { $0 + $1.weight }
        reasons.insert("skills " + matched.map(\.skill).joined(separator: ", ") + " (\(Self.number(weight)) of \(Self.number(totalSkillWeight)))", at: 0)
        return weight / totalSkillWeight
    }

    private func finish(skillScore: Double, salaryScore: Double, reasons: [String]) -> MatchResult? {
        let score = Self.skillShare * skillScore + Self.salaryShare * salaryScore + Self.placeShare
        let rounded = (score * 100).rounded() / 100
        guard rounded >= profile.threshold else { return nil }
        return MatchResult(score: rounded, reasons: reasons)
    }

    static func describe(_ policy: RemotePolicy) -> String {
        switch policy {
        case .yes: "remote"
        case .hybrid: "hybrid"
        case .no: "on-site"
        }
    }

    /// "$150k–$180k", "€90k", "120k–140k CAD".
    public static func salaryText(_ posting: Posting) -> String {
        let symbols = ["USD": "$", "EUR": "€", "GBP": "£"]
        let symbol = posting.currency.flatMap { symbols[$0] }
        func amount(_ value: Int) -> String {
            let text = value >= 1000 && value % 1000 == 0 ? "\(value / 1000)k" : value >= 1000 ? String(format: "%.1fk", Double(value) / 1000) : "\(value)"
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

import Foundation
