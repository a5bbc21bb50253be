import Domain
import Store

/// Postings as the pages' tables show them.
enum PostingRows {
    static func context(_ postings: [StoredPosting]) -> [[String: Any]] {
        postings.map { stored in
            let posting = stored.posting
            var row: [String: Any] = [
                "posted": stored.posting.postedAt.map { Timestamp.date(day: Timestamp.day(of: $0)) } ?? "",
                "company": posting.company ?? "", "title": posting.title ?? "(untitled)", "location": posting.location ?? "",
                "remote": posting.remote.map(remoteWords) ?? "", "type": posting.employmentType?.words ?? "",
                "salary": salary(posting),
            ]
            if let url = safeLink(posting.url) { row["url"] = url }
            return row
        }
    }

    static func remoteWords(_ remote: RemotePolicy) -> String {
        switch remote {
        case .yes: "remote"
        case .no: "on-site"
        case .hybrid: "hybrid"
        }
    }

    /// "USD 150,000–180,000", or one end, or nothing.
    static func salary(_ posting: JobPosting) -> String {
        let amounts = [posting.salaryMin, posting.salaryMax].compactMap { $0 }.map(grouped)
        guard !amounts.isEmpty else { return "" }
        let range = amounts.count == 2 && amounts[0] != amounts[1] ? "\(amounts[0])–\(amounts[1])" : amounts[0]
        return [posting.currency, range].compactMap { $0 }.joined(separator: " ")
    }

    static func grouped(_ amount: Int) -> String {
        var digits = String(amount.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return (amount < 0 ? "-" : "") + digits
    }

    /// Only web links become links: a posting's URL comes from chat or a feed, and a `javascript:`
    /// link would run in the dashboard's page however well its text is escaped.
    static func safeLink(_ url: String?) -> String? {
        guard let url, let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        return scheme == "https" || scheme == "http" ? url : nil
    }
}
