public import Domain

/// A job's level (`intern`, `junior`, `mid`, `senior`, `staff`, `principal`, `lead`) as its title
/// states it: "Senior", "Sr.", "Staff", "New Grad", "Early Career", "Software Engineer I", "SDE
/// II". An internship is an internship whatever else the title says ("Software Engineering Intern
/// (undergraduate senior only)"); "Data Entry Clerk" is not entry level.
public enum SeniorityReading {
    public static func fromTitle(_ title: String) -> Seniority? {
        let words = PreparedPosting.words(of: title)
        let set = Set(words)
        func has(_ phrase: String) -> Bool {
            (" " + words.joined(separator: " ") + " ").contains(" \(phrase) ")
        }
        if !set.isDisjoint(with: ["intern", "internship", "coop", "apprentice", "apprenticeship"]) || has("co op") { return .intern }
        if set.contains("principal") || set.contains("distinguished") { return .principal }
        if set.contains("staff") { return .staff }
        if !set.isDisjoint(with: ["lead", "manager", "director", "head", "vp"]) { return .lead }
        if !set.isDisjoint(with: ["senior", "sr"]) || level(in: words) == 3 { return .senior }
        if !set.isDisjoint(with: ["junior", "jr", "graduate", "grad", "associate"]) || has("entry level") || has("early career")
            || has("new college grad") || level(in: words) == 1
        {
            return .junior
        }
        if !set.isDisjoint(with: ["mid", "intermediate"]) || has("mid level") || level(in: words) == 2 { return .mid }
        return nil
    }

    /// Words that a level number follows: "Software Engineer II", "SDE 1", "Analyst I".
    static let roleWords: Set<String> = [
        "engineer", "developer", "sde", "swe", "analyst", "programmer", "scientist", "designer", "architect", "administrator",
    ]

    /// 1, 2 or 3 when a role word is followed by "I"/"1", "II"/"2", "III"/"3".
    private static func level(in words: [String]) -> Int? {
        for (index, word) in words.enumerated().dropFirst() where roleWords.contains(words[index - 1]) {
            switch word {
            case "i", "1": return 1
            case "ii", "2": return 2
            case "iii", "3", "iv", "4": return 3
            default: continue
            }
        }
        return nil
    }
}
