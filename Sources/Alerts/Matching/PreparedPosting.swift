public import Domain
import Extraction

/// A posting with what matching looks at worked out once: its words, skills and company key. One
/// posting is matched against every profile, so this is paid once, not per profile.
public struct PreparedPosting: Sendable {
    public let posting: JobPosting
    /// The words of title and description, lower-cased, space-separated, with a space at each
    /// end, so a phrase is found as " remote first ".
    let wordText: String
    let words: Set<String>
    let skills: Set<String>
    let companyKey: String?
    let lowerLocations: [String]
    /// The title's words and the skills it names, for title relevance.
    let titleWordText: String
    let titleSkills: Set<String>
    let titleIsTechnical: Bool
    /// The skills and telling title words that feedback weighs (`FeedbackTerms`).
    let feedbackTerms: [String]

    public init(_ posting: JobPosting) {
        self.posting = posting
        let title = posting.title ?? ""
        let tokens = Self.words(of: title + " " + (posting.description ?? ""))
        wordText = " " + tokens.joined(separator: " ") + " "
        words = Set(tokens)
        skills = Set(posting.skills)
        companyKey = posting.company.map(CompanyCatalog.key)
        lowerLocations = posting.location.map { [$0.lowercased()] } ?? []
        let titleTokens = Self.words(of: title)
        titleWordText = " " + titleTokens.joined(separator: " ") + " "
        titleSkills = Set(PostingSkills.skills(title: title))
        titleIsTechnical = PostingSkills.isTechnicalTitle(title)
        feedbackTerms = FeedbackTerms(posting: posting).all
    }

    /// Lower-cased runs of letters, digits, `+` and `#` ("C++", "C#" stay words).
    static func words(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "#" }.map(String.init)
    }

    /// Whether a keyword (one word or a phrase) is in the title.
    func titleMentions(_ keyword: [String]) -> Bool {
        !keyword.isEmpty && titleWordText.contains(" " + keyword.joined(separator: " ") + " ")
    }

    /// Whether a keyword (one word or a phrase) is in the title or description.
    func mentions(_ keyword: [String]) -> Bool {
        switch keyword.count {
        case 0: false
        case 1: words.contains(keyword[0])
        default: wordText.contains(" " + keyword.joined(separator: " ") + " ")
        }
    }
}
