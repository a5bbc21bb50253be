import Foundation
import Yams

/// One job feed to poll, as `config/feeds.yaml` names it.
public struct FeedSource: Sendable, Hashable {
    /// Stored with each posting as `feed:<name>`; letters, digits, `-` and `_`.
    public var name: String
    public var format: FeedFormat
    public var url: String
    /// Between polls while the feed answers; failures back off from here.
    public var interval: TimeInterval
    /// The employer of every job of the feed, for a company's own board (`company:`); see
    /// `FeedSource.parse(_:)`.
    public var company: String?

    public init(name: String, format: FeedFormat, url: String, interval: TimeInterval, company: String? = nil) {
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

    public static func load(contentsOf path: String) throws(AlertProfilesFile.Problems) -> [FeedSource] {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw AlertProfilesFile.Problems(lines: ["\(path): cannot read the file"])
        }
        return try load(yaml: text, path: path)
    }

    public static func load(yaml: String, path: String) throws(AlertProfilesFile.Problems) -> [FeedSource] {
        var problems: [String] = []
        func problem(_ node: Node?, _ text: String) {
            problems.append("\(path)\((node?.mark?.line).map { ":\($0)" } ?? ""): \(text)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw AlertProfilesFile.Problems(lines: ["\(path): invalid YAML: \(String(describing: error).split(whereSeparator: \.isNewline).first ?? "")"])
        }
        guard let root else { return [] }
        guard case .mapping(let top) = root, let list = top["feeds"], case .sequence(let entries) = list else {
            throw AlertProfilesFile.Problems(lines: ["\(path)\((root.mark?.line).map { ":\($0)" } ?? ""): expected `feeds:`, a list of feeds"])
        }
        var sources: [FeedSource] = []
        var names: Set<String> = []
        for (index, entry) in entries.enumerated() {
            guard case .mapping(let mapping) = entry else {
                problem(entry, "feeds[\(index)]: expected a mapping (name:, format:, url:, interval_minutes:, company:)")
                continue
            }
            for (key, _) in mapping where !["name", "format", "url", "interval_minutes", "company"].contains(key.string ?? "") {
                problem(key, "feeds[\(index)]: unknown key \(key.string ?? "?")")
            }
            guard let name = mapping["name"]?.string, !name.isEmpty,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else {
                problem(entry, "feeds[\(index)]: a feed needs a name of letters, digits, - and _")
                continue
            }
            if !names.insert(name).inserted { problem(entry, "feed \(name): the name is used twice") }
            let format = mapping["format"]?.string.flatMap(FeedFormat.init)
            if format == nil {
                problem(mapping["format"] ?? entry, "feed \(name): format must be one of \(FeedFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let url = mapping["url"]?.string ?? ""
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                problem(mapping["url"] ?? entry, "feed \(name): url must be an http(s) URL")
            }
            var minutes = 60
            if let node = mapping["interval_minutes"] {
                if let value = node.int, value >= minimumIntervalMinutes {
                    minutes = value
                } else {
                    problem(node, "feed \(name): interval_minutes must be at least \(minimumIntervalMinutes)")
                }
            }
            var company: String?
            if let node = mapping["company"] {
                company = node.string.map { $0.trimmingCharacters(in: .whitespaces) }
                if company?.isEmpty != false { problem(node, "feed \(name): company must be a name") }
            }
            if let format {
                sources.append(FeedSource(name: name, format: format, url: url, interval: TimeInterval(minutes * 60), company: company))
            }
        }
        guard problems.isEmpty else { throw AlertProfilesFile.Problems(lines: problems) }
        return sources
    }
}
