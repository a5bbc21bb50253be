import Domain
import Extraction
import Foundation
public import JSON

/// Ashby's job posting API, `GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true`:
/// `{"apiVersion": "1", "jobs": [...]}`, the board's published jobs.
///
/// What it holds that others do not: `employmentType` (`FullTime`, `PartTime`, `Intern`,
/// `Contract`, `Temporary`), `isRemote` and `workplaceType` (`OnSite`, `Remote`, `Hybrid`),
/// a primary `location` and `secondaryLocations`, `isListed` (false for a job kept off the
/// board), the description as HTML and plain text, and with `includeCompensation=true` the pay
/// as `compensation.summaryComponents` with a type, currency and interval each. It never names
/// the company: that is the feed's `company:` or the board name in the URL.
public enum AshbyJobBoardFeed {
    public static func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        switch FeedJSON.document(bytes).flatMap({ FeedJSON.jobsArray(of: $0, answer: "Ashby's") }) {
        case .success(let jobs): FeedJSON.parseJobs(jobs) { (job) throws(FeedJSON.ItemError) in try item(from: job, source: source) }
        case .failure(let failure): .failure(failure.reason)
        }
    }

    /// An object with a `jobs` array and Ashby's `apiVersion`, or whose jobs have Ashby's
    /// `jobUrl` or `isListed`.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard case .object = document, let jobs = document["jobs"]?.arrayValue else { return false }
        if document["apiVersion"] != nil { return true }
        guard let first = jobs.first else { return false }
        return first["jobUrl"] != nil || first["isListed"] != nil
    }

    private static func item(from job: JSONValue, source: String) throws(FeedJSON.ItemError) -> FeedItem {
        var item = try FeedJSON.item(job, titledBy: "title", source: source)
        let url = FeedJSON.string(job["jobUrl"])
        // Answers carry the posting's UUID as `id`; the documentation's example has none, and its
        // `jobUrl` ends with it.
        let id = FeedJSON.string(job["id"]) ?? url.flatMap(lastPathComponent)
        item.externalID = id
        item.openingID = id.map { "ashby:\($0)" }
        item.locations = locations(of: job)
        item.posting.remote = remote(workplaceType: FeedJSON.string(job["workplaceType"]), isRemote: job["isRemote"]?.boolValue)
        item.posting.employmentType = employmentType(FeedJSON.string(job["employmentType"]))
        item.tags = FeedText.uniqued([job["department"], job["team"]].compactMap { FeedText.line(FeedJSON.string($0)) })
        item.posting.url = url
        item.applyURL = FeedJSON.string(job["applyUrl"])
        item.posting.postedAt = FeedJSON.string(job["publishedAt"]).flatMap(FeedDate.parse).map(FeedDate.milliseconds)
        item.posting.description = FeedText.body(FeedJSON.string(job["descriptionPlain"]) ?? FeedJSON.string(job["descriptionHtml"]))
        // An unlisted job is reachable by its link only: the company keeps it off its board.
        item.active = job["isListed"]?.boolValue != false
        // A company that hides pay on its postings has not published it.
        if job["shouldDisplayCompensationOnJobPostings"]?.boolValue != false, let compensation = job["compensation"] {
            applyPay(compensation, to: &item)
        }
        return item
    }

    /// The primary location, then the secondary ones; an address spelled out when the primary
    /// location has no name.
    private static func locations(of job: JSONValue) -> [String] {
        var places = [FeedText.line(FeedJSON.string(job["location"]))]
        if places[0] == nil, let address = job["address"]?["postalAddress"] {
            let parts = ["addressLocality", "addressRegion", "addressCountry"].compactMap { FeedText.line(FeedJSON.string(address[$0])) }
            places[0] = parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
        places += (job["secondaryLocations"]?.arrayValue ?? []).map { FeedText.line(FeedJSON.string($0["location"])) }
        return FeedText.uniqued(places.compactMap { $0 })
    }

    /// `workplaceType` says which; without it, `isRemote: true` still says remote, while false may
    /// be on-site or hybrid and is left to the words.
    private static func remote(workplaceType: String?, isRemote: Bool?) -> RemotePolicy? {
        switch workplaceType?.lowercased() {
        case "remote": return .yes
        case "hybrid": return .hybrid
        case "onsite", "on-site", "on site": return .no
        default: return isRemote == true ? .yes : nil
        }
    }

    private static func employmentType(_ value: String?) -> EmploymentType? {
        switch value {
        case "FullTime": .fullTime
        case "PartTime": .partTime
        case "Intern": .internship
        // A fixed-term job is a contract in the posting vocabulary.
        case "Contract", "Temporary": .contract
        default: nil
        }
    }

    /// The salary component of `summaryComponents` (the range over every tier), else the salary
    /// components of the tiers; equity, bonus and commission are not salary. The summary text
    /// is kept only when there is a salary in it.
    private static func applyPay(_ compensation: JSONValue, to item: inout FeedItem) {
        var salaries = (compensation["summaryComponents"]?.arrayValue ?? []).filter(isSalary)
        if salaries.isEmpty {
            salaries = (compensation["compensationTiers"]?.arrayValue ?? []).flatMap {
                ($0["components"]?.arrayValue ?? []).filter(isSalary)
            }
        }
        let summary = FeedText.line(
            FeedJSON.string(compensation["scrapeableCompensationSalarySummary"])
                ?? FeedJSON.string(compensation["compensationTierSummary"]))
        guard !salaries.isEmpty else {
            // No components at all: the salary summary is the company's own words about pay.
            if compensation["summaryComponents"] == nil && compensation["compensationTiers"] == nil { item.salaryText = summary }
            return
        }
        let pays = salaries.compactMap(pay)
        // Tiers in different currencies or periods cannot be one range.
        guard let first = pays.first, pays.allSatisfy({ $0.currency == first.currency }) else { return }
        let low = pays.compactMap(\.min).min()
        let high = pays.compactMap(\.max).max()
        FeedPay(min: low, max: high, currency: first.currency).apply(to: &item)
        item.salaryText = summary
    }

    private static func isSalary(_ component: JSONValue) -> Bool {
        FeedJSON.string(component["compensationType"])?.lowercased() == "salary"
    }

    /// A component's interval is a count and a unit: `1 YEAR`, `1 MONTH`, `2 WEEK`, `1 HOUR`;
    /// `1 TIME` and `NONE` are not periods.
    private static func pay(_ component: JSONValue) -> FeedPay? {
        let interval = (FeedJSON.string(component["interval"]) ?? "").split(separator: " ")
        guard interval.count == 2, let count = Double(interval[0]), count > 0,
            let perYear = FeedPay.periodsPerYear(unit: String(interval[1]))
        else { return nil }
        return FeedPay.annual(
            min: FeedJSON.number(component["minValue"]), max: FeedJSON.number(component["maxValue"]),
            currency: FeedJSON.string(component["currencyCode"]), periodsPerYear: perYear / count)
    }

    private static func lastPathComponent(_ url: String) -> String? {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        return path.split(separator: "/").last.map(String.init).flatMap { $0.contains(".") ? nil : $0 }
    }
}
