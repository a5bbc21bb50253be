public import Store

/// Scores new postings against every profile and says which notifications to queue: one per
/// match and destination. Pure: profiles and the time are passed in.
public struct PostingRouter: Sendable {
    public struct Route: Sendable {
        public var profileID: Int64
        public var matcher: ProfileMatcher
        public var destinations: [String]
    }

    /// Postings older than this are not announced unless a profile says how old it accepts:
    /// history brought in by `import` is not news.
    public static let defaultMaxAgeDays = 30

    public let routes: [Route]

    /// `learned`: what each profile (by id) learned from feedback.
    public init(profiles: [StoredAlertProfile], learned: [Int64: LearnedPreferences] = [:]) {
        routes = profiles.compactMap { stored in
            guard !stored.destinations.isEmpty else { return nil }
            var profile = AlertProfile(name: stored.name, criteria: stored.criteria)
            if profile.maxAgeDays == nil { profile.maxAgeDays = Self.defaultMaxAgeDays }
            return Route(
                profileID: stored.id, matcher: ProfileMatcher(profile, learned: learned[stored.id] ?? .none),
                destinations: stored.destinations)
        }
    }

    /// The outbox entries for these postings; retracted ones match nothing.
    public func entries(for postings: [StoredPosting], now: Int64) -> [OutboxEntry] {
        var entries: [OutboxEntry] = []
        for stored in postings where !stored.retracted {
            let prepared = PreparedPosting(PostingNormalizer.posting(from: stored))
            for route in routes {
                guard let match = route.matcher.match(prepared, now: now) else { continue }
                for destination in route.destinations {
                    entries.append(
                        OutboxEntry(
                            postingID: stored.id, profileID: route.profileID, destination: destination, score: match.score,
                            reasons: match.reasons))
                }
            }
        }
        return entries
    }
}
