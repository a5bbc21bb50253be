import ConfigFiles
import Foundation
import Yams

/// Where a configuration value came from.
public enum ConfigValueSource: String, Sendable {
    case defaultValue = "default"
    case file
    case environment
}

/// The outcome of loading the configuration: the values, where each came from, and every problem
/// found, each explained in one line.
public struct LoadedConfig: Sendable {
    public var filePath: String?
    public var config: HiringPulseConfig
    /// Each option's value as text, and its source, for `config check`.
    public var resolved: [(option: ConfigOption, value: String, source: ConfigValueSource)]
    public var problems: [String]
}

/// Reads `config/hiringpulse.yaml` (or the file given) once, through `YAMLFile`, then the
/// `HIRINGPULSE_<KEY>` environment variables over it; each value is read by its key
/// (`ConfigOption.all`), which also says why one is not valid. Secrets come from the environment
/// only.
public enum ConfigLoader {
    public static let defaultPath = "config/hiringpulse.yaml"

    /// Loads the configuration. Never throws: problems are collected in `problems`, and a value
    /// with a problem keeps its default (or the file's, for an environment variable).
    public static func load(path explicitPath: String?, environment: [String: String]) -> LoadedConfig {
        var problems: [String] = []
        let path =
            explicitPath ?? environment["HIRINGPULSE_CONFIG"]
            ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)
        var values = ConfigValues()
        var read: [String: (text: String, source: ConfigValueSource)] = [:]
        func set(_ option: ConfigOption, _ value: (value: any Sendable, text: String), from source: ConfigValueSource) {
            values.set(value.value, for: option)
            read[option.key] = (value.text, source)
        }

        if let path {
            do {
                var file = try YAMLFile(contentsOf: path)
                for (option, value) in readFile(&file) { set(option, value, from: .file) }
                problems += file.problems.map(\.description)
            } catch {
                problems += error.lines
            }
        }

        let reserved = Set(["HIRINGPULSE_CONFIG", SecretName.authorKey.rawValue, SecretName.authorKey.rawValue + "_FILE"])
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("HIRINGPULSE_") {
            if reserved.contains(name) { continue }
            guard let option = ConfigOption.all.first(where: { $0.environmentVariable == name }) else {
                problems.append("unknown environment variable \(name): no such configuration key")
                continue
            }
            do {
                set(option, try option.read(.text(text)), from: .environment)
            } catch {
                problems.append("\(name): \(error)")
            }
        }

        let resolved = ConfigOption.all.map { option in
            (option: option, value: read[option.key]?.text ?? option.defaultText, source: read[option.key]?.source ?? .defaultValue)
        }
        let secrets = readSecrets(environment: environment, problems: &problems)
        return LoadedConfig(
            filePath: path, config: HiringPulseConfig(values: values, secrets: secrets), resolved: resolved, problems: problems)
    }

    // MARK: - The file

    /// Every key of the file read by its option, in the file's order; an unknown key or a value
    /// that does not read is a problem of `file` at its line, and keeps the default.
    static func readFile(_ file: inout YAMLFile) -> [(ConfigOption, (value: any Sendable, text: String))] {
        guard let root = file.root else { return [] } // an empty file: all defaults
        guard case .mapping(let mapping) = root else {
            file.problem(root, "the top level must be a mapping of sections (database:, extraction:, …)")
            return []
        }
        var read: [(ConfigOption, (value: any Sendable, text: String))] = []
        func walk(_ mapping: Node.Mapping, prefix: String) {
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? "?"
                let key = prefix.isEmpty ? name : prefix + "." + name
                let option = ConfigOption.named(key)
                if case .mapping(let nested) = value, option == nil {
                    if ConfigOption.all.contains(where: { $0.key.hasPrefix(key + ".") }) {
                        walk(nested, prefix: key)
                    } else {
                        file.problem(keyNode, "unknown key \(key)")
                    }
                    continue
                }
                guard let option else {
                    let section = ConfigOption.all.first { $0.key.hasPrefix(key + ".") }.map { $0.key.split(separator: ".")[0] }
                    file.problem(keyNode, "unknown key \(key)\(section.map { " (\($0) is a section)" } ?? "")")
                    continue
                }
                if case .scalar(let scalar) = value,
                    value.tag.description.hasSuffix(":null") || scalar.string.isEmpty && scalar.style == .plain
                {
                    continue // `key:` with no value keeps the default
                }
                let input: ConfigInput
                switch (option.isList, value) {
                case (true, .sequence(let items)) where items.allSatisfy { $0.scalar != nil }:
                    input = .list(items.compactMap(\.scalar?.string))
                case (true, _):
                    file.problem(keyNode, "\(key): expected a list of strings")
                    continue
                case (false, .scalar(let scalar)):
                    input = .text(scalar.string)
                default:
                    file.problem(keyNode, "\(key): expected \(option.expected), got a \(value.mapping == nil ? "list" : "mapping")")
                    continue
                }
                do {
                    read.append((option, try option.read(input)))
                } catch {
                    file.problem(keyNode, "\(key): \(error)")
                }
            }
        }
        walk(mapping, prefix: "")
        return read
    }

    // MARK: - Secrets

    /// Secrets from the environment, or from the file named by `NAME_FILE` (for Docker and
    /// systemd credentials).
    static func readSecrets(environment: [String: String], problems: inout [String]) -> Secrets {
        var values: [SecretName: String] = [:]
        for name in SecretName.allCases {
            if let value = environment[name.rawValue], !value.isEmpty {
                values[name] = value
            } else if let file = environment[name.rawValue + "_FILE"], !file.isEmpty {
                if let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) {
                    values[name] = text.trimmingCharacters(in: .whitespacesAndNewlines)
                } else {
                    problems.append("\(name.rawValue)_FILE names \(file), which cannot be read")
                }
            }
        }
        return Secrets(values)
    }
}
