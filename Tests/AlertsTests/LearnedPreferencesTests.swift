import Alerts
import Domain
import Testing

/// What a profile learns from 👍 / 👎 / 🚫: bounded, explained, and only what the reactions said.
@Suite struct LearnedPreferencesTests {
    static let now: Int64 = 1_800_000_000_000

    static func posting(_ title: String, company: String = "Acme", skills: [String] = ["go"]) -> JobPosting {
        JobPosting(
            company: company, title: title, location: "Remote", remote: .yes, skills: skills, salaryMin: 150_000, salaryMax: 180_000,
            currency: "USD", postedAt: now)
    }

    static func feedback(_ reaction: FeedbackReaction, _ posting: JobPosting) -> PostingFeedback {
        PostingFeedback(reaction: reaction, terms: FeedbackTerms(posting: posting), company: posting.company)
    }

    static let profile = AlertProfile(name: "go", skills: ["go": 1], threshold: 0.3)

    static func score(_ posting: JobPosting, _ learned: LearnedPreferences) -> MatchResult? {
        ProfileMatcher(profile, learned: learned).match(PreparedPosting(posting), now: now)
    }

    @Test func titleWordsLeaveOutWhatEveryTitleSays() {
        let terms = FeedbackTerms(posting: Self.posting("Senior Go Backend Engineer (Payments) II", skills: ["go", "postgresql", "go"]))
        #expect(terms.skills == ["go", "postgresql"])
        #expect(terms.titleWords == ["backend", "payments"])
    }

    @Test func oneReactionMovesAScoreByAtMostOneStep() throws {
        let liked = Self.posting("Go Backend Engineer")
        let learned = LearnedPreferences([Self.feedback(.relevant, liked)])
        let before = try #require(Self.score(liked, .none))
        let after = try #require(Self.score(liked, learned))
        #expect(after.score > before.score)
        #expect(after.score - before.score <= LearnedPreferences.stepPerReaction + 0.005)
        #expect(after.reasons.last == "ranked up +0.04: you liked 1 go backend job")
    }

    @Test func manyReactionsStayWithinTheCap() throws {
        let liked = Self.posting("Go Backend Platform Engineer")
        let learned = LearnedPreferences(Array(repeating: Self.feedback(.relevant, liked), count: 50))
        #expect(learned.weights.values.allSatisfy { $0 <= LearnedPreferences.termCap })
        let adjustment = try #require(learned.adjustment(terms: FeedbackTerms(posting: liked).all))
        #expect(adjustment.delta == LearnedPreferences.totalCap)
        #expect(adjustment.reason == "ranked up +0.20: you liked 50 go backend jobs")
    }

    @Test func likesAndDislikesOfTheSameTermCancel() {
        let learned = LearnedPreferences([
            Self.feedback(.relevant, Self.posting("Go Backend Engineer")), Self.feedback(.notForMe, Self.posting("Go Frontend Engineer")),
        ])
        #expect(learned.weights["go"] == nil)
        #expect(learned.weightsText == "backend +0.02, frontend -0.02")
        let frontend = learned.adjustment(terms: FeedbackTerms(posting: Self.posting("Frontend Engineer", skills: ["react"])).all)
        #expect(frontend?.reason == "ranked down -0.02: you marked 1 frontend job not for you")
        // A posting none of whose terms were reacted to is left as it was.
        #expect(learned.adjustment(terms: ["rust", "compilers"]) == nil)
    }

    @Test func aDislikeCanTakeAPostingUnderTheThreshold() throws {
        var profile = Self.profile
        let disliked = Self.posting("Go Backend Engineer")
        let score = try #require(Self.score(disliked, .none)).score
        profile.threshold = score
        let learned = LearnedPreferences([Self.feedback(.notForMe, disliked)])
        #expect(ProfileMatcher(profile).match(PreparedPosting(disliked), now: Self.now) != nil)
        #expect(ProfileMatcher(profile, learned: learned).match(PreparedPosting(disliked), now: Self.now) == nil)
    }

    @Test func aBlockedCompanyIsLeftOutWhateverItsScore() {
        let learned = LearnedPreferences([Self.feedback(.neverCompany, Self.posting("Go Engineer", company: "Hooli"))])
        #expect(Self.score(Self.posting("Go Backend Engineer", company: "HOOLI"), learned) == nil)
        #expect(Self.score(Self.posting("Go Backend Engineer", company: "Acme"), learned) != nil)
        #expect(learned.summaryLines == ["From 0 👍 and 0 👎.", "Never: Hooli"])
        // Blocking teaches nothing about the job itself.
        #expect(learned.weights.isEmpty)
    }

    @Test func buttonCodesRoundTrip() {
        for reaction in FeedbackReaction.allCases { #expect(FeedbackReaction(code: reaction.code) == reaction) }
        #expect(FeedbackReaction.offered(company: nil) == [.relevant, .notForMe])
        #expect(FeedbackReaction.neverCompany.label(company: "Acme") == "🚫 Never Acme")
    }
}
