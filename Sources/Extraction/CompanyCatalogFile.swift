public import ConfigFiles
public import Domain
import Foundation
import Yams

/// Reads the company alias map (`config/companies.yaml`): the catalog, or every problem with its
/// line. A key the map does not know (`alias:` for `aliases:`) is a problem too, since its aliases
/// would be lost; so is a company listed twice.
public enum CompanyCatalogFile {
    static let keys = ["name", "category", "aliases", "strict"]

    public static func read(contentsOf path: String) throws(ConfigFileError) -> CompanyCatalog {
        var file = try YAMLFile(contentsOf: path)
        return try read(&file)
    }

    public static func read(yaml: String, path: String) throws(ConfigFileError) -> CompanyCatalog {
        var file = try YAMLFile(yaml: yaml, path: path)
        return try read(&file)
    }

    private static func read(_ file: inout YAMLFile) throws(ConfigFileError) -> CompanyCatalog {
        guard let root = file.root, case .mapping(let top) = root, let list = top["companies"], case .sequence(let entries) = list
        else {
            file.problem(file.root, "expected `companies:`, a list of companies")
            try file.check()
            return .empty
        }
        file.unknownKeys(of: top, allowed: ["companies"])
        // By the catalog's matching key, so "J.P. Morgan" and "JP Morgan" are the same name.
        var firstLines: [String: (name: String, line: Int?)] = [:]
        var definitions: [CompanyDefinition] = []
        for (index, entry) in entries.enumerated() {
            guard case .mapping(let mapping) = entry else {
                file.problem(entry, "companies[\(index)]: expected a mapping (name:, category:, aliases:, strict:)")
                continue
            }
            let name = mapping["name"]?.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let key = CompanyCatalog.key(name)
            let label = key.isEmpty ? "companies[\(index)]" : "company \(name)"
            if key.isEmpty {
                file.problem(mapping["name"] ?? entry, "\(label): needs a name")
            } else if let first = firstLines[key] {
                file.problem(entry, "\(label): listed twice (also as \(first.name)\(first.line.map { " on line \($0)" } ?? ""))")
            } else {
                firstLines[key] = (name, entry.mark?.line)
            }
            file.unknownKeys(of: mapping, allowed: keys, label: label)
            var category: String?
            if let node = mapping["category"], node.null == nil {
                category = node.scalar?.string
                if category == nil { file.problem(node, "\(label): category must be text (tech, quant or finance)") }
            }
            var lists: [String: [String]] = [:]
            for field in ["aliases", "strict"] {
                guard let node = mapping[field], node.null == nil else { continue }
                guard case .sequence(let items) = node else {
                    file.problem(node, "\(label): \(field) must be a list")
                    continue
                }
                for item in items where item.scalar == nil {
                    file.problem(item, "\(label): \(field) must hold text")
                }
                lists[field] = items.compactMap(\.scalar?.string)
            }
            definitions.append(
                CompanyDefinition(name: name, category: category, aliases: lists["aliases"] ?? [], strict: lists["strict"] ?? []))
        }
        try file.check()
        do {
            return try CompanyCatalog(definitions)
        } catch {
            // Names and duplicates are checked above; this is what the catalog may add later.
            throw ConfigFileError([ConfigFileProblem(path: file.path, line: nil, text: "\(error)")])
        }
    }
}
