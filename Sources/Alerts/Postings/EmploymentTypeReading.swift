public import Domain

/// The kind of job (`full_time`, `part_time`, `contract`, `internship`) as a posting declares it.
/// Only explicit declarations count: "Job Type: Full-time", "a part time role", "contract
/// position", "Remote - Full time", "6-month contract". Loose words never do: "take active part
/// in", "part of the HR team", "full accountability", "full-stack", "4 full-time devs and 3
/// contractors", "a contract of employment".
public enum EmploymentTypeReading {
    /// From a title: its words are a declaration ("Software Engineer Intern", "Contract Data
    /// Engineer", "Part-Time Tutor"). An internship wins over anything else the title says, and a
    /// kind in parentheses only qualifies one outside them: "(contractor) Full-time" is full time.
    public static func fromTitle(_ title: String) -> EmploymentType? {
        let words = Words(title)
        var outside: [EmploymentType] = []
        var inside: [EmploymentType] = []
        var depth = 0
        for index in words.indices {
            switch words[index] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            default:
                if let (type, _) = words.type(at: index) {
                    if depth == 0 { outside.append(type) } else { inside.append(type) }
                }
            }
        }
        let found = outside.isEmpty ? inside : outside
        return [EmploymentType.internship, .contract, .partTime, .fullTime].first(where: found.contains)
    }

    /// From a source's tags ("full-time", "internship", "contract"): a tag is a declaration.
    public static func fromTags(_ tags: [String]) -> EmploymentType? {
        for tag in tags {
            let words = Words(tag)
            if let (type, length) = words.type(at: 0), length == words.count { return type }
        }
        return nil
    }

    /// From a description: the first explicit declaration.
    public static func fromDescription(_ text: String) -> EmploymentType? {
        let words = Words(text)
        for index in words.indices {
            if let type = declared(in: words, at: index) { return type }
        }
        return nil
    }

    /// Words that say "this is the job" after a kind: "full-time position", "contract role".
    static let jobNouns: Set<String> = [
        "position", "positions", "role", "roles", "job", "jobs", "opportunity", "employment", "basis", "assignment", "engagement",
        "hire", "gig", "contract", "w2", "schedule", "post", "vacancy",
    ]

    /// Label words before a colon: "Job Type:", "Employment type:", "Schedule:", "Commitment:".
    static let labels: Set<String> = ["type", "schedule", "commitment", "employment", "status", "hours", "engagement", "contract"]

    /// An explicit declaration starting at `index`, if there is one.
    private static func declared(in words: Words, at index: Int) -> EmploymentType? {
        // "Job Type: Full-time", "Employment type: (contractor) Full-time", "Schedule: Full-time".
        if words[index] == ":", index > 0, labels.contains(words[index - 1]) {
            var next = index + 1
            if next < words.count, words[next] == "(" {
                // A qualifier in parentheses is not the kind itself.
                while next < words.count, words[next] != ")" { next += 1 }
                next += 1
            }
            return next < words.count ? words.type(at: next)?.type : nil
        }
        guard let (type, length) = words.type(at: index) else { return nil }
        var after = index + length
        // "part-time (3 hrs/week), remote position": the aside does not break the declaration.
        if after < words.count, words[after] == "(", let close = words[after...].firstIndex(of: ")"), close - after <= 8 {
            after = close + 1
        }
        let afterWord = after < words.count ? words[after] : ""
        // "full-time position", "a contract role", "temporary assignment" — but the noun must
        // follow directly: "contract of employment" is not a contract job.
        if jobNouns.contains(afterWord), !(type == .contract && afterWord == "contract") { return type }
        // "this internship", "our summer internship".
        if type == .internship, words[index] == "internship", index > 0,
            ["this", "our", "the", "paid", "summer", "fall", "winter", "spring", "an"].contains(words[index - 1])
        {
            return type
        }
        // "Full-time." standing as a sentence of its own.
        if (index == 0 || words[index - 1] == ".") && (after == words.count || afterWord == ".") { return type }
        // "Remote - Full time", "Full-Time / Remote", "full-time, remote".
        if afterWord == "remote" || (index > 0 && words[index - 1] == "remote") { return type }
        // "contract-to-hire", "6-month contract", "contractor for six (6) months".
        if type == .contract {
            if words[index] == "contract", after + 1 < words.count, words[after] == "to", words[after + 1] == "hire" { return type }
            if index > 0, ["month", "months", "week", "weeks", "year"].contains(words[index - 1]) { return type }
            if words.window(after, 7).contains(where: { ["month", "months", "weeks"].contains($0) }) && afterWord == "for" { return type }
        }
        return nil
    }

    /// Lower-cased words, with `:` `(` `)` and sentence ends kept as words of their own, so that a
    /// declaration never runs across a sentence.
    struct Words: RandomAccessCollection {
        private var words: [String] = []

        init(_ text: String) {
            var word = ""
            func flush() {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = ""
            }
            for character in text {
                if character.isLetter || character.isNumber {
                    word.append(character)
                } else {
                    flush()
                    if ":()".contains(character) { words.append(String(character)) }
                    if ".!?;\n".contains(character) { words.append(".") }
                }
            }
            flush()
        }

        var startIndex: Int { 0 }
        var endIndex: Int { words.count }
        subscript(position: Int) -> String { words[position] }

        func window(_ start: Int, _ length: Int) -> ArraySlice<String> {
            words[Swift.min(start, words.count)..<Swift.min(start + length, words.count)]
        }

        /// The kind named at `index` and how many words name it: "full time", "fulltime",
        /// "part time", "contract", "contractor", "freelance", "temporary", "intern",
        /// "internship", "co op".
        func type(at index: Int) -> (type: EmploymentType, length: Int)? {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "full" where next == "time", "part" where next == "time":
                return (word == "full" ? .fullTime : .partTime, 2)
            case "fulltime": return (.fullTime, 1)
            case "parttime": return (.partTime, 1)
            case "contract", "contractor", "freelance", "freelancer", "temporary", "temp": return (.contract, 1)
            case "intern", "internship", "interns", "coop": return (.internship, 1)
            case "co" where next == "op": return (.internship, 2)
            default: return nil
            }
        }
    }
}
