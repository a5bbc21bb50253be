import Foundation

/// The employer's own id of an opening, read from where its applicant tracking system puts it: the
/// URL of the job (Greenhouse's `gh_jid` and `/jobs/{id}`, Lever's and Ashby's posting ids,
/// Workday's requisition suffix, SuccessFactors' and iCIMS' job numbers). Two postings with
/// different ids are different openings, even with the same company, title and place; the same id
/// under two URLs is one opening.
///
/// Ids are namespaced by system, and by tenant where the system numbers per tenant (Workday,
/// SuccessFactors and iCIMS sites), so ids of two employers never collide.
public enum OpeningID {
    /// The opening id in a job URL, or nil when the URL names none we know how to read.
    public static func fromURL(_ url: String) -> String? {
        guard let parts = URLParts(url) else { return nil }
        if let id = parts.query["gh_jid"], isDigits(id) { return "greenhouse:\(id)" }
        let path = parts.path
        switch parts.host {
        case "boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io", "job-boards.eu.greenhouse.io":
            // /{board}/jobs/{id}, or the embed form /embed/job_app?token={id}
            if let id = segment(after: "jobs", in: path), isDigits(id) { return "greenhouse:\(id)" }
            if let id = parts.query["token"], isDigits(id) { return "greenhouse:\(id)" }
        case "jobs.lever.co", "jobs.eu.lever.co":
            // /{company}/{uuid}[/apply]
            if path.count >= 2, isUUID(path[1]) { return "lever:\(path[1].lowercased())" }
        case "jobs.ashbyhq.com":
            // /{board}/{uuid}[/application]
            if path.count >= 2, isUUID(path[1]) { return "ashby:\(path[1].lowercased())" }
        default:
            break
        }
        if parts.host.contains(".myworkdayjobs.com") || parts.host.hasSuffix("myworkdaysite.com") {
            // …/job/{place}/{Title-Words}_{REQUISITION}: the requisition follows the last underscore.
            if let last = path.last, path.contains("job"), let underscore = last.lastIndex(of: "_") {
                let requisition = last[last.index(after: underscore)...]
                if requisition.contains(where: \.isNumber) { return "workday:\(tenant(parts)):\(requisition.uppercased())" }
            }
        }
        if parts.query["ats"] == "successfactors", let index = path.firstIndex(of: "job"), path.count > index + 2,
            isDigits(path[index + 2])
        {
            // /job/{Slug}/{number}/?ats=successfactors
            return "successfactors:\(parts.host):\(path[index + 2])"
        }
        if parts.host.hasSuffix(".icims.com"), let id = segment(after: "jobs", in: path), isDigits(id) {
            return "icims:\(parts.host):\(id)"
        }
        // A careers page whose path ends in a long number ("/jobs/listing/software-engineer/6025906")
        // names the job by it; job boards that list other companies' jobs name their own listing.
        if let last = path.last, last.count >= 5, isDigits(last), !jobBoardHosts.contains(parts.host) {
            return "web:\(parts.host):\(last)"
        }
        return nil
    }

    /// Hosts whose numbers are their own listings', not an employer's opening.
    static let jobBoardHosts: Set<String> = ["remoteok.com", "remoteok.io", "weworkremotely.com", "linkedin.com", "indeed.com"]

    /// The id without its system and tenant ("6025906", "R0155211", a UUID): what identifies the
    /// opening within one company, whichever system's URL named it.
    public static func value(of id: String) -> String {
        String(id[(id.lastIndex(of: ":").map(id.index(after:)) ?? id.startIndex)...])
    }

    /// Workday numbers requisitions per tenant: `pnc.wd5.myworkdayjobs.com` is `pnc`;
    /// `wd1.myworkdaysite.com/recruiting/fmr/…` names it in the path.
    private static func tenant(_ parts: URLParts) -> String {
        if parts.host.hasSuffix("myworkdaysite.com"), parts.path.first == "recruiting", parts.path.count > 1 {
            return parts.path[1].lowercased()
        }
        return String(parts.host.prefix { $0 != "." })
    }

    private static func segment(after name: String, in path: [String]) -> String? {
        guard let index = path.firstIndex(of: name), index + 1 < path.count else { return nil }
        return path[index + 1]
    }

    private static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `8-4-4-4-12` hexadecimal digits.
    private static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// Host (lower-cased, no `www.`), path segments (percent-escapes left as they are) and query.
    private struct URLParts {
        var host: String
        var path: [String]
        var query: [String: String]

        init?(_ url: String) {
            guard let schemeEnd = url.range(of: "://") else { return nil }
            var rest = Substring(url[schemeEnd.upperBound...])
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            query = [:]
            if let mark = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                    let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    if nameValue.count == 2 { query[nameValue[0].lowercased()] = String(nameValue[1]) }
                }
                rest = rest[..<mark]
            }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = rest[..<slash].lowercased()
            if host.hasPrefix("www.") { host.removeFirst(4) }
            guard !host.isEmpty else { return nil }
            path = rest[slash...].split(separator: "/").map(String.init)
        }
    }
}
