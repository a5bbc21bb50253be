import Domain

/// The words people use in recruiting chat for each stage, and the words around them that change
/// their meaning.
enum StageLexicon {
    static let phrases: [(String, Stage)] = [
        // Applications.
        ("applied", .applied), ("apped", .applied), ("submitted my app", .applied),
        ("submitted my application", .applied), ("submitted an application", .applied),
        ("submitted application", .applied), ("sent my application", .applied), ("sent in my application", .applied),
        ("application submitted", .applied), ("put in an application", .applied), ("put in my application", .applied),
        ("applying", .applied),
        // Online assessments.
        ("oa", .oa), ("oas", .oa), ("online assessment", .oa), ("online assessments", .oa), ("assessment", .oa),
        ("hackerrank", .oa), ("hacker rank", .oa), ("codesignal", .oa), ("code signal", .oa), ("hirevue", .oa),
        ("hire vue", .oa), ("gca", .oa), ("coding challenge", .oa), ("coding test", .oa), ("take home", .oa),
        ("takehome", .oa), ("codility", .oa), ("online test", .oa), ("oa1", .oa), ("oa2", .oa), ("oa3", .oa),
        ("pymetrics", .oa), ("coderpad test", .oa),
        // Phone screens and first rounds.
        ("phone screen", .phone), ("phone screens", .phone), ("phone interview", .phone), ("phone call", .phone),
        ("phone round", .phone), ("phoner", .phone), ("recruiter call", .phone), ("recruiter screen", .phone),
        ("recruiter chat", .phone), ("recruiter interview", .phone), ("hr call", .phone), ("hr screen", .phone),
        ("hr interview", .phone), ("r1", .phone), ("round 1", .phone), ("first round", .phone),
        ("1st round", .phone), ("technical screen", .phone), ("tech screen", .phone), ("technical phone", .phone),
        ("tps", .phone), ("karat", .phone), ("screening call", .phone), ("screening interview", .phone),
        ("initial interview", .phone), ("first interview", .phone), ("intro call", .phone), ("screen", .phone),
        ("phone", .phone), ("hm call", .phone), ("hiring manager call", .phone),
        // Final rounds.
        ("onsite", .onsite), ("onsites", .onsite), ("on site", .onsite), ("onsight", .onsite),
        ("virtual onsite", .onsite), ("vo", .onsite), ("vos", .onsite), ("superday", .onsite),
        ("superdays", .onsite), ("super day", .onsite), ("power day", .onsite), ("powerday", .onsite),
        ("final round", .onsite), ("final rounds", .onsite), ("finals", .onsite), ("final interview", .onsite),
        ("final interviews", .onsite), ("last round", .onsite), ("final", .onsite), ("loop", .onsite),
        ("full loop", .onsite), ("on-site", .onsite),
        // Offers.
        ("offer", .offer), ("offers", .offer), ("offered", .offer), ("0ffer", .offer), ("ofer", .offer),
        ("offer letter", .offer), ("return offer", .offer), ("verbal offer", .offer),
        ("signed with", .offer), ("signed my offer", .offer),
        // Rejections.
        ("rejected", .rejected), ("reject", .rejected), ("rejection", .rejected), ("rejections", .rejected),
        ("rejcted", .rejected), ("rejectd", .rejected), ("rejeted", .rejected), ("rejected me", .rejected),
        ("dinged", .rejected), ("ding", .rejected), ("not moving forward", .rejected),
        ("not move forward", .rejected), ("not to move forward", .rejected), ("no longer moving forward", .rejected),
        ("move forward with other", .rejected), ("moving forward with other", .rejected),
        ("decided to go with other", .rejected),
        ("no longer being considered", .rejected), ("turned me down", .rejected), ("the l", .rejected),
        ("an l", .rejected), ("another l", .rejected), ("auto rejected", .rejected), ("autorejected", .rejected),
    ]

    static let matcher = PhraseMatcher(phrases)

    /// Stage mentions in order: the phrases above, and single words one typo away from a long stage
    /// word ("superdya", "hackerank", "rejectd"), flagged as guessed: a caller that knows which words
    /// name a company drops the guesses among them.
    static func mentions(in tokens: [TextToken]) -> [PhraseMatcher<Stage>.Match] {
        var matches = matcher.matches(in: tokens)
        let covered = Set(matches.flatMap { Array($0.start..<$0.end) })
        var typos = false
        for (index, token) in tokens.enumerated()
        where token.lower.utf8.count >= TypoMatcher<Stage>.minimumLength && !covered.contains(index) {
            if let stage = typoMatcher.value(near: token.lower) {
                matches.append(PhraseMatcher.Match(start: index, end: index + 1, value: stage, guessed: true))
                typos = true
            }
        }
        return typos ? matches.sorted { $0.start < $1.start } : matches
    }

    /// Long, unambiguous stage words. Short ones ("oa", "final") and ones near ordinary words
    /// ("applied" ~ "applies", "offered" ~ "offerer") are not guessed at.
    static let typoMatcher = TypoMatcher<Stage>([
        ("superday", .onsite), ("powerday", .onsite), ("hackerrank", .oa), ("codesignal", .oa), ("hirevue", .oa),
        ("assessment", .oa), ("rejected", .rejected), ("rejection", .rejected),
    ])

    /// Words that, just before a stage, mean it did not happen (yet): "no OA", "still waiting for
    /// the offer", "hoping for a superday", "if I get the offer".
    static let negations: Set<String> = [
        "no", "not", "never", "havent", "hasnt", "didnt", "dont", "doesnt", "wont", "cant", "yet", "waiting",
        "hoping", "hope", "pray", "praying", "wish", "manifesting", "if", "without", "zero", "want", "wanna",
        "nothing", "until", "awaiting", "pls", "please", "need", "before", "ghosted", "ghosting",
    ]

    /// Words that make everything after them in the clause hypothetical: "if I get the Google offer",
    /// "I was supposed to have my Nvidia phone screen today".
    static let conditionals: Set<String> = [
        "if", "unless", "hoping", "hopefully", "wish", "manifesting", "supposed", "imagine", "imagining", "dreaming",
    ]

    /// Words that make the stage after them background for another stage in the same clause:
    /// "rejected after the superday", "offer after the final round", "passed the OA".
    static let contextMarkers: Set<String> = ["after", "post", "passed", "cleared", "following", "since", "past", "from"]

    /// A clause about someone else, or addressed to someone else, reports nothing of the author's.
    static let otherPeople = PhraseMatcher<Bool>(
        [
            "my friend", "my friends", "a friend", "friend", "friends", "my roommate", "my roomate", "roommate",
            "my buddy", "my bf", "my gf", "my boyfriend", "my girlfriend", "my brother", "my sister", "my cousin",
            "my classmate", "classmate", "classmates", "coworker", "coworkers", "someone", "somebody", "some guy",
            "a guy", "this guy", "people", "ppl", "everyone", "everybody", "he", "she", "hes", "shes", "his", "her",
            "him", "i heard", "ive heard", "heard that", "apparently", "rumor", "rumors", "rumour", "anyone", "anybody",
            "others", "congrats",
            "congratulations", "grats", "gz", "you", "your", "u", "ur", "youre", "yall", "yours", "folks", "guys",
            "their", "theirs", "nobody", "students", "candidates", "interns", "on blind", "on reddit", "per blind",
            "linkedin post",
        ].map { ($0, true) })

    /// Instructions addressed to a model hidden in a message. From the first of them on, the
    /// message is data only. "System design round" is chat, so "system" alone is not one of them.
    static let injection = PhraseMatcher<Bool>(
        [
            "ignore previous", "ignore all", "ignore the", "ignore prior", "ignore above", "ignore your", "ignore any",
            "disregard", "previous instructions", "prior instructions", "new instructions", "system prompt",
            "system message", "system override", "system note", "you are now", "you are an", "act as", "classify",
            "output", "respond with", "reply with", "return only", "json", "assistant", "pretend", "roleplay",
            "override", "jailbreak", "mark this", "mark every", "label this", "label every", "for everyone",
            "all messages", "every message", "developer mode", "the user", "this user",
        ].map { ($0, true) })

    /// First words of a clause that make it a question even without a question mark.
    static let questionWords: Set<String> = [
        "anyone", "any1", "anybody", "how", "when", "what", "why", "where", "which", "who", "whats", "hows",
        "wondering", "curious", "idk", "thoughts",
    ]

    /// Auxiliaries that open a question when a pronoun follows ("did anyone", "is it", "should I").
    static let questionAuxiliaries: Set<String> = [
        "did", "do", "does", "is", "are", "was", "were", "has", "have", "will", "would", "should", "can", "could",
    ]
    static let questionSubjects: Set<String> = [
        "anyone", "any1", "anybody", "you", "u", "someone", "somebody", "they", "yall", "people", "ppl", "he",
        "she", "it", "i", "we", "ur", "there", "this", "that",
    ]
}
