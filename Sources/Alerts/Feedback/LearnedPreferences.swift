import Domain
import Foundation

/// One reaction, with what it was about.
public struct PostingFeedback: Sendable, Hashable {
    public var reaction: FeedbackReaction
    public var terms: FeedbackTerms
    /// The company as the posting named it, for never-this-company.
    public var company: String?

    public init(reaction: FeedbackReaction, terms: FeedbackTerms, company: String?) {
        self.reaction = reaction
        self.terms = terms
        self.company = company
    }
}

/// What a profile learned from the reactions to its notifications. Pure.
///
/// Each 👍 or 👎 shares `stepPerReaction` among its posting's terms (skills and telling title
/// words; at least `minimumShares` shares, so a posting with one skill does not pour the whole
/// step into it). A term's weight is the sum of its shares, held within ±`termCap`; a posting's
/// adjustment is the sum of its terms' weights, held within ±`totalCap`. So one click moves any
/// score by at most `stepPerReaction`, and all feedback together by at most `totalCap`: it ranks,
/// it cannot swamp what the member asked for. 🚫 leaves the company out of this profile.
public struct LearnedPreferences: Sendable, Hashable {
    public static let stepPerReaction = 0.06
    public static let minimumShares = 3
    public static let termCap = 0.1
    public static let totalCap = 0.2

    /// Term → weight, without those that cancelled out.
    public let weights: [String: Double]
    /// Company key → the name as first blocked.
    public let blockedCompanies: [String: String]
    private let liked: [Set<String>]
    private let disliked: [Set<String>]

    public static let none = LearnedPreferences([])

    public init(_ feedback: [PostingFeedback]) {
        var weights: [String: Double] = [:]
        var blocked: [String: String] = [:]
        var liked: [Set<String>] = []
        var disliked: [Set<String>] = []
        for item in feedback {
            let terms = item.terms.all
            let sign: Double
            switch item.reaction {
            case .relevant:
                sign = 1
                liked.append(Set(terms))
            case .notForMe:
                sign = -1
                disliked.append(Set(terms))
            case .neverCompany:
                if let company = item.company, !company.isEmpty, blocked[CompanyCatalog.key(company)] == nil {
                    blocked[CompanyCatalog.key(company)] = company
                }
                continue
            }
            let share = Self.stepPerReaction / Double(max(terms.count, Self.minimumShares))
            for term in terms { weights[term, default: 0] += sign * share }
        }
        self.weights = weights.compactMapValues { weight in
            abs(weight) < 0.000_5 ? nil : min(Self.termCap, max(-Self.termCap, weight))
        }
        blockedCompanies = blocked
        self.liked = liked
        self.disliked = disliked
    }

    public var isEmpty: Bool { weights.isEmpty && blockedCompanies.isEmpty }

    /// How many reactions of each kind this was learned from.
    public var likedCount: Int { liked.count }
    public var dislikedCount: Int { disliked.count }

    public func isBlocked(companyKey: String?) -> Bool {
        companyKey.map { blockedCompanies[$0] != nil } ?? false
    }

    /// A posting's share of what was learned, and the reason to show with it.
    public struct Adjustment: Sendable, Hashable {
        /// Added to the score: within ±`totalCap`.
        public var delta: Double
        /// "ranked up +0.05: you liked 3 go backend jobs".
        public var reason: String
    }

    /// What feedback does to a posting with these terms; nil when nothing learned applies.
    public func adjustment(terms: [String]) -> Adjustment? {
        let weighted = terms.compactMap { term in weights[term].map { (term: term, weight: $0) } }
        let sum = weighted.reduce(0) { $0 + $1.weight }
        let delta = (min(Self.totalCap, max(-Self.totalCap, sum)) * 100).rounded() / 100
        guard delta != 0 else { return nil }
        let up = delta > 0
        // The terms that pushed the way the score moved, strongest first.
        let pushing = weighted.filter { up ? $0.weight > 0 : $0.weight < 0 }.sorted {
            abs($0.weight) > abs($1.weight) || (abs($0.weight) == abs($1.weight) && $0.term < $1.term)
        }
        let (named, count) = Self.describe(pushing.map(\.term), among: up ? liked : disliked)
        // Named in the posting's order, skills first: "go backend", not "backend go".
        let ordered = terms.filter(named.contains)
        let jobs = "\(count) \(ordered.joined(separator: " ")) job\(count == 1 ? "" : "s")"
        let amount = String(format: "%+.2f", delta)
        return Adjustment(
            delta: delta, reason: up ? "ranked up \(amount): you liked \(jobs)" : "ranked down \(amount): you marked \(jobs) not for you")
    }

    /// The strongest term, joined by the next one when the same reactions share it ("go backend"),
    /// and how many reactions had them all.
    private static func describe(_ terms: [String], among reactions: [Set<String>]) -> (terms: [String], count: Int) {
        guard let first = terms.first else { return ([], 0) }
        var named = [first]
        var having = reactions.filter { $0.contains(first) }
        for term in terms.dropFirst() {
            let both = having.filter { $0.contains(term) }
            if !both.isEmpty {
                named.append(term)
                having = both
                break
            }
        }
        return (named, having.count)
    }

    /// The learned weights for `alerts test`: "go +0.04, backend +0.02", strongest first.
    public var weightsText: String {
        weights.sorted { abs($0.value) > abs($1.value) || (abs($0.value) == abs($1.value) && $0.key < $1.key) }.map {
            "\($0.key) \(String(format: "%+.2f", $0.value))"
        }.joined(separator: ", ")
    }

    /// What was learned, in lines: reactions, weights, blocked companies. Empty when nothing was.
    public var summaryLines: [String] {
        guard !isEmpty else { return [] }
        var lines = ["From \(likedCount) 👍 and \(dislikedCount) 👎."]
        if !weights.isEmpty { lines.append("Learned weights: " + weightsText) }
        if !blockedCompanies.isEmpty { lines.append("Never: " + blockedCompanies.values.sorted().joined(separator: ", ")) }
        return lines
    }
}
