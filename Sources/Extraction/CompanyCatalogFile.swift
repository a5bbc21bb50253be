import Domain
import Foundation
import Support
import Yams

/// Checks the company alias map (`config/companies.yaml`) for `config check`: every problem, each
/// with its line, where loading the catalog stops at the first and names no line. A key the
/// loader would ignore (`alias:` for `aliases:`) is a problem too: its aliases would be lost.
public enum CompanyCatalogFile {
    static let keys: Set<String> = ["name", "category", "aliases", "strict"]

    public static func problems(contentsOf path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return ["\(path): cannot read the file"] }
        guard let text = String(data: data, encoding: .utf8) else { return ["\(path): not UTF-8"] }
        return problems(yaml: text, path: path)
    }

    public static func problems(yaml: String, path: String) -> [String] {
        var problems: [String] = []
        func problem(_ node: Node?, _ text: String) {
            problems.append("\(path)\((node?.mark?.line).map { ":\($0)" } ?? ""): \(text)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return ["\(path): invalid YAML: \(String(describing: error).firstLine)"]
        }
        guard let root, case .mapping(let top) = root, let list = top["companies"], case .sequence(let entries) = list else {
            problem(root, "expected `companies:`, a list of companies")
            return problems
        }
        for (key, _) in top where key.string != "companies" { problem(key, "unknown key \(key.string ?? "?")") }
        // By the catalog's matching key, so "J.P. Morgan" and "JP Morgan" are the same name.
        var firstLines: [String: (name: String, line: Int?)] = [:]
        for (index, entry) in entries.enumerated() {
            guard case .mapping(let mapping) = entry else {
                problem(entry, "companies[\(index)]: expected a mapping (name:, category:, aliases:, strict:)")
                continue
            }
            let name = mapping["name"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let key = CompanyCatalog.key(name)
            let label = key.isEmpty ? "companies[\(index)]" : "company \(name)"
            if key.isEmpty {
                problem(mapping["name"] ?? entry, "\(label): needs a name")
            } else if let first = firstLines[key] {
                problem(entry, "\(label): listed twice (also as \(first.name)\(first.line.map { " on line \($0)" } ?? ""))")
            } else {
                firstLines[key] = (name, entry.mark?.line)
            }
            for (key, _) in mapping where !keys.contains(key.string ?? "") {
                problem(key, "\(label): unknown key \(key.string ?? "?")")
            }
            if let category = mapping["category"], category.string == nil {
                problem(category, "\(label): category must be text (tech, quant or finance)")
            }
            for field in ["aliases", "strict"] {
                guard let node = mapping[field] else { continue }
                guard case .sequence(let items) = node else {
                    problem(node, "\(label): \(field) must be a list")
                    continue
                }
                for item in items where item.string == nil {
                    problem(item, "\(label): \(field) must hold text")
                }
            }
        }
        return problems
    }
}
