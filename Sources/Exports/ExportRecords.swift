import Domain
public import Store

// The stored records the command line and the dashboard export, with their columns.

extension StoredPosting: ExportRecord {
    public static let columns = [
        "id", "source", "external_id", "company", "title", "location", "remote", "employment_type", "seniority", "skills",
        "salary_min", "salary_max", "currency", "url", "posted_at",
    ]

    public var values: [ExportValue] {
        [
            .integer(id), .text(source), .text(externalID), .text(posting.company), .text(posting.title), .text(posting.location),
            .text(posting.remote?.rawValue), .text(posting.employmentType?.rawValue), .text(posting.seniority?.rawValue),
            .list(posting.skills), .integer(posting.salaryMin.map(Int64.init)), .integer(posting.salaryMax.map(Int64.init)),
            .text(posting.currency), .text(posting.url), .text(Timestamp.iso8601(postedAt)),
        ]
    }
}

extension StageUpdateExportRow: ExportRecord {
    public static let columns = ["id", "message_id", "author_hash", "company", "stage", "role", "season", "reported_at"]

    public var values: [ExportValue] {
        [
            .integer(id), .text(messageID.map(String.init)), .text(authorHash), .text(company), .text(stage), .text(role),
            .text(season), .text(Timestamp.iso8601(reportedAt)),
        ]
    }
}
