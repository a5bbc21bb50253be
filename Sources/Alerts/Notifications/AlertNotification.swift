import Foundation

/// One match to tell a subscriber about: the posting, the profile it matched, why and how well.
public struct AlertNotification: Sendable, Hashable {
    public var posting: Posting
    public var profileName: String
    public var match: MatchResult

    public init(posting: Posting, profileName: String, match: MatchResult) {
        self.posting = posting
        self.profileName = profileName
        self.match = match
    }

    /// "Backend Engineer", with the company when known: "Backend Engineer at Acme".
    public var headline: String {
        let title = posting.title.isEmpty ? "A job" : posting.title
        guard let company = posting.company, !company.isEmpty else { return title }
        return "\(title) at \(company)"
    }

    public var details: String { posting.details }

    /// "Why: skills go, postgresql (4 of 5); remote (score 0.86)".
    public var why: String {
        "Why: " + (match.reasons.isEmpty ? "it matches" : match.reasons.joined(separator: "; "))
            + " (score \(String(format: "%.2f", match.score)))"
    }
}

extension Posting {
    /// "Remote in USA · full time · senior · $150k–$180k": what kind of job, where, for what pay.
    public var details: String {
        var parts = locations
        if let remote, !parts.contains(where: { $0.lowercased().contains("remote") }) {
            parts.append(ProfileMatcher.describe(remote))
        }
        if let employmentType { parts.append(employmentType.replacingOccurrences(of: "_", with: " ")) }
        if let seniority { parts.append(seniority) }
        if salaryMin != nil || salaryMax != nil { parts.append(ProfileMatcher.salaryText(self)) }
        return parts.joined(separator: " · ")
    }
}
