import Domain
import Foundation

/// Job boards' RSS 2.0, RSS 1.0 and Atom feeds, WeWorkRemotely's included: titles written
/// "Company: Role", a `region` element saying where the job is open, `category` elements as tags.
public enum RSSJobFeed {
    public static func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        let root: FeedXMLElement
        switch FeedXMLDocument.parse(bytes) {
        case .success(let element): root = element
        case .failure(let error): return .failure(error.reason)
        }
        let entries: [FeedXMLElement]
        switch root.localName {
        // RSS 2.0 puts items in the channel; RSS 1.0 (RDF) beside it.
        case "rss", "RDF":
            let channels = root.children(localName: "channel")
            entries = channels.flatMap { $0.children(localName: "item") } + root.children(localName: "item")
        case "feed": entries = root.children(localName: "entry")
        default: return .failure("not an RSS or Atom feed: the root element is <\(root.name)>")
        }
        var result = FeedParseResult()
        result.items.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            if let item = item(from: entry, source: source) {
                result.items.append(item)
            } else {
                result.skipped.append(FeedItemProblem(index: index, reason: "no title"))
            }
        }
        return result
    }

    /// RSS 2.0's `<rss>`, RSS 1.0's `<rdf:RDF>` and Atom's `<feed>`, by local name.
    public static func recognizes(rootElement localName: String) -> Bool {
        localName == "rss" || localName == "RDF" || localName == "feed"
    }

    /// Nil when the entry has no title, the one thing a job cannot do without.
    private static func item(from entry: FeedXMLElement, source: String) -> FeedItem? {
        guard let (company, title) = companyAndTitle(of: entry) else { return nil }
        var item = FeedItem(source: source, title: title, posting: JobPosting(company: company))
        item.externalID = entry.firstText(["guid", "id", "atom:id"])
        item.posting.url = link(of: entry)
        item.posting.postedAt = entry.firstText(["pubDate", "published", "updated", "dc:date", "atom:published", "atom:updated"])
            .flatMap(FeedDate.parse).map(FeedDate.milliseconds)
        item.posting.description = description(of: entry)
        // Vendor extensions put these in namespaces of their own (`job:location`), so by local name.
        item.remoteText = entry.children(localName: "region").lazy.compactMap { FeedText.line($0.trimmedText) }.first
        item.locations = FeedText.uniqued(entry.children(localName: "location").compactMap { FeedText.line($0.trimmedText) })
        item.salaryText = entry.children(localName: "salary").lazy.compactMap { FeedText.line($0.trimmedText) }.first
        item.tags = FeedText.uniqued(
            entry.children(localName: "category").compactMap { category in
                // RSS writes the category as text, Atom in a `term` attribute.
                FeedText.line(category.trimmedText ?? category.attributes["term"] ?? category.attributes["label"])
            }
        )
        return item
    }

    /// WeWorkRemotely writes "Company: Role"; a feed with a company element of its own keeps its
    /// title whole, as does a title without ": ".
    private static func companyAndTitle(of entry: FeedXMLElement) -> (company: String?, title: String)? {
        let titles = entry.children.lazy.filter { $0.name == "title" || $0.name == "atom:title" }
        guard let title = titles.compactMap(text(ofTitle:)).first else { return nil }
        if let company = entry.children(localName: "company").lazy.compactMap({ FeedText.line($0.trimmedText) }).first {
            return (company, title)
        }
        guard let separator = title.range(of: ": ") else { return (nil, title) }
        let company = FeedText.trimmed(String(title[..<separator.lowerBound]))
        let role = FeedText.trimmed(String(title[separator.upperBound...]))
        guard !company.isEmpty, !role.isEmpty else { return (nil, title) }
        return (company, role)
    }

    /// Atom titles may be HTML (escaped) or XHTML (markup in the document).
    private static func text(ofTitle element: FeedXMLElement) -> String? {
        switch element.attributes["type"] {
        case "html": FeedText.line(FeedText.plainText(fromHTML: element.text))
        case "xhtml": FeedText.line(FeedText.plainText(fromHTML: element.innerMarkup))
        default: FeedText.line(element.text)
        }
    }

    /// RSS's `<link>` text, or Atom's `<link href>` (the page itself: `rel="alternate"` or no
    /// `rel`, before enclosures and the like); failing both, a `guid` that is a URL.
    private static func link(of entry: FeedXMLElement) -> String? {
        var fallback: String?
        for link in entry.children(localName: "link") {
            if let href = link.attributes["href"].map(FeedText.trimmed), !href.isEmpty {
                let rel = link.attributes["rel"]
                if rel == nil || rel == "alternate" { return href }
                if fallback == nil { fallback = href }
            } else if let text = link.trimmedText {
                return text
            }
        }
        if let fallback { return fallback }
        // An RSS guid is a permalink unless it says otherwise.
        let guid = entry.children.first { $0.name == "guid" && $0.attributes["isPermaLink"] != "false" }?.trimmedText
        return guid.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
    }

    /// The fullest body the entry has, made plain.
    private static func description(of entry: FeedXMLElement) -> String? {
        for name in ["content:encoded", "content", "atom:content", "description", "summary", "atom:summary"] {
            for element in entry.children where element.name == name {
                // Atom's XHTML content is markup in the document itself, not text.
                let html = element.attributes["type"] == "xhtml" ? element.innerMarkup : element.text
                if let body = FeedText.body(html) { return body }
            }
        }
        return nil
    }
}
