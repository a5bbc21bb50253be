public import Domain
public import Store

/// What a profile would have sent from stored postings, best first: `hiringpulse alerts test` and
/// `/alerts test`. Nothing is sent or written.
public enum ProfileDryRun {
    public static func matches(
        _ profile: AlertProfile, learned: LearnedPreferences = .none, in postings: [StoredPosting], now: Int64
    ) -> [(posting: JobPosting, match: MatchResult)] {
        let matcher = ProfileMatcher(profile, learned: learned)
        return postings.compactMap { stored -> (JobPosting, MatchResult)? in
            guard !stored.retracted else { return nil }
            let posting = PostingNormalizer.posting(from: stored)
            return matcher.match(PreparedPosting(posting), now: now).map { (posting, $0) }
        }.sorted { $0.1.score > $1.1.score }
    }
}
