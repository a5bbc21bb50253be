public import ConfigFiles
import Domain
import Extraction
import Foundation
import Support
import Yams

/// Where a match is sent.
public enum AlertDestination: Sendable, Hashable, CustomStringConvertible {
    /// A Telegram chat id (a user, group or channel the bot may post to).
    case telegram(chatID: String)
    /// A Slack incoming-webhook URL.
    case slack(webhookURL: String)
    /// A Discord channel id.
    case discordChannel(String)
    /// A Discord user, by direct message: where `/alerts add` sends a member's matches.
    case discordUser(String)
    /// An email address, sent to over `email.smtp_url`.
    case email(address: String)

    /// The outbox's `destination` column: one stable string per destination. A webhook URL is a
    /// secret, so it is stored only as a short hash.
    public var key: String {
        switch self {
        case .telegram(let chatID): "telegram:\(chatID)"
        case .slack(let url): "slack:\(String(StableHash.fnv1a(url), radix: 16))"
        case .discordChannel(let id): "discord:\(id)"
        case .discordUser(let id): "discord_dm:\(id)"
        case .email(let address): "email:\(address)"
        }
    }

    /// The destination a key names, for every kind but Slack, whose key hides its URL: Slack
    /// destinations are known only from the configuration.
    public init?(key: String) {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let value = String(key[key.index(after: colon)...])
        guard !value.isEmpty else { return nil }
        switch key[..<colon] {
        case "telegram": self = .telegram(chatID: value)
        case "discord": self = .discordChannel(value)
        case "discord_dm": self = .discordUser(value)
        case "email": self = .email(address: value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .telegram(let chatID): "Telegram chat \(chatID)"
        case .slack: "a Slack webhook"
        case .discordChannel(let id): "Discord channel \(id)"
        case .discordUser: "a Discord direct message"
        // An address is personal: logs and reports do not name it.
        case .email: "an email address"
        }
    }
}

/// A profile from `config/alerts.yaml` and where its matches go.
public struct ConfiguredProfile: Sendable, Hashable {
    public var profile: AlertProfile
    public var destinations: [AlertDestination]
}

/// Reads `config/alerts.yaml`. Every problem is reported with its line, and a file with problems
/// gives no profiles at all: half a configuration would notify the wrong people.
public enum AlertProfilesFile {
    /// Everything the file configures: the profiles, and where source-health reports go.
    public struct Contents: Sendable, Hashable {
        public var profiles: [ConfiguredProfile]
        /// `admin:`: where a feed that keeps failing, and its recovery, is reported.
        public var admin: [AlertDestination]

        public init(profiles: [ConfiguredProfile], admin: [AlertDestination]) {
            self.profiles = profiles
            self.admin = admin
        }
    }

    public static func load(contentsOf path: String, environment: [String: String]) throws(ConfigFileError) -> [ConfiguredProfile] {
        try contents(of: path, environment: environment).profiles
    }

    public static func load(yaml: String, path: String, environment: [String: String]) throws(ConfigFileError) -> [ConfiguredProfile] {
        try contents(yaml: yaml, path: path, environment: environment).profiles
    }

    public static func contents(of path: String, environment: [String: String]) throws(ConfigFileError) -> Contents {
        try read(YAMLFile(contentsOf: path), environment: environment)
    }

    public static func contents(yaml: String, path: String, environment: [String: String]) throws(ConfigFileError) -> Contents {
        try read(YAMLFile(yaml: yaml, path: path), environment: environment)
    }

    private static func read(_ file: YAMLFile, environment: [String: String]) throws(ConfigFileError) -> Contents {
        var reader = ProfileReader(file: file, environment: environment)
        let contents = reader.read()
        try reader.file.check()
        return contents
    }
}

/// Walks the YAML tree, collecting profiles and problems.
private struct ProfileReader {
    var file: YAMLFile
    let environment: [String: String]

    static let keys: Set<String> = [
        "name", "remote", "locations", "employment_types", "include_keywords", "exclude_keywords", "skills", "min_salary",
        "companies", "exclude_companies", "max_age_days", "threshold", "destinations", "seniority",
    ]
    mutating func read() -> AlertProfilesFile.Contents {
        let none = AlertProfilesFile.Contents(profiles: [], admin: [])
        guard let root = file.root else { return none }
        guard case .mapping(let top) = root, top["profiles"] != nil || top["admin"] != nil else {
            problem(root, "expected `profiles:`, a list of profiles")
            return none
        }
        file.unknownKeys(of: top, allowed: ["profiles", "admin"])
        let profiles = profiles(top["profiles"])
        var admin: [AlertDestination] = []
        // `admin: []` is as good as leaving it out: no reports.
        if let node = top["admin"], !Self.isEmptyList(node) { admin = destinations(node, "admin", at: node) }
        return AlertProfilesFile.Contents(profiles: profiles, admin: admin)
    }

    private mutating func profiles(_ list: Node?) -> [ConfiguredProfile] {
        guard let list else { return [] }
        guard case .sequence(let entries) = list else {
            problem(list, "profiles: expected a list")
            return []
        }
        var names: Set<String> = []
        var profiles: [ConfiguredProfile] = []
        for (index, entry) in entries.enumerated() {
            guard let profile = readProfile(entry, label: "profiles[\(index)]") else { continue }
            if !names.insert(profile.profile.name).inserted {
                problem(entry, "profiles[\(index)]: the name \(profile.profile.name) is used twice")
            }
            profiles.append(profile)
        }
        return profiles
    }

    private mutating func readProfile(_ node: Node, label: String) -> ConfiguredProfile? {
        guard case .mapping(let mapping) = node else {
            problem(node, "\(label): expected a mapping (name:, skills:, destinations: …)")
            return nil
        }
        // A profile without a name is still read through, so that all its problems are listed.
        let name = mapping["name"]?.string ?? ""
        if name.isEmpty { problem(node, "\(label): a profile needs a name") }
        let label = name.isEmpty ? label : "profile \(name)"
        file.unknownKeys(of: mapping, allowed: Self.keys, label: label)
        var profile = AlertProfile(name: name)
        if let node = mapping["remote"] {
            if let value = node.string.flatMap(AlertProfile.RemoteRequirement.init) {
                profile.remote = value
            } else {
                problem(
                    node,
                    "\(label): remote must be one of \(AlertProfile.RemoteRequirement.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        profile.locations = strings(mapping["locations"], "\(label): locations")
        profile.employmentTypes = values(
            of: EmploymentType.self, strings(mapping["employment_types"], "\(label): employment_types"), in: mapping["employment_types"],
            "\(label): employment type", allowed: EmploymentType.allCases.map(\.rawValue).sorted())
        profile.seniority = values(
            of: Seniority.self, strings(mapping["seniority"], "\(label): seniority"), in: mapping["seniority"], "\(label): seniority",
            allowed: Seniority.allCases.map(\.rawValue))
        profile.includeKeywords = strings(mapping["include_keywords"], "\(label): include_keywords")
        profile.excludeKeywords = strings(mapping["exclude_keywords"], "\(label): exclude_keywords")
        profile.companies = strings(mapping["companies"], "\(label): companies")
        profile.excludedCompanies = strings(mapping["exclude_companies"], "\(label): exclude_companies")
        if let node = mapping["skills"] { profile.skills = skills(node, label) }
        if let node = mapping["min_salary"] {
            if let value = node.int, value > 0 {
                profile.minimumSalary = value
            } else {
                problem(node, "\(label): min_salary must be a positive annual amount")
            }
        }
        if let node = mapping["max_age_days"] {
            if let value = node.int, value > 0 {
                profile.maxAgeDays = value
            } else {
                problem(node, "\(label): max_age_days must be a positive number of days")
            }
        }
        if let node = mapping["threshold"] {
            if let value = node.float, (0...1).contains(value) {
                profile.threshold = value
            } else {
                problem(node, "\(label): threshold must be between 0 and 1")
            }
        }
        let destinations = destinations(mapping["destinations"], label, at: node)
        return name.isEmpty ? nil : ConfiguredProfile(profile: profile, destinations: destinations)
    }

    /// `skills: {go: 3, postgresql: 1}` or `skills: [go, postgresql]` (weight 1 each); names are
    /// normalized as postings' are ("Golang" → go).
    private mutating func skills(_ node: Node, _ label: String) -> [String: Double] {
        var weights: [String: Double] = [:]
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string, let weight = value.float, weight > 0 else {
                    problem(value, "\(label): skills: \(key.string ?? "?") needs a positive weight")
                    continue
                }
                weights[SkillVocabulary.normalize(name) ?? name.lowercased()] = weight
            }
        case .sequence:
            for name in strings(node, "\(label): skills") { weights[SkillVocabulary.normalize(name) ?? name.lowercased()] = 1 }
        default:
            problem(node, "\(label): skills must be a mapping of skill to weight, or a list")
        }
        return weights
    }

    /// `owner`: the profile, whose line a missing `destinations:` is reported at.
    private mutating func destinations(_ node: Node?, _ label: String, at owner: Node) -> [AlertDestination] {
        guard let node else {
            problem(owner, "\(label): needs destinations (telegram:, slack:, discord_channel: or email:)")
            return []
        }
        guard case .sequence(let entries) = node, !entries.isEmpty else {
            problem(node, "\(label): destinations must be a list of telegram:, slack:, discord_channel: or email: entries")
            return []
        }
        var destinations: [AlertDestination] = []
        for entry in entries {
            guard case .mapping(let mapping) = entry, mapping.count == 1, let (key, value) = mapping.first,
                let text = value.string.map(expand)
            else {
                problem(
                    entry, "\(label): each destination is one of telegram: CHAT_ID, slack: WEBHOOK_URL, discord_channel: ID, email: ADDRESS"
                )
                continue
            }
            if let variable = Self.variable(in: value.string), environment[variable] == nil {
                problem(value, "\(label): \(key.string ?? "?") reads ${\(variable)}, which is not set in the environment")
                continue
            }
            switch key.string {
            case "telegram" where !text.isEmpty && (text.allSatisfy({ $0.isNumber || $0 == "-" }) || text.hasPrefix("@")):
                destinations.append(.telegram(chatID: text))
            case "slack" where text.hasPrefix("https://") || Self.isLoopback(text):
                destinations.append(.slack(webhookURL: text))
            case "discord_channel" where !text.isEmpty && text.allSatisfy(\.isNumber):
                destinations.append(.discordChannel(text))
            case "email" where EmailAddress.isValid(text):
                destinations.append(.email(address: EmailAddress.normalized(text)))
            case "telegram":
                problem(value, "\(label): telegram needs a chat id (a number, or @channelname)")
            case "slack":
                problem(value, "\(label): slack needs an https webhook URL (or ${SLACK_WEBHOOK_URL} to read it from the environment)")
            case "discord_channel":
                problem(value, "\(label): discord_channel needs a channel id")
            case "email":
                problem(value, "\(label): email needs an address, name@example.org")
            default:
                problem(key, "\(label): unknown destination \(key.string ?? "?"); expected telegram, slack, discord_channel or email")
            }
        }
        return destinations
    }

    private static func isEmptyList(_ node: Node) -> Bool {
        if case .sequence(let items) = node { return items.isEmpty }
        return false
    }

    /// Plain http only to this machine: a local relay, or a test's fake Slack.
    private static func isLoopback(_ url: String) -> Bool {
        url.hasPrefix("http://127.0.0.1:") || url.hasPrefix("http://localhost:") || url.hasPrefix("http://[::1]:")
    }

    /// `${NAME}` is the environment variable's value: webhook URLs are secrets, kept out of the file.
    private func expand(_ text: String) -> String {
        guard let variable = Self.variable(in: text) else { return text }
        return environment[variable] ?? ""
    }

    /// `NAME` of a value written `${NAME}`.
    private static func variable(in text: String?) -> String? {
        guard let text, text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
        return String(text.dropFirst(2).dropLast())
    }

    /// The items that name one of `Value`'s cases; each other one is a problem naming those allowed.
    private mutating func values<Value: RawRepresentable<String>>(
        of type: Value.Type, _ items: [String], in node: Node?, _ label: String, allowed: [String]
    ) -> [Value] {
        var values: [Value] = []
        for item in items {
            if let value = Value(rawValue: item) {
                values.append(value)
            } else {
                problem(node, "\(label) \(item) is not one of \(allowed.joined(separator: ", "))")
            }
        }
        return values
    }

    private mutating func strings(_ node: Node?, _ label: String) -> [String] {
        file.strings(node, label)
    }

    private mutating func problem(_ node: Node?, _ text: String) {
        file.problem(node, text)
    }
}
