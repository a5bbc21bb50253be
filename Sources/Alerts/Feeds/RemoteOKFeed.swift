import Domain
import Foundation
public import JSON

/// RemoteOK's JSON API (`https://remoteok.com/api`): an array whose first element is a legal
/// notice and whose others are jobs. RemoteOK lists remote jobs only: every posting is remote, and
/// its `location` ("United States", "Remote - New Zealand", often empty) is where the company
/// hires from, kept as the posting's location.
public enum RemoteOKFeed {
    public static func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        FeedJSON.parseJobs(bytes, ignoring: isLegalNotice) { (job) throws(FeedJSON.ItemError) in try item(from: job, source: source) }
    }

    /// Its answer opens with the legal notice; failing that, its jobs have a `position` and a
    /// `company`.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let first = document.arrayValue?.first else { return false }
        return isLegalNotice(first) || (first["position"] != nil && first["company"] != nil)
    }

    /// The API's terms of use, sent as its first element: it has `legal` and no `position`.
    private static func isLegalNotice(_ element: JSONValue) -> Bool {
        element["legal"] != nil && element["position"] == nil
    }

    private static func item(from job: JSONValue, source: String) throws(FeedJSON.ItemError) -> FeedItem {
        var item = try FeedJSON.item(job, titledBy: "position", source: source)
        item.externalID = FeedJSON.string(job["id"])
        item.posting.company = FeedText.line(FeedJSON.string(job["company"]))
        item.posting.remote = .yes
        if let location = FeedText.line(FeedJSON.string(job["location"])) { item.locations = [location] }
        item.tags = FeedText.uniqued(FeedJSON.strings(job["tags"]).compactMap(FeedText.line))
        item.salaryMin = salary(job["salary_min"])
        item.salaryMax = salary(job["salary_max"])
        item.salaryText = FeedText.line(FeedJSON.string(job["salary"]))
        item.posting.url = FeedJSON.string(job["url"])
        item.applyURL = FeedJSON.string(job["apply_url"])
        item.posting.postedAt = (FeedJSON.string(job["date"]).flatMap(FeedDate.parse) ?? FeedJSON.unixDate(job["epoch"])).map(
            FeedDate.milliseconds)
        item.posting.description = FeedText.body(FeedJSON.string(job["description"])).map(withoutApplicationCheck)
        return item
    }

    /// RemoteOK ends every description with "Please mention the word **AMELIORATE** and tag
    /// RMzg…== when applying to show you read the job post completely…": words of its own that
    /// say nothing about the job, and that keyword criteria should not see.
    static func withoutApplicationCheck(_ description: String) -> String {
        guard let range = description.range(of: "Please mention the word", options: .backwards) else { return description }
        return String(description[..<range.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// RemoteOK writes 0 for a salary it does not know.
    private static func salary(_ value: JSONValue?) -> Double? {
        guard let amount = FeedJSON.number(value), amount > 0 else { return nil }
        return amount
    }
}
