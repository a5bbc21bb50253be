import Foundation
import Support

/// One company of the alias map (`config/companies.yaml`).
public struct CompanyDefinition: Sendable, Hashable {
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

    package init(start: Int, end: Int, resolution: CompanyResolution) {
        self.start = start
        self.end = end
        self.resolution = resolution
    }
}

public struct CompanyCatalogError: Error, CustomStringConvertible, Sendable {
    public var description: String

    package init(description: String) {
        self.description = description
    }
}

/// The company alias map: canonicalizes names, ignoring case and punctuation, and finds company
/// mentions in chat text.
public struct CompanyCatalog: Sendable {
    public let definitions: [CompanyDefinition]
    /// Normalized alias → indexes of the companies it names (more than one: ambiguous).
    private let byKey: [String: [Int]]
    /// Normalized aliases that only match capitalized text in free text, per company index.
    private let strictKeys: Set<StrictKey>
    /// Every prefix of every alias key, so that a scan over the words of a message stops as soon as
    /// no alias can start the way the words so far do.
    private let keyPrefixes: Set<String>
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
        var prefixes: Set<String> = []
        for key in byKey.keys {
            var prefix = ""
            for character in key {
                prefix.append(character)
                prefixes.insert(prefix)
            }
        }
        self.keyPrefixes = prefixes
        self.longestAlias = longest
    }

    public static let empty: CompanyCatalog = try! CompanyCatalog([])

    /// This map with more aliases (an admin's): each joins its company's definition, or starts
    /// one for a company the map does not list.
    public func adding(aliases: [(alias: String, company: String)]) throws -> CompanyCatalog {
        var definitions = self.definitions
        for (alias, company) in aliases {
            let key = Self.key(company)
            if let index = definitions.firstIndex(where: { Self.key($0.name) == key }) {
                if !definitions[index].aliases.contains(alias) { definitions[index].aliases.append(alias) }
            } else {
                definitions.append(CompanyDefinition(name: company, category: nil, aliases: [alias], strict: []))
            }
        }
        return try CompanyCatalog(definitions)
    }

    /// The matching key: lower-cased letters and digits only, so "J.P. Morgan", "JP Morgan" and
    /// "jpmorgan" are one name.
    public static func key(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case 0x80...: return unicodeKey(name)
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func unicodeKey(_ name: String) -> String {
        var key = ""
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
    /// within one clause. A strict alias (an ordinary word: "block", "snap", "chase") matches only
    /// capitalized, unless `lowercaseStrict`: the caller then decides from the words around it.
    public func mentions(in tokens: [TextToken], lowercaseStrict: Bool = false) -> [CompanyMention] {
        let keys = tokens.map { Self.key($0.lower) }
        var mentions: [CompanyMention] = []
        var start = 0
        while start < tokens.count {
            var matched: CompanyMention?
            var accumulated = ""
            var end = start
            while end < tokens.count, end - start < longestAlias, tokens[end].clause == tokens[start].clause {
                accumulated += keys[end]
                guard keyPrefixes.contains(accumulated) else { break }
                end += 1
                if let resolution = lookUp(accumulated, window: tokens[start..<end], lowercaseStrict: lowercaseStrict) {
                    matched = CompanyMention(start: start, end: end, resolution: resolution)
                }
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

    private func lookUp(_ key: String, window: ArraySlice<TextToken>, lowercaseStrict: Bool) -> CompanyResolution? {
        guard var indexes = byKey[key] else { return nil }
        if !lowercaseStrict, !window.allSatisfy(\.isCapitalized) {
            indexes.removeAll { strictKeys.contains(StrictKey(key: key, company: $0)) }
        }
        switch indexes.count {
        case 0: return nil
        case 1: return .known(definitions[indexes[0]].name)
        default: return .ambiguous(indexes.map { definitions[$0].name })
        }
    }
}
