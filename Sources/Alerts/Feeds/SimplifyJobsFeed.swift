import Domain
import Foundation
public import JSON

/// SimplifyJobs' `listings.json` (the internship and new-grad lists on GitHub): an array of
/// listings, closed ones included with `active: false`. `locations` are kept as they are ("NYC",
/// "Remote in USA"); a listing is remote when one of them says so. The internship lists give each
/// listing its `terms` ("Summer 2026"): a listing with a season is an internship.
public enum SimplifyJobsFeed {
    public static func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        FeedJSON.parseJobs(bytes) { (job) throws(FeedJSON.ItemError) in try item(from: job, source: source) }
    }

    /// Listings have a `company_name` and their `locations` or `terms`.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let first = document.arrayValue?.first(where: { if case .object = $0 { true } else { false } }) else { return false }
        return first["company_name"] != nil && (first["locations"] != nil || first["terms"] != nil)
    }

    private static func item(from listing: JSONValue, source: String) throws(FeedJSON.ItemError) -> FeedItem {
        var item = try FeedJSON.item(listing, titledBy: "title", source: source)
        item.externalID = FeedJSON.string(listing["id"])
        item.posting.company = FeedText.line(FeedJSON.string(listing["company_name"]))
        item.locations = FeedText.uniqued(FeedJSON.strings(listing["locations"]).compactMap(FeedText.line))
        if item.locations.contains(where: { PreparedPosting.words(of: $0).contains("remote") }) { item.posting.remote = .yes }
        // The season ("Summer 2026") and category are what people filter these lists by.
        let terms = FeedJSON.strings(listing["terms"]).compactMap(FeedText.line)
        item.tags = FeedText.uniqued((terms + FeedJSON.strings(listing["category"])).compactMap(FeedText.line))
        if terms.contains(where: isSeason) { item.posting.employmentType = .internship }
        // `url` is the application link itself.
        item.posting.url = FeedJSON.string(listing["url"])
        item.applyURL = item.posting.url
        item.posting.postedAt = FeedJSON.unixDate(listing["date_posted"]).map(FeedDate.milliseconds)
        // A hidden listing (`is_visible: false`) was taken down by the list's maintainers.
        item.active = listing["active"]?.boolValue != false && listing["is_visible"]?.boolValue != false
        item.posting.sponsorship = FeedText.line(FeedJSON.string(listing["sponsorship"]))
        return item
    }

    /// "Summer 2026", "Fall 2025", "Winter 2026".
    static func isSeason(_ term: String) -> Bool {
        let words = PreparedPosting.words(of: term)
        return words.contains { ["summer", "fall", "autumn", "winter", "spring"].contains($0) }
    }
}
