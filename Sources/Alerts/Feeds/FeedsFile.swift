public import ConfigFiles
import Foundation
import Yams

/// One job feed to poll, as `config/feeds.yaml` names it.
public struct FeedSource: Sendable, Hashable {
    /// Stored with each posting as `feed:<name>`; letters, digits, `-` and `_`.
    public var name: String
    public var format: FeedFormat
    public var url: String
    /// Between polls while the feed answers; failures back off from here.
    public var interval: Duration
    /// The employer of every job of the feed, for a company's own board (`company:`); see
    /// `FeedSource.parse(_:)`.
    public var company: String?

    /// Where the feed lives, for output: the host (and port) only, since a URL's query may hold
    /// an API key. Nil for a URL that is not http(s) with a host.
    public var host: String? { FeedFetchFailure.host(of: url) }

    public init(name: String, format: FeedFormat, url: String, interval: Duration, company: String? = nil) {
        self.name = name
        self.format = format
        self.url = url
        self.interval = interval
        self.company = company
    }
}

/// Reads `config/feeds.yaml`. Every problem is reported with its line, and a file with problems
/// gives no feeds at all, as with alert profiles.
public enum FeedsFile {
    public static let minimumIntervalMinutes = 1

    public static func load(contentsOf path: String) throws(ConfigFileError) -> [FeedSource] {
        var file = try YAMLFile(contentsOf: path)
        return try read(&file)
    }

    public static func load(yaml: String, path: String) throws(ConfigFileError) -> [FeedSource] {
        var file = try YAMLFile(yaml: yaml, path: path)
        return try read(&file)
    }

    static let keys = ["name", "format", "url", "interval_minutes", "company"]

    private static func read(_ file: inout YAMLFile) throws(ConfigFileError) -> [FeedSource] {
        guard let root = file.root else { return [] }
        guard case .mapping(let top) = root, let list = top["feeds"], case .sequence(let entries) = list else {
            throw ConfigFileError([ConfigFileProblem(path: file.path, line: root.mark?.line, text: "expected `feeds:`, a list of feeds")])
        }
        file.unknownKeys(of: top, allowed: ["feeds"])
        var sources: [FeedSource] = []
        var names: Set<String> = []
        for (index, entry) in entries.enumerated() {
            guard case .mapping(let mapping) = entry else {
                file.problem(entry, "feeds[\(index)]: expected a mapping (name:, format:, url:, interval_minutes:, company:)")
                continue
            }
            // Every key is checked even when the name is bad: one run of `config check` lists all.
            let name = mapping["name"]?.string ?? ""
            let validName = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            let label = validName ? "feed \(name)" : "feeds[\(index)]"
            file.unknownKeys(of: mapping, allowed: keys, label: label)
            if !validName {
                file.problem(mapping["name"] ?? entry, "\(label): a feed needs a name of letters, digits, - and _")
            } else if !names.insert(name).inserted {
                file.problem(entry, "\(label): the name is used twice")
            }
            let format = mapping["format"]?.string.flatMap(FeedFormat.init)
            if format == nil {
                file.problem(
                    mapping["format"] ?? entry,
                    "\(label): format must be one of \(FeedFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let url = mapping["url"]?.string ?? ""
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                file.problem(mapping["url"] ?? entry, "\(label): url must be an http(s) URL")
            }
            var minutes = 60
            if let node = mapping["interval_minutes"] {
                if let value = node.int, value >= minimumIntervalMinutes {
                    minutes = value
                } else {
                    file.problem(node, "\(label): interval_minutes must be at least \(minimumIntervalMinutes)")
                }
            }
            var company: String?
            if let node = mapping["company"] {
                company = node.string.map { $0.trimmingCharacters(in: .whitespaces) }
                if company?.isEmpty != false { file.problem(node, "\(label): company must be a name") }
            }
            if let format, validName {
                sources.append(FeedSource(name: name, format: format, url: url, interval: .seconds(minutes * 60), company: company))
            }
        }
        try file.check(inLineOrder: true)
        return sources
    }
}
