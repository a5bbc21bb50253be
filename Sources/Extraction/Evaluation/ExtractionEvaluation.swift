public import Domain

/// How an extractor's answers compare with the labels of an evaluation set. Pure: fed one
/// (label, answer) pair at a time, it keeps the counts the figures are made of.
public struct ExtractionEvaluation: Sendable {
    /// True/false positives and false negatives of a yes/no or set-membership decision.
    public struct Counts: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        public var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public private(set) var messages = 0
    /// Messages the extractor gave no result for (a failure).
    public private(set) var failures = 0
    /// (company, stage) pairs; companies compared by their alias-map key.
    public private(set) var pairs = Counts()
    public private(set) var spam = Counts()
    public private(set) var kindsRight = 0
    /// Posting fields the label gives, and how many the extractor got right.
    public private(set) var postingFields = 0
    public private(set) var postingFieldsRight = 0
    /// Labelled postings that name their company, and how many of those the answer got right.
    public private(set) var postingCompanies = 0
    public private(set) var postingCompaniesRight = 0
    /// Messages whose (company, stage) pairs differ from the label, for the report.
    public private(set) var misses: [(id: String, expected: [String], got: [String])] = []

    let catalog: CompanyCatalog

    public init(catalog: CompanyCatalog) {
        self.catalog = catalog
    }

    public var kindAccuracy: Double { Double(kindsRight) / Double(max(1, messages)) }
    public var postingFieldAccuracy: Double { Double(postingFieldsRight) / Double(max(1, postingFields)) }
    public var postingCompanyAccuracy: Double { Double(postingCompaniesRight) / Double(max(1, postingCompanies)) }

    public mutating func add(id: String, label: ExtractionResult, answer: ExtractionResult?) {
        messages += 1
        let expected = pairSet(label)
        guard let answer else {
            failures += 1
            pairs.falseNegatives += expected.count
            if label.spam { spam.falseNegatives += 1 }
            if !expected.isEmpty { misses.append((id, expected.sorted(), [])) }
            return
        }
        let got = pairSet(answer)
        pairs.truePositives += got.intersection(expected).count
        pairs.falsePositives += got.subtracting(expected).count
        pairs.falseNegatives += expected.subtracting(got).count
        if got != expected { misses.append((id, expected.sorted(), got.sorted())) }
        switch (answer.spam, label.spam) {
        case (true, true): spam.truePositives += 1
        case (true, false): spam.falsePositives += 1
        case (false, true): spam.falseNegatives += 1
        case (false, false): break
        }
        if answer.kind == label.kind { kindsRight += 1 }
        if label.kind == .jobPosting, let expectedPosting = label.posting {
            comparePostings(expected: expectedPosting, got: answer.kind == .jobPosting ? answer.posting : nil)
        }
    }

    private func pairSet(_ result: ExtractionResult) -> Set<String> {
        Set(result.updates.map { "\(catalog.canonicalName($0.company) ?? $0.company) / \($0.stage.rawValue)" })
    }

    /// Each field the label states (not null) is one comparison; text compares ignoring case and
    /// punctuation, skills as sets.
    private mutating func comparePostings(expected: JobPosting, got: JobPosting?) {
        func text(_ value: String?) -> String? { value.map(CompanyCatalog.key) }
        var checks: [Bool] = []
        if let company = companyKey(expected.company) {
            checks.append(company == companyKey(got?.company))
            postingCompanies += 1
            if checks.last == true { postingCompaniesRight += 1 }
        }
        if let title = text(expected.title) { checks.append(title == text(got?.title)) }
        if let location = text(expected.location) { checks.append(location == text(got?.location)) }
        if let remote = expected.remote { checks.append(remote == got?.remote) }
        if let type = expected.employmentType { checks.append(type == got?.employmentType) }
        if !expected.skills.isEmpty { checks.append(Set(expected.skills) == Set(got?.skills ?? [])) }
        if let minimum = expected.salaryMin { checks.append(minimum == got?.salaryMin) }
        if let maximum = expected.salaryMax { checks.append(maximum == got?.salaryMax) }
        if let currency = expected.currency { checks.append(currency == got?.currency) }
        if let url = expected.url { checks.append(url == got?.url) }
        postingFields += checks.count
        postingFieldsRight += checks.filter { $0 }.count
    }

    private func companyKey(_ value: String?) -> String? {
        value.map { CompanyCatalog.key(catalog.canonicalName($0) ?? $0) }
    }
}
