import Foundation

/// Recognizes a job posting and reads its fields from the message text.
enum PostingParser {
    /// Whether the message advertises a job rather than reporting or asking about one.
    static func isPosting(tokens: [TextToken], words: Set<String>, lowerText: String) -> Bool {
        guard let first = tokens.first else { return false }
        // "Is Stripe hiring?" asks; it does not post.
        if first.inQuestion { return false }
        guard tokens.contains(where: { roleNouns.contains($0.lower) }) else { return false }
        let announces = words.contains("hiring") || lowerText.containsBytes("we're looking for")
            || lowerText.containsBytes("we are looking for") || words.contains("opening") || words.contains("openings")
            || words.contains("posting") || first.lower == "job" || first.lower == "role"
        if announces {
            return first.lower == "hiring" || lowerText.containsBytes("http") || words.contains("apply")
                || words.contains("remote") || words.contains("hybrid") || words.contains("posting")
                || SalaryParser.parse(lowerText) != nil
        }
        // "Jane Street – Quant Trading Intern, NYC. Pay: $115/hr": a role with its pay, told by no one
        // about themselves ("got the offer for SWE intern, $50/hr" is a report, not a posting).
        return words.isDisjoint(with: firstPerson) && SalaryParser.parse(lowerText) != nil
    }

    static func parse(
        tokens: [TextToken], words: Set<String>, text: String, lowerText: String, catalog: CompanyCatalog
    ) -> JobPosting {
        let salary = SalaryParser.parse(text)
        return JobPosting(
            company: company(tokens: tokens, catalog: catalog),
            title: title(tokens: tokens),
            location: location(tokens: tokens),
            remote: remote(words: words, lowerText: lowerText),
            employmentType: employmentType(words: words, lowerText: lowerText),
            skills: SkillVocabulary.skills(in: tokens),
            salaryMin: salary?.min,
            salaryMax: salary?.max,
            currency: salary?.currency,
            url: url(in: text)
        )
    }

    private static let firstPerson: Set<String> = ["i", "im", "ive", "my", "me", "got", "mine"]

    static let roleNouns: Set<String> = [
        "engineer", "engineers", "developer", "developers", "dev", "devs", "scientist", "scientists", "analyst",
        "analysts", "designer", "architect", "manager", "intern", "interns", "internship", "swe", "swes", "sre",
        "researcher", "trader", "traders", "programmer", "administrator", "specialist", "lead", "engineering",
    ]

    /// Words that precede a title without being part of it.
    private static let titleFillers: Set<String> = [
        "hiring", "we", "were", "we're", "is", "are", "a", "an", "for", "looking", "the", "at", "remote", "hybrid",
        "onsite", "our", "join", "team", "seeking", "need", "needed", "wanted", "to", "of", "and", "with", "now",
        "job", "role", "position", "opening", "openings", "urgently", "multiple", "several", "two", "one", "in",
    ]

    static func title(tokens: [TextToken]) -> String? {
        guard let roleIndex = tokens.firstIndex(where: { roleNouns.contains($0.lower) }) else { return nil }
        var start = roleIndex
        while start > 0, roleIndex - start < 4,
            tokens[start - 1].clause == tokens[roleIndex].clause,
            !titleFillers.contains(tokens[start - 1].lower)
        {
            start -= 1
        }
        var end = roleIndex + 1
        // "Software Engineer Intern", "Data Engineer II".
        if end < tokens.count, tokens[end].clause == tokens[roleIndex].clause,
            ["intern", "internship", "ii", "iii", "i"].contains(tokens[end].lower)
        {
            end += 1
        }
        return tokens[start..<end].map(\.text).joined(separator: " ")
    }

    static func company(tokens: [TextToken], catalog: CompanyCatalog) -> String? {
        for mention in catalog.mentions(in: tokens) {
            if case .known(let name) = mention.resolution { return name }
        }
        // "… at Acme", "Acme is hiring".
        for (index, token) in tokens.enumerated() {
            if token.lower == "at" || token.lower == "@", let run = capitalizedRun(tokens, from: index + 1) {
                return name(tokens[run])
            }
        }
        if let hiring = tokens.firstIndex(where: { $0.lower == "hiring" }), hiring >= 2, tokens[hiring - 1].lower == "is" {
            var start = hiring - 2
            while start > 0, tokens[start - 1].isCapitalized, tokens[start - 1].clause == tokens[hiring].clause,
                hiring - start < 4
            {
                start -= 1
            }
            if tokens[start].isCapitalized { return name(tokens[start..<(hiring - 1)]) }
        }
        return nil
    }

    /// Up to three capitalized words starting at `index`, within one clause: where a name such as
    /// "Zeta Robotics" stands.
    static func capitalizedRun(_ tokens: [TextToken], from index: Int) -> Range<Int>? {
        var end = index
        while end < tokens.count, end - index < 3, tokens[end].isCapitalized,
            tokens[end].clause == tokens[index].clause,
            !notNames.contains(tokens[end].lower), !isNumberOrTime(tokens[end].lower)
        {
            end += 1
        }
        return end > index ? index..<end : nil
    }

    /// The words of a name as written.
    static func name(_ words: ArraySlice<TextToken>) -> String {
        words.map(\.text).joined(separator: " ")
    }

    /// "2", "2am", "10pm", "3rd", "5th": numbers and times, not names ("1Password" is a name).
    static func isNumberOrTime(_ word: String) -> Bool {
        let letters = word.drop { $0.isNumber }
        guard letters.count < word.count else { return false }
        return letters.isEmpty || ["am", "pm", "st", "nd", "rd", "th", "k", "h", "hr", "hrs", "min", "mins", "x"].contains(String(letters))
    }

    /// Capitalized words that are not company names.
    static let notNames: Set<String> = [
        "i", "im", "the", "a", "an", "my", "our", "this", "that", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "today", "tomorrow", "tonight", "yesterday", "hr", "oa", "vo", "r1",
        "recruiter", "round", "final", "phone", "superday", "onsite", "offer", "team", "them", "him", "her", "last",
        "next", "nyc", "sf", "remote", "hybrid", "hackerrank", "codesignal", "hirevue", "karat", "summer", "fall",
        "winter", "spring", "intern", "swe", "new", "grad", "us", "usa", "least", "all", "work", "home", "school",
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "lol", "lmao", "lfg", "omg", "pm", "am", "est", "pst", "et", "pt", "once", "first", "least", "some",
        "ng", "sde", "qr", "qt", "ml", "fte", "internship", "interns", "grads", "roles", "role", "my", "me",
    ]

    static func remote(words: Set<String>, lowerText: String) -> RemotePolicy? {
        if words.contains("hybrid") { return .hybrid }
        if lowerText.containsBytes("no remote") || lowerText.containsBytes("not remote") || lowerText.containsBytes("in office")
            || lowerText.containsBytes("in-office") || lowerText.containsBytes("in person") || lowerText.containsBytes("in-person")
            || words.contains("onsite") || lowerText.containsBytes("on-site")
        {
            return .no
        }
        if words.contains("remote") || words.contains("wfh") || lowerText.containsBytes("work from home") { return .yes }
        return nil
    }

    static func employmentType(words: Set<String>, lowerText: String) -> String? {
        if !words.isDisjoint(with: ["intern", "interns", "internship", "coop"]) || lowerText.containsBytes("co-op") {
            return "internship"
        }
        if !words.isDisjoint(with: ["contract", "contractor", "freelance", "c2c", "1099"]) { return "contract" }
        if lowerText.containsBytes("part-time") || lowerText.containsBytes("part time") { return "part_time" }
        if lowerText.containsBytes("full-time") || lowerText.containsBytes("full time") || words.contains("fulltime")
            || words.contains("fte") || lowerText.containsBytes("new grad")
        {
            return "full_time"
        }
        return nil
    }

    static func location(tokens: [TextToken]) -> String? {
        locations.matches(in: tokens).first?.value
    }

    private static let locations = PhraseMatcher<String>([
        ("nyc", "New York, NY"), ("new york", "New York, NY"), ("new york city", "New York, NY"),
        ("manhattan", "New York, NY"), ("sf", "San Francisco, CA"), ("san francisco", "San Francisco, CA"),
        ("bay area", "San Francisco Bay Area"), ("sfba", "San Francisco Bay Area"), ("seattle", "Seattle, WA"),
        ("austin", "Austin, TX"), ("boston", "Boston, MA"), ("chicago", "Chicago, IL"), ("toronto", "Toronto, ON"),
        ("vancouver", "Vancouver, BC"), ("montreal", "Montreal, QC"), ("waterloo", "Waterloo, ON"),
        ("london", "London, UK"), ("berlin", "Berlin, Germany"), ("amsterdam", "Amsterdam, Netherlands"),
        ("dublin", "Dublin, Ireland"), ("paris", "Paris, France"), ("zurich", "Zurich, Switzerland"),
        ("munich", "Munich, Germany"), ("singapore", "Singapore"), ("bangalore", "Bangalore, India"),
        ("bengaluru", "Bangalore, India"), ("denver", "Denver, CO"), ("los angeles", "Los Angeles, CA"),
        ("la", "Los Angeles, CA"), ("atlanta", "Atlanta, GA"), ("miami", "Miami, FL"), ("dallas", "Dallas, TX"),
        ("houston", "Houston, TX"), ("philadelphia", "Philadelphia, PA"), ("pittsburgh", "Pittsburgh, PA"),
        ("washington dc", "Washington, DC"), ("dc", "Washington, DC"), ("mountain view", "Mountain View, CA"),
        ("palo alto", "Palo Alto, CA"), ("menlo park", "Menlo Park, CA"), ("sunnyvale", "Sunnyvale, CA"),
        ("san jose", "San Jose, CA"), ("redmond", "Redmond, WA"), ("portland", "Portland, OR"),
        ("salt lake city", "Salt Lake City, UT"), ("raleigh", "Raleigh, NC"), ("hong kong", "Hong Kong"),
        ("sydney", "Sydney, Australia"), ("tokyo", "Tokyo, Japan"), ("tel aviv", "Tel Aviv, Israel"),
    ])

    static func url(in text: String) -> String? {
        guard let start = text.range(of: "https://") ?? text.range(of: "http://") else { return nil }
        let tail = text[start.lowerBound...]
        let end = tail.firstIndex { $0.isWhitespace || $0 == ">" || $0 == ")" || $0 == "\"" } ?? tail.endIndex
        var url = String(tail[..<end])
        while let last = url.last, ".,;!".contains(last) { url.removeLast() }
        return url
    }
}
