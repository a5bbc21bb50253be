import Domain
import Extraction

/// The skills a job posting asks for, read as skills rather than as words. Most skill names are
/// unmistakable (PostgreSQL, Kubernetes, Golang); some are also English words ("go-live", "be the
/// go-to owner", "react to feedback", "spring", "spark"). Those count only in a technical posting
/// and in a technical form: a source's tag on an engineering job, a capitalised mention inside a
/// sentence ("services in Go"), a qualified one ("Go developer", "in go"), or one listed with
/// another skill ("go, python"). Never when joined to another word by a hyphen.
public enum PostingSkills {
    /// Normalized names that are also everyday words.
    static let ambiguous: Set<String> = [
        "go", "rust", "swift", "spring", "react", "spark", "airflow", "rails", "ruby", "elixir", "dbt", "flask", "kafka", "scala",
        "angular", "azure",
    ]

    /// Written forms that name a skill only as a tag, never in running text ("net income", "next
    /// steps", "py", "pg").
    static let tagOnly: Set<String> = ["net", "next", "tf", "pg", "py", "ror", "elastic", "torch", "ts", "snowflake"]

    /// Words after an ambiguous name that make it a technology: "Go developer", "rust codebase".
    static let technicalNouns: Set<String> = [
        "developer", "developers", "engineer", "engineers", "engineering", "programming", "programmer", "language", "code",
        "codebase", "services", "microservices", "backend", "stack", "experience", "expertise", "applications", "apps",
        "framework", "library", "libraries", "sdk", "api", "apis", "modules", "components", "development", "skills",
    ]

    /// Words before a name that make it a technology: "in Go", "using React", "with Rust".
    static let qualifiers: Set<String> = ["in", "using", "with", "writing", "written"]

    /// Title words of engineering roles.
    static let technicalTitleWords: Set<String> = [
        "engineer", "engineers", "engineering", "developer", "developers", "programmer", "software", "backend", "frontend",
        "fullstack", "devops", "sre", "swe", "sde", "firmware", "coder", "dev", "architect",
    ]

    /// Title words of roles that sell, support or run things, even when the title also says
    /// "engineer" ("Sales Engineer", "Customer Success Engineer").
    static let nonEngineeringTitleWords: Set<String> = [
        "sales", "marketing", "account", "customer", "success", "recruiter", "recruiting", "talent", "hr", "legal", "finance",
        "operations", "presales",
    ]

    /// Whether a title names an engineering role: "Backend Engineer", "SDE II"; not "Sales Engineer".
    public static func isTechnicalTitle(_ title: String) -> Bool {
        let words = PreparedPosting.words(of: title)
        return words.contains(where: technicalTitleWords.contains) && !words.contains(where: nonEngineeringTitleWords.contains)
    }

    /// Skills named by the title, the source's tags and the description, normalized, in that order
    /// of first mention.
    public static func skills(title: String, tags: [String] = [], description: String = "") -> [String] {
        let titleTokens = SkillTokens(title)
        let descriptionTokens = SkillTokens(description)
        let titleIsTechnical = isTechnicalTitle(title)
        let tagSkills = tags.compactMap { tag -> String? in
            guard let skill = SkillVocabulary.normalize(tag) else { return nil }
            // An ambiguous tag ("go") is often a word the source's tagger picked from the text.
            return ambiguous.contains(skill) && ambiguousWritten(tag) && !titleIsTechnical ? nil : skill
        }
        let candidates = titleTokens.mentions() + descriptionTokens.mentions()
        let unambiguous = Set(candidates.filter { !$0.needsContext }.map(\.skill) + tagSkills.filter { !ambiguous.contains($0) })
        let technical = titleIsTechnical || unambiguous.count >= 2
        var found: [String] = []
        func add(_ skill: String) { if !found.contains(skill) { found.append(skill) } }
        for mention in titleTokens.mentions() where !mention.needsContext || (technical && mention.inTechnicalForm) {
            add(mention.skill)
        }
        for skill in tagSkills { add(skill) }
        for mention in descriptionTokens.mentions() where !mention.needsContext || (technical && mention.inTechnicalForm) {
            add(mention.skill)
        }
        return found
    }

    /// Whether a written form is the everyday word itself ("go"), not a form that only the
    /// technology has ("golang", "react.js").
    static func ambiguousWritten(_ written: String) -> Bool {
        let key = written.lowercased().filter { $0.isLetter || $0.isNumber }
        return ambiguous.contains(key)
    }
}

/// A skill named in a text, with what decides whether an ambiguous one counts.
struct SkillMention {
    var skill: String
    /// The name is an everyday word as written ("go", "React"): it counts only in technical form.
    var needsContext: Bool
    /// Capitalised inside a sentence, qualified, or listed with another skill; not hyphen-joined.
    var inTechnicalForm: Bool
}

/// A text cut into words for skill reading: each word knows whether a hyphen joins it to a
/// neighbour and whether it starts a sentence, which is what tells "Go" the language from "Go
/// to" and "go-live".
struct SkillTokens {
    struct Token {
        var text: String
        var lower: String
        var hyphenBefore = false
        var hyphenAfter = false
        var sentenceStart = false
        /// Only list punctuation (`,` `/` `&` `(` `)` `|`) or spaces between this word and the next.
        var listSeparatorAfter = false
        /// Only spaces, or one hyphen, between this word and the next: they may form one name
        /// ("spring boot", "node-js").
        var joinsNext = false
    }

    private(set) var tokens: [Token] = []

    init(_ text: String) {
        var word = ""
        var pendingHyphen = false
        var sentenceBoundary = true
        var gap = ""
        func flush() {
            guard !word.isEmpty else { return }
            var token = Token(text: word, lower: word.lowercased())
            token.hyphenBefore = pendingHyphen
            token.sentenceStart = sentenceBoundary
            if !tokens.isEmpty {
                tokens[tokens.count - 1].listSeparatorAfter = gap.allSatisfy { " ,/&()|\t".contains($0) }
                tokens[tokens.count - 1].joinsNext = gap == "-" || gap.allSatisfy { $0 == " " || $0 == "\t" }
            }
            tokens.append(token)
            word = ""
            pendingHyphen = false
            sentenceBoundary = false
            gap = ""
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if character.isLetter || character.isNumber || character == "+" || character == "#" {
                word.append(character)
            } else if character == "." && next.isLetter && (!word.isEmpty || index == 0 || characters[index - 1] == " ") {
                // "node.js", ".NET": the dot belongs to the name.
                word.append(character)
            } else {
                let hadWord = !word.isEmpty
                flush()
                if (character == "-" || character == "‑") && hadWord && (next.isLetter || next.isNumber) {
                    tokens[tokens.count - 1].hyphenAfter = true
                    pendingHyphen = true
                }
                if ".!?:;\n•*".contains(character) { sentenceBoundary = true }
                gap.append(character)
            }
        }
        flush()
    }

    /// Every skill named, longest name first at each place ("spring boot" before "spring").
    func mentions() -> [SkillMention] {
        var found: [SkillMention] = []
        var index = 0
        while index < tokens.count {
            var matched = false
            for length in stride(from: min(3, tokens.count - index), through: 1, by: -1) {
                let span = tokens[index..<(index + length)]
                // A phrase does not run across punctuation other than a hyphen or a space.
                if length > 1, span.dropLast().contains(where: { !$0.joinsNext }) { continue }
                let written = span.map(\.lower).joined()
                guard !(length == 1 && PostingSkills.tagOnly.contains(written)), let skill = SkillVocabulary.normalize(written) else {
                    continue
                }
                let needsContext = PostingSkills.ambiguous.contains(skill) && PostingSkills.ambiguousWritten(written)
                found.append(
                    SkillMention(
                        skill: skill, needsContext: needsContext, inTechnicalForm: needsContext ? technicalForm(at: index) : true))
                index += length
                matched = true
                break
            }
            if !matched { index += 1 }
        }
        return found
    }

    /// Whether the everyday-word name at `index` is used as a technology.
    private func technicalForm(at index: Int) -> Bool {
        let token = tokens[index]
        if token.hyphenBefore || token.hyphenAfter { return false }
        let previous = index > 0 ? tokens[index - 1] : nil
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        // "Go to the site", "React to feedback": a verb.
        if next?.lower == "to" || next?.lower == "for" { return false }
        if let next, PostingSkills.technicalNouns.contains(next.lower), token.listSeparatorAfter { return true }
        if let previous, PostingSkills.qualifiers.contains(previous.lower), previous.listSeparatorAfter { return true }
        if listedWithSkill(index) { return true }
        return token.text.first?.isUppercase == true && !token.sentenceStart
    }

    /// "Go, Python", "Python/Go", "Go and Postgres", "(Rust)": next to another skill in a list.
    private func listedWithSkill(_ index: Int) -> Bool {
        func isSkill(_ position: Int) -> Bool {
            guard tokens.indices.contains(position) else { return false }
            let word = tokens[position].lower
            guard let skill = SkillVocabulary.normalize(word) else { return false }
            return !PostingSkills.tagOnly.contains(word)
                && !(PostingSkills.ambiguous.contains(skill) && PostingSkills.ambiguousWritten(word))
        }
        func neighbour(_ position: Int, step: Int) -> Int? {
            var position = position + step
            // Skip one conjunction: "Go and Postgres", "Python or Go".
            if tokens.indices.contains(position), ["and", "or"].contains(tokens[position].lower) { position += step }
            return tokens.indices.contains(position) ? position : nil
        }
        if tokens[index].listSeparatorAfter, let next = neighbour(index, step: 1), isSkill(next) { return true }
        if index > 0, tokens[index - 1].listSeparatorAfter, let previous = neighbour(index, step: -1),
            previous == index - 1 || tokens[previous].listSeparatorAfter, isSkill(previous)
        {
            return true
        }
        return false
    }
}
