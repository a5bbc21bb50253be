import Domain

/// The kind of job from a source's own label for it: Lever's `categories.commitment`
/// ("Full-time", "Intern", "Contractor"), a Greenhouse board's "Employment Type" field. A label is
/// a few words chosen from a list, so reading its words is safe here, unlike a description's.
enum FeedEmploymentType {
    /// The kind; nil for a label that says none of
    /// them ("Unspecified", "Other"). An intern's label wins over its hours ("Part-time Intern"),
    /// a contract over its hours ("Full-time Contract").
    static func fromLabel(_ label: String?) -> EmploymentType? {
        guard let label else { return nil }
        let words = label.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let joined = " " + words.joined(separator: " ") + " "
        func has(_ phrase: String) -> Bool { joined.contains(" \(phrase) ") }
        if has("intern") || has("interns") || has("internship") || has("co op") || has("coop") || has("apprentice")
            || has("apprenticeship") || has("working student") || has("werkstudent")
        {
            return .internship
        }
        if has("contract") || has("contractor") || has("freelance") || has("freelancer") || has("temporary") || has("temp")
            || has("fixed term") || has("seasonal")
        {
            return .contract
        }
        if has("part time") || has("parttime") { return .partTime }
        if has("full time") || has("fulltime") || has("permanent") || has("regular") { return .fullTime }
        return nil
    }
}
