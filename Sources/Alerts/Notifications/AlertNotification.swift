public import Domain
import Foundation

/// One match to tell a subscriber about: the posting, the profile it matched, why and how well.
public struct AlertNotification: Sendable, Hashable {
    public var posting: JobPosting
    public var profileName: String
    public var match: MatchResult
    /// The outbox row it was sent from, which feedback buttons name; nil for a preview.
    public var feedbackID: Int64?

    public init(posting: JobPosting, profileName: String, match: MatchResult, feedbackID: Int64? = nil) {
        self.posting = posting
        self.profileName = profileName
        self.match = match
        self.feedbackID = feedbackID
    }

    /// "Backend Engineer", with the company when known: "Backend Engineer at Acme".
    public var headline: String { posting.headline }

    public var details: String { posting.details }

    /// "Why: skills go, postgresql (4 of 5); remote (score 0.86)".
    public var why: String {
        "Why: " + (match.reasons.isEmpty ? "it matches" : match.reasons.joined(separator: "; "))
            + " (score \(String(format: "%.2f", match.score)))"
    }
}

extension JobPosting {
    /// "Backend Engineer", with the company when known: "Backend Engineer at Acme".
    public var headline: String {
        let title = title.flatMap { $0.isEmpty ? nil : $0 } ?? "A job"
        guard let company, !company.isEmpty else { return title }
        return "\(title) at \(company)"
    }

    /// "Remote in USA · full time · senior · $150k–$180k": what kind of job, where, for what pay.
    public var details: String {
        var parts = location.map { [$0] } ?? []
        if let remote, !parts.contains(where: { $0.lowercased().contains("remote") }) {
            parts.append(ProfileMatcher.describe(remote))
        }
        if let employmentType { parts.append(employmentType.words) }
        if let seniority { parts.append(seniority.rawValue) }
        if salaryMin != nil || salaryMax != nil { parts.append(ProfileMatcher.salaryText(self)) }
        return parts.joined(separator: " · ")
    }
}
