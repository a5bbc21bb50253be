import Domain
import Extraction
import Foundation
public import JSON

/// Lever's Postings API, `GET https://api.lever.co/v0/postings/{site}?mode=json` (or
/// `api.eu.lever.co`): a JSON array of the site's published postings.
///
/// What it holds that others do not: the posting's id (a UUID), `categories` (location,
/// allLocations, commitment, team, department), `workplaceType`, `createdAt` in Unix
/// milliseconds, the description as plain text and HTML, extra `lists` (requirements,
/// benefits…) and, when the company publishes it, `salaryRange` with its currency and interval.
/// It never names the company: that is the feed's `company:` or the site name in the URL.
public enum LeverPostingsFeed {
    public static func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        let document: JSONValue
        switch FeedJSON.document(bytes) {
        case .success(let value): document = value
        case .failure(let failure): return .failure(failure.reason)
        }
        if let postings = document.arrayValue {
            // `?group=team` (or location, commitment) wraps the postings in `{title, postings}` groups.
            if postings.contains(where: { $0["postings"]?.arrayValue != nil && $0["text"] == nil }) {
                return .failure("Lever's answer is grouped (?group=…); poll the plain list of postings instead")
            }
            return FeedJSON.parseJobs(postings) { (job) throws(FeedJSON.ItemError) in try item(from: job, source: source) }
        }
        // An unknown site answers `{"ok": false, "error": "Document not found"}`.
        if document["ok"]?.boolValue == false, let error = FeedText.line(FeedJSON.string(document["error"])) {
            return .failure("Lever answered with an error: \(error.prefix(200))")
        }
        return .failure("expected Lever's JSON array of postings, found \(FeedJSON.kind(of: document))")
    }

    /// An array whose first object has Lever's `hostedUrl`, or its `text` and `categories`. An
    /// empty array could be any of the array feeds, and is recognized by none.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let first = document.arrayValue?.first(where: { if case .object = $0 { true } else { false } }) else {
            return false
        }
        return first["hostedUrl"] != nil || (first["text"] != nil && first["categories"] != nil)
    }

    private static func item(from posting: JSONValue, source: String) throws(FeedJSON.ItemError) -> FeedItem {
        var item = try FeedJSON.item(posting, titledBy: "text", meaning: "the posting's title", source: source)
        let id = FeedJSON.string(posting["id"])
        item.externalID = id
        item.openingID = id.map { "lever:\($0)" }
        let categories = posting["categories"]
        // `allLocations` repeats the primary `location`; older postings have only `location`.
        item.locations = FeedText.uniqued(
            ([categories?["location"]] + (categories?["allLocations"]?.arrayValue ?? []))
                .compactMap { FeedText.line(FeedJSON.string($0)) })
        item.posting.remote = remote(FeedJSON.string(posting["workplaceType"]))
        item.posting.employmentType = FeedEmploymentType.fromLabel(FeedJSON.string(categories?["commitment"]))
        item.tags = FeedText.uniqued(
            [categories?["team"], categories?["department"]].compactMap { FeedText.line(FeedJSON.string($0)) })
        item.posting.url = FeedJSON.string(posting["hostedUrl"])
        item.applyURL = FeedJSON.string(posting["applyUrl"])
        item.posting.postedAt = FeedJSON.unixDate(posting["createdAt"]).map(FeedDate.milliseconds)
        item.posting.description = description(of: posting)
        if let range = posting["salaryRange"], case .object = range {
            pay(range)?.apply(to: &item)
        } else {
            // Without a range, the salary description is the company's own words about pay.
            item.salaryText = FeedText.line(
                FeedJSON.string(posting["salaryDescriptionPlain"]) ?? FeedText.body(FeedJSON.string(posting["salaryDescription"])))
        }
        return item
    }

    /// Documented as `unspecified`, `on-site`, `remote` or `hybrid`; answers also say `onsite`.
    private static func remote(_ workplaceType: String?) -> RemotePolicy? {
        switch workplaceType?.lowercased() {
        case "remote": .yes
        case "hybrid": .hybrid
        case "on-site", "onsite", "on site", "in-office": .no
        default: nil
        }
    }

    /// The description, then each list under its heading, then the closing part: all of it is
    /// the posting, and requirements lists are where the skills are.
    private static func description(of posting: JSONValue) -> String? {
        var parts: [String] = []
        if let text = FeedText.body(FeedJSON.string(posting["descriptionPlain"]) ?? FeedJSON.string(posting["description"])) {
            parts.append(text)
        }
        for list in posting["lists"]?.arrayValue ?? [] {
            let heading = FeedText.line(FeedJSON.string(list["text"]))
            let content = FeedText.body(FeedJSON.string(list["content"]))
            let part = [heading, content].compactMap { $0 }.joined(separator: "\n")
            if !part.isEmpty { parts.append(part) }
        }
        if let closing = FeedText.body(FeedJSON.string(posting["additionalPlain"]) ?? FeedJSON.string(posting["additional"])) {
            parts.append(closing)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// `{min, max, currency, interval}`, the interval one of `per-year-salary`,
    /// `per-month-salary`, `semi-month-salary`, `bi-month-salary`, `bi-week-salary`,
    /// `per-week-salary`, `per-day-wage`, `per-hour-wage` or `one-time`.
    private static func pay(_ range: JSONValue) -> FeedPay? {
        let periods: Double? =
            switch FeedJSON.string(range["interval"])?.lowercased() {
            case "per-year-salary": 1
            case "per-month-salary": 12
            case "semi-month-salary": 24
            case "bi-month-salary": 6
            case "bi-week-salary": 26
            case "per-week-salary": 52
            case "per-day-wage": 260
            case "per-hour-wage": 2080
            // `one-time` is not pay by the year; an unknown interval cannot be annualized.
            default: nil
            }
        return FeedPay.annual(
            min: FeedJSON.number(range["min"]), max: FeedJSON.number(range["max"]), currency: FeedJSON.string(range["currency"]),
            periodsPerYear: periods)
    }
}
