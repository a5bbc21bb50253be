import Domain
import Foundation
public import JSON

/// Greenhouse's Job Board API, `GET https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true`:
/// `{"jobs": [...], "meta": {"total": N}}`, every job published on the board, open ones only.
///
/// What it holds that others do not: the job post's own id (`gh_jid` in its links), a
/// requisition id, departments and offices, and `content`, the description as HTML whose markup
/// is written as entities (`&lt;p&gt;`), with `?content=true` only. It has no structured remote
/// field and, on this endpoint, no pay.
public enum GreenhouseBoardFeed {
    public static func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        switch FeedJSON.document(bytes).flatMap({ FeedJSON.jobsArray(of: $0, answer: "Greenhouse's") }) {
        case .success(let jobs): FeedJSON.parseJobs(jobs) { (job) throws(FeedJSON.ItemError) in try item(from: job, source: source) }
        case .failure(let failure): .failure(failure.reason)
        }
    }

    /// An object with a `jobs` array whose jobs have Greenhouse's `absolute_url` or
    /// `internal_job_id`, or, for a board with no jobs, Greenhouse's `meta.total`.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard case .object = document, let jobs = document["jobs"]?.arrayValue, document["apiVersion"] == nil else {
            return false
        }
        guard let first = jobs.first else { return document["meta"]?["total"] != nil }
        return first["absolute_url"] != nil || first["internal_job_id"] != nil
    }

    private static func item(from job: JSONValue, source: String) throws(FeedJSON.ItemError) -> FeedItem {
        var item = try FeedJSON.item(job, titledBy: "title", source: source)
        // `id` is the job post (the `gh_jid` of its links); `internal_job_id` the job behind it,
        // which several posts (one per region, say) may share. A post is what applicants see.
        let id = FeedJSON.string(job["id"])
        item.externalID = id
        item.openingID = id.map { "greenhouse:\($0)" }
        // Answers since 2024 name the company; older ones leave it to the feed's `company:`.
        item.posting.company = FeedText.line(FeedJSON.string(job["company_name"]))
        item.locations = locations(of: job)
        item.tags = FeedText.uniqued(
            (job["departments"]?.arrayValue ?? []).compactMap { FeedText.line(FeedJSON.string($0["name"])) })
        item.posting.url = FeedJSON.string(job["absolute_url"])
        // `updated_at` moves whenever anyone edits the post: the first publication is when it was posted.
        item.posting.postedAt =
            [job["first_published"], job["updated_at"]].lazy
            .compactMap { FeedJSON.string($0).flatMap(FeedDate.parse) }.first.map(FeedDate.milliseconds)
        // The markup arrives as entities ("&lt;p&gt;", text's own "&amp;amp;"): decoded once, it is HTML.
        item.posting.description = FeedJSON.string(job["content"]).flatMap { FeedText.body(FeedText.decodeEntities($0)) }
        item.posting.employmentType = employmentType(in: job["metadata"])
        return item
    }

    /// `location.name` is free text that lists several places with ";" or "|" ("New York, NY;
    /// San Francisco, CA"); commas belong to a place. Without it, the offices say where.
    private static func locations(of job: JSONValue) -> [String] {
        let named = (FeedJSON.string(job["location"]?["name"]) ?? "")
            .split { $0 == ";" || $0 == "|" }
            .compactMap { FeedText.line(String($0)) }
        if !named.isEmpty { return FeedText.uniqued(named) }
        let offices = (job["offices"]?.arrayValue ?? []).compactMap { office in
            FeedText.line(FeedJSON.string(office["location"])) ?? FeedText.line(FeedJSON.string(office["name"]))
        }
        return FeedText.uniqued(offices)
    }

    /// Custom fields the company publishes (`metadata`: null or `[{name, value, value_type}]`);
    /// many boards have one for the kind of job, under one of a few names.
    private static let employmentTypeFields: Set<String> = [
        "employment type", "job type", "employment status", "commitment", "time type", "type of employment",
    ]

    private static func employmentType(in metadata: JSONValue?) -> EmploymentType? {
        for field in metadata?.arrayValue ?? [] {
            guard let name = FeedJSON.string(field["name"])?.lowercased(), employmentTypeFields.contains(name) else { continue }
            // A multi-select field's value is an array.
            if let type = FeedJSON.strings(field["value"]).lazy.compactMap(FeedEmploymentType.fromLabel).first { return type }
        }
        return nil
    }
}
