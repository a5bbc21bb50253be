import Foundation
import Support
public import Yams

/// One YAML configuration file, read and parsed once, and the problems its reader finds in it,
/// each at the node it concerns so that it carries that node's line. The four files
/// (`hiringpulse.yaml`, `alerts.yaml`, `feeds.yaml`, `companies.yaml`) are read through this one
/// type: a file that cannot be read or is not YAML is one line, and a reader that walks `root`
/// reports the rest with `problem(_:_:)`.
public struct YAMLFile {
    public let path: String
    /// Nil for an empty file (or one of comments only).
    public let root: Node?
    /// In the order they were found.
    public private(set) var problems: [ConfigFileProblem] = []

    /// Parses `yaml`, which came from `path`.
    public init(yaml: String, path: String) throws(ConfigFileError) {
        self.path = path
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            let (line, text) = Self.describe(error)
            throw ConfigFileError([ConfigFileProblem(path: path, line: line, text: "invalid YAML: \(text)")])
        }
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws(ConfigFileError) {
        var isDirectory: ObjCBool = false
        func unreadable(_ text: String) -> ConfigFileError { ConfigFileError([ConfigFileProblem(path: nil, line: nil, text: text)]) }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable("cannot read config file \(path): no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw unreadable("cannot read config file \(path): not a readable file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw unreadable("config file \(path) is not valid UTF-8") }
        try self.init(yaml: text, path: path)
    }

    /// Records a problem at `node`'s line (the file's, when there is no node).
    public mutating func problem(_ node: Node?, _ text: String) {
        problems.append(ConfigFileProblem(path: path, line: node?.mark?.line, text: text))
    }

    /// Every key of `mapping` that is not `allowed` is a problem at its own line:
    /// `label: unknown key colour`, or `unknown key colour` without a label.
    public mutating func unknownKeys(of mapping: Node.Mapping, allowed: some Sequence<String>, label: String? = nil) {
        let allowed = Set(allowed)
        for (key, _) in mapping where !allowed.contains(key.string ?? "") {
            problem(key, "\(label.map { "\($0): " } ?? "")unknown key \(key.string ?? "?")")
        }
    }

    /// `list:` of text items; a node that is not a list, or an item that is not text, is a problem.
    public mutating func strings(_ node: Node?, _ label: String) -> [String] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            problem(node, "\(label): expected a list")
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar?.string, !text.isEmpty else {
                problem(item, "\(label): expected text items")
                return nil
            }
            return text
        }
    }

    /// The problems, or nothing when there are none; in the order found, or in the file's order
    /// (as an editor walks them; those of one line as found).
    public func check(inLineOrder: Bool = false) throws(ConfigFileError) {
        guard !problems.isEmpty else { return }
        guard inLineOrder else { throw ConfigFileError(problems) }
        let ordered = problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
        throw ConfigFileError(ordered.map(\.element))
    }

    /// Yams' error as a line and one line of text: its own description spans several lines and
    /// quotes the file.
    static func describe(_ error: any Error) -> (line: Int?, text: String) {
        guard let error = error as? YamlError else { return (nil, String(describing: error).firstLine) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let started = context.map { " (\($0.text) from line \($0.mark.line))" } ?? ""
            return (mark.line, problem + started)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "\(duplicates.sorted().joined(separator: ", ")) is written twice in one mapping")
        default:
            return (nil, String(describing: error).firstLine)
        }
    }
}
