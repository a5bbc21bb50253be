import Foundation
import Yams

/// One company of the alias map (`config/companies.yaml`).
public struct CompanyDefinition: Codable, Sendable, Hashable {
    public var name: String
    /// `tech`, `quant` or `finance`.
    public var category: String?
    public var aliases: [String]
    /// Aliases (or the name) that are ordinary words: in free text they only count when capitalized.
    public var strict: [String]

    public init(name: String, category: String? = nil, aliases: [String] = [], strict: [String] = []) {
        self.name = name
        self.category = category
        self.aliases = aliases
        self.strict = strict
    }

    enum CodingKeys: String, CodingKey { case name, category, aliases, strict }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        strict = try container.decodeIfPresent([String].self, forKey: .strict) ?? []
    }

    /// The name and every alias, strict ones included: what an explicit name (an option, an admin
    /// command, a model's answer) may be written as.
    public var allNames: [String] { [name] + aliases + strict }
}

/// What a company name written by someone stands for.
public enum CompanyResolution: Sendable, Hashable {
    /// A name or alias of exactly one company: its canonical name.
    case known(String)
    /// An alias of several companies ("MS": Microsoft or Morgan Stanley). Never guessed.
    case ambiguous([String])
    /// Not in the map: kept as written, trimmed.
    case unknown(String)
}

/// A company named in a message, at token positions `start..<end`.
public struct CompanyMention: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var resolution: CompanyResolution
}

public struct CompanyCatalogError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// The company alias map: canonicalizes names, ignoring case and punctuation, and finds company
/// mentions in chat text.
public struct CompanyCatalog: Sendable {
    public let definitions: [CompanyDefinition]
    /// Normalized alias → indexes of the companies it names (more than one: ambiguous).
    private let byKey: [String: [Int]]
    /// Normalized aliases that only match capitalized text in free text, per company index.
    private let strictKeys: Set<StrictKey>
    /// The longest alias, in tokens, bounds the window scanned for mentions.
    private let longestAlias: Int

    private struct StrictKey: Hashable {
        var key: String
        var company: Int
    }

    public init(_ definitions: [CompanyDefinition]) throws {
        var byKey: [String: [Int]] = [:]
        var strictKeys: Set<StrictKey> = []
        var longest = 1
        var seenNames: [String: String] = [:]
        for (index, definition) in definitions.enumerated() {
            let name = definition.name.trimmingCharacters(in: .whitespacesAndNewlines)
            let nameKey = Self.key(name)
            guard !nameKey.isEmpty else {
                throw CompanyCatalogError(description: "company #\(index + 1) has an empty name")
            }
            if let other = seenNames[nameKey] {
                throw CompanyCatalogError(description: "company \"\(name)\" is listed twice (also as \"\(other)\")")
            }
            seenNames[nameKey] = name
            for alias in [name] + definition.aliases + definition.strict {
                let key = Self.key(alias)
                guard !key.isEmpty else { continue }
                if !(byKey[key]?.contains(index) ?? false) { byKey[key, default: []].append(index) }
                longest = max(longest, TextTokenizer.tokenize(alias).count)
            }
            for alias in definition.strict {
                strictKeys.insert(StrictKey(key: Self.key(alias), company: index))
            }
        }
        self.definitions = definitions
        self.byKey = byKey
        self.strictKeys = strictKeys
        self.longestAlias = longest
    }

    public static let empty: CompanyCatalog = try! CompanyCatalog([])

    /// Reads the alias map's YAML (`companies:` list).
    public static func load(yaml: String) throws -> CompanyCatalog {
        struct File: Decodable { var companies: [CompanyDefinition] }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch {
            throw CompanyCatalogError(description: "invalid company alias map: \(Self.describe(error))")
        }
        return try CompanyCatalog(file.companies)
    }

    public static func load(contentsOf path: String) throws -> CompanyCatalog {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CompanyCatalogError(description: "cannot read company alias map \(path): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CompanyCatalogError(description: "company alias map \(path) is not UTF-8")
        }
        do {
            return try load(yaml: text)
        } catch let error as CompanyCatalogError {
            throw CompanyCatalogError(description: "\(path): \(error.description)")
        }
    }

    public var names: [String] { definitions.map(\.name) }

    /// The matching key: lower-cased letters and digits only, so "J.P. Morgan", "JP Morgan" and
    /// "jpmorgan" are one name.
    public static func key(_ name: String) -> String {
        var key = ""
        key.reserveCapacity(name.utf8.count)
        for scalar in name.lowercased().unicodeScalars
        where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            key.unicodeScalars.append(scalar)
        }
        return key
    }

    /// Canonicalizes a company name given explicitly (an option, an LLM's answer): case and
    /// punctuation are ignored, ambiguous aliases are reported, unknown names kept as written.
    public func resolve(_ name: String) -> CompanyResolution {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let indexes = byKey[Self.key(trimmed)] else { return .unknown(trimmed) }
        if indexes.count == 1 { return .known(definitions[indexes[0]].name) }
        return .ambiguous(indexes.map { definitions[$0].name })
    }

    /// The name to store for a company written as `name`: canonical when known, as written
    /// (trimmed) otherwise; nil for an empty or ambiguous name.
    public func canonicalName(_ name: String) -> String? {
        switch resolve(name) {
        case .known(let canonical): canonical
        case .unknown(let written): written.isEmpty ? nil : written
        case .ambiguous: nil
        }
    }

    /// Finds company names in tokenized text, longest match first, without overlaps. A match stays
    /// within one clause.
    public func mentions(in tokens: [TextToken]) -> [CompanyMention] {
        var mentions: [CompanyMention] = []
        var start = 0
        while start < tokens.count {
            var matched: CompanyMention?
            var length = min(longestAlias, tokens.count - start)
            while length >= 1 && matched == nil {
                let window = tokens[start..<(start + length)]
                if window.last!.clause == tokens[start].clause,
                    let resolution = lookUp(window)
                {
                    matched = CompanyMention(start: start, end: start + length, resolution: resolution)
                }
                length -= 1
            }
            if let matched {
                mentions.append(matched)
                start = matched.end
            } else {
                start += 1
            }
        }
        return mentions
    }

    private func lookUp(_ window: ArraySlice<TextToken>) -> CompanyResolution? {
        let key = window.map(\.lower).joined()
        guard var indexes = byKey[Self.key(key)] else { return nil }
        let capitalized = window.allSatisfy(\.isCapitalized)
        if !capitalized {
            indexes.removeAll { strictKeys.contains(StrictKey(key: Self.key(key), company: $0)) }
        }
        switch indexes.count {
        case 0: return nil
        case 1: return .known(definitions[indexes[0]].name)
        default: return .ambiguous(indexes.map { definitions[$0].name })
        }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}
