import Foundation

/// How well a posting that passed a profile's criteria fits it, from 0 to 1: what orders matches
/// best first, and what the profile's threshold is compared with. Pure: each part is worked out by
/// `ProfileMatcher`, this adds them up.
///
/// With skills in the profile: the share of the skill weight the posting names (60 %), then title
/// relevance, recency, pay and fit (10 % each). Without skills, the other four share the whole —
/// fit 35 %, title 25 %, recency 25 %, pay 15 % — so that matches still rank, those that state
/// what the profile asks first.
struct MatchScore: Sendable, Hashable {
    /// The share of the profile's skill weight the posting names; nil when the profile names none.
    var skills: Double?
    /// The share of the profile's terms (skills, include keywords) the title names; for a
    /// profile without terms, whether the title is an engineering role.
    var title: Double
    /// 1 when posted now, halving every `recencyHalfLifeDays`.
    var recency: Double
    /// 1 when the pay is stated (and meets a minimum), `unstatedSalary` when not.
    var salary: Double
    /// How the level, kind of job and place fit what the profile asks; 0.5 when it asks nothing.
    var fit: Double

    /// The fit of a criterion the profile asks and the posting does not state (no level, no kind):
    /// it passes, well below one that states what was asked.
    static let unstatedFit = 0.25
    /// Near what was asked: hybrid for `remote_or_hybrid`, a remote posting naming no place for a
    /// profile that names places.
    static let nearFit = 0.7

    static let recencyHalfLifeDays = 7.0
    static let unstatedSalary = 0.3

    var total: Double {
        let value: Double
        if let skills {
            value = 0.6 * skills + 0.1 * title + 0.1 * recency + 0.1 * salary + 0.1 * fit
        } else {
            value = 0.35 * fit + 0.25 * title + 0.25 * recency + 0.15 * salary
        }
        return (min(1, max(0, value)) * 100).rounded() / 100
    }

    /// 1 for a posting of now or the future, 0.5 a half-life ago, and so on.
    static func recency(postedAt: Int64, now: Int64) -> Double {
        let days = Double(max(0, now - postedAt)) / 86_400_000
        return Foundation.pow(0.5, days / recencyHalfLifeDays)
    }

    /// The mean of the fits the profile asks about (each 1 when met, less when unknown); 0.5 when
    /// it asks about none.
    static func fit(_ parts: [Double]) -> Double {
        parts.isEmpty ? 0.5 : parts.reduce(0, +) / Double(parts.count)
    }
}
