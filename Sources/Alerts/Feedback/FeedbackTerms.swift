public import Domain

/// What feedback learns from in a posting: its skills, and the words of its title that say what
/// the job is ("backend", "platform", "ml"). Words every title has ("engineer", "senior", "the")
/// are left out: liking one Senior Backend Engineer job says nothing about "engineer".
public struct FeedbackTerms: Sendable, Hashable {
    /// Normalized skill names, as postings carry them, each once.
    public var skills: [String]
    /// Lower-cased title words that are neither skills nor generic.
    public var titleWords: [String]

    public init(skills: [String], titleWords: [String]) {
        self.skills = skills
        self.titleWords = titleWords
    }

    public init(posting: JobPosting) {
        var seen: Set<String> = []
        let skills = posting.skills.filter { seen.insert($0).inserted }
        self.init(skills: skills, titleWords: Self.titleWords(posting.title ?? "", skills: seen))
    }

    /// Every term, skills first.
    public var all: [String] { skills + titleWords }

    /// The title's telling words, in order, each once.
    static func titleWords(_ title: String, skills: Set<String>) -> [String] {
        var seen: Set<String> = []
        return PreparedPosting.words(of: title).filter { word in
            word.count > 1 && !word.allSatisfy(\.isNumber) && !skills.contains(word) && !genericTitleWords.contains(word)
                && seen.insert(word).inserted
        }
    }

    /// Role nouns, levels and filler that most technical titles share.
    static let genericTitleWords: Set<String> = [
        "a", "an", "and", "or", "the", "of", "for", "to", "in", "at", "on", "with", "we", "are", "is", "hiring", "job", "role",
        "engineer", "engineers", "engineering", "developer", "developers", "development", "software", "programmer", "swe", "sde",
        "senior", "sr", "junior", "jr", "staff", "principal", "lead", "mid", "level", "entry", "intern", "internship", "new", "grad",
        "graduate", "ii", "iii", "iv", "remote", "hybrid", "onsite", "full", "time", "part", "contract", "usa", "us", "uk", "eu",
    ]
}
