import Domain
import Foundation
import Support

/// Recognizes a job posting and reads its fields from the message text.
enum PostingParser {
    /// Whether the message advertises a job rather than reporting or asking about one.
    static func isPosting(tokens: [TextToken], words: Set<String>, lowerText: String) -> Bool {
        guard let first = tokens.first else { return false }
        // "Is Stripe hiring?" asks; it does not post.
        if first.inQuestion { return false }
        guard tokens.contains(where: { roleNouns.contains($0.lower) }) else { return false }
        let announces =
            words.contains("hiring") || lowerText.containsBytes("we're looking for")
            || lowerText.containsBytes("we are looking for") || words.contains("opening") || words.contains("openings")
            || words.contains("posting") || first.lower == "job" || first.lower == "role"
        if announces {
            return first.lower == "hiring" || lowerText.containsBytes("http") || words.contains("apply")
                || words.contains("remote") || words.contains("hybrid") || words.contains("posting")
                || SalaryParser.parse(lowerText) != nil
        }
        // "Jane Street – Quant Trading Intern, NYC. Pay: $115/hr", "Go backend engineer at Brindle,
        // remote. DM the recruiter": a role with its pay, or with a way to apply, told by no one about
        // themselves ("got the offer for SWE intern, $50/hr" is a report, not a posting).
        guard isToldByNoOneAboutThemselves(words: words, lowerText: lowerText) else { return false }
        return SalaryParser.parse(lowerText) != nil
            || (words.contains("at") || words.contains("@"))
                && (words.contains("apply") || words.contains("dm") || lowerText.containsBytes("http"))
    }

    static func parse(
        tokens: [TextToken], words: Set<String>, text: String, lowerText: String, catalog: CompanyCatalog
    ) -> JobPosting {
        let salary = SalaryParser.parse(text)
        return JobPosting(
            company: company(text: text, catalog: catalog),
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

    /// No first person but the poster's own "DM me", "email me", "ping me".
    private static func isToldByNoOneAboutThemselves(words: Set<String>, lowerText: String) -> Bool {
        let firstPersonWords = words.intersection(firstPerson)
        if firstPersonWords.isEmpty { return true }
        return firstPersonWords == ["me"]
            && ["dm me", "email me", "ping me", "message me", "reach me"].contains(where: lowerText.containsBytes)
    }

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

    /// The hiring company, from the phrasing first: "Company: X", "at X", "@ X", "X is hiring", "a
    /// startup called X", "fintech startup X", "X Inc — Title" opening the message. Only then a
    /// company of the catalog named anywhere, and never one named by a technology ("Node.js + AWS
    /// backend engineer at Brindle" is Brindle's, not Amazon's; "AWS is hiring" is Amazon's).
    static func company(text: String, catalog: CompanyCatalog) -> String? {
        // The tokenizer keeps no "@": read "Intern @ Nimbus" as "Intern at Nimbus" (an address's
        // "jobs@nimbus.io" becomes lower-case words, no name).
        company(tokens: TextTokenizer.tokenize(text.replacingOccurrences(of: "@", with: " at ")), catalog: catalog)
    }

    static func company(tokens: [TextToken], catalog: CompanyCatalog) -> String? {
        let mentions = catalog.mentions(in: tokens)
        /// The company named at `index`: a catalog name, or capitalized words.
        func named(at index: Int) -> String? {
            guard index < tokens.count else { return nil }
            if let mention = mentions.first(where: { $0.start == index }), case .known(let name) = mention.resolution { return name }
            return capitalizedRun(tokens, from: index).map { name(tokens[$0]) }.map(withoutLegalSuffix)
        }
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1].lower : ""
            // "Company: Acme", "company - Acme": a label.
            if token.lower == "company", index + 1 < tokens.count, tokens[index + 1].clause != token.clause || next == "name",
                let name = named(at: next == "name" ? index + 2 : index + 1)
            {
                return name
            }
            if ["at", "@", "called", "named"].contains(token.lower), let name = named(at: index + 1) { return name }
            // "fintech startup Payly", "a startup Quokka".
            if token.lower == "startup", let name = named(at: index + 1) { return name }
            // "Acme is hiring", "Acme hiring", "stripe is hiring".
            if token.lower == "hiring", index >= 1 {
                let before = tokens[index - 1].lower == "is" || tokens[index - 1].lower == "are" ? index - 2 : index - 1
                if before >= 0, let mention = mentions.first(where: { $0.end == before + 1 }), case .known(let name) = mention.resolution {
                    return name
                }
                if before >= 0, tokens[before].isCapitalized, tokens[before].clause == token.clause {
                    var start = before
                    while start > 0, tokens[start - 1].isCapitalized, tokens[start - 1].clause == token.clause, before - start < 2 {
                        start -= 1
                    }
                    if !notNames.contains(tokens[start].lower), !roleNouns.contains(tokens[before].lower) {
                        return withoutLegalSuffix(name(tokens[start...before]))
                    }
                }
            }
        }
        // "Tallyho Inc — Senior Backend Engineer": a name alone in the message's first clause.
        if let first = tokens.first, let run = capitalizedRun(tokens, from: 0), run.upperBound < tokens.count,
            tokens[run.upperBound].clause != first.clause, !tokens[run].contains(where: { roleNouns.contains($0.lower) })
        {
            if let mention = mentions.first(where: { $0.start == 0 }), case .known(let name) = mention.resolution { return name }
            return withoutLegalSuffix(name(tokens[run]))
        }
        // "Full Stack Developer – Acme Robotics – Remote (US)": a name standing as a clause of its own.
        for (index, token) in tokens.enumerated() where index > 0 && tokens[index - 1].clause != token.clause {
            guard let run = capitalizedRun(tokens, from: index), run.upperBound < tokens.count,
                tokens[run.upperBound].clause != token.clause, run.count >= 2,
                !tokens[run].contains(where: { roleNouns.contains($0.lower) || SkillVocabulary.normalize($0.lower) != nil }),
                locations.matches(in: Array(tokens[run])).isEmpty, !usStates.contains(tokens[run.upperBound - 1].lower)
            else { continue }
            if let mention = mentions.first(where: { $0.start == index }), case .known(let name) = mention.resolution { return name }
            return withoutLegalSuffix(name(tokens[run]))
        }
        for mention in mentions {
            guard case .known(let name) = mention.resolution else { continue }
            // A technology, not an employer: "AWS", "Azure", "GCP", "Snowflake", "Kafka".
            let written = tokens[mention.start..<mention.end].map(\.lower).joined(separator: " ")
            if SkillVocabulary.normalize(written) != nil || technologyNames.contains(written) { continue }
            return name
        }
        return nil
    }

    /// Catalog aliases that in a posting name a product or a technology, not the employer.
    static let technologyNames: Set<String> = ["aws", "azure", "gcp", "google cloud", "snowflake", "kafka", "spark", "databricks sql"]

    /// Postal codes of US states and Canadian provinces: "McLean VA" is a place.
    static let usStates: Set<String> = [
        "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me", "md",
        "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc",
        "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc", "on", "bc", "qc", "ab",
    ]

    /// "Tallyho Inc" is Tallyho.
    static func withoutLegalSuffix(_ name: String) -> String {
        var words = name.split(separator: " ")
        if words.count > 1, let last = words.last, ["inc", "llc", "ltd", "corp", "gmbh"].contains(last.lowercased().filter(\.isLetter)) {
            words.removeLast()
        }
        return words.joined(separator: " ")
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
        "we", "we're", "were", "hiring", "senior", "junior", "staff", "backend", "frontend", "full", "dm", "apply",
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

    static func employmentType(words: Set<String>, lowerText: String) -> EmploymentType? {
        if !words.isDisjoint(with: ["intern", "interns", "internship", "coop"]) || lowerText.containsBytes("co-op") {
            return .internship
        }
        if !words.isDisjoint(with: ["contract", "contractor", "freelance", "c2c", "1099"]) { return .contract }
        if lowerText.containsBytes("part-time") || lowerText.containsBytes("part time") { return .partTime }
        if lowerText.containsBytes("full-time") || lowerText.containsBytes("full time") || words.contains("fulltime")
            || words.contains("fte") || lowerText.containsBytes("new grad")
        {
            return .fullTime
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
