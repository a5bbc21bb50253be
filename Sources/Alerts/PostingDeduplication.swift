public import Domain
import Extraction
import Foundation
public import Store

/// How two postings are recognized as the same job: by their canonical URL, or by their fingerprint.
/// The fingerprint is the company and its opening id when one is known (from the source, or read
/// from the job's URL by `OpeningID`): distinct requisitions with one title and place stay apart,
/// and one requisition under two URLs ("…/jobs/listing/…/6025906" and "…?gh_jid=6025906") stays
/// one. Without an id it is company, normalized title and location.
public enum PostingDeduplication {
    /// `openingID` is the source's own id of the opening, when it gives one. A feed lists several
    /// places joined with "; ": the first stands for them, as it did when they were kept apart.
    public static func identity(of posting: JobPosting, openingID: String? = nil) -> PostingIdentity {
        identity(
            company: posting.company, title: posting.title, location: posting.location?.components(separatedBy: "; ").first,
            url: posting.url, openingID: openingID ?? posting.url.flatMap(OpeningID.fromURL))
    }

    static func identity(company: String?, title: String?, location: String?, url: String?, openingID: String?) -> PostingIdentity {
        PostingIdentity(
            canonicalURL: url.flatMap(canonicalURL),
            fingerprint: openingID.map { "opening|\(company.map(CompanyCatalog.key) ?? "")|\(OpeningID.value(of: $0))" }
                ?? fingerprint(company: company, title: title, location: location))
    }

    /// Lower-cased scheme and host, no `www.`, no fragment, no tracking parameters, no trailing slash.
    public static func canonicalURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else { return nil }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = Substring(trimmed[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: [Substring] = []
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...].split(separator: "&").filter { parameter in
                let name = parameter.split(separator: "=", maxSplits: 1).first?.lowercased() ?? ""
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<slash].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty else { return nil }
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        let queryText = query.isEmpty ? "" : "?" + query.sorted().joined(separator: "&")
        return "https://\(host)\(path)\(queryText)"
    }

    static let trackingParameters: Set<String> = ["ref", "source", "src", "gh_src", "lever-source", "fbclid", "gclid"]

    /// `company|title|location`, each lower-cased with punctuation and seniority noise removed.
    public static func fingerprint(company: String?, title: String?, location: String?) -> String {
        func normalize(_ text: String?) -> String {
            guard let text else { return "" }
            return text.lowercased()
                .split { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "#" }
                .map { titleSynonyms[String($0)] ?? String($0) }
                .joined(separator: " ")
        }
        return [normalize(company), normalize(title), normalize(location)].joined(separator: "|")
    }

    private static let titleSynonyms: [String: String] = [
        "sr": "senior", "jr": "junior", "swe": "software engineer", "eng": "engineer", "dev": "developer",
        "mgr": "manager", "sde": "software engineer",
    ]
}
