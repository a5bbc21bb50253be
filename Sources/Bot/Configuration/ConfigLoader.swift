import Configuration
import Discord
import Domain
import Extraction
import Foundation
import Logging
import Support
import SystemPackage
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

/// Reads `config/hiringpulse.yaml` (or the file given) through swift-configuration, with every key
/// overridable by `HIRINGPULSE_<KEY>` and secrets from the environment only.
public enum ConfigLoader {
    public static let defaultPath = "config/hiringpulse.yaml"

    /// Loads the configuration. Never throws: problems are collected in `problems`, and the values
    /// fall back to their defaults where a problem was found.
    public static func load(path explicitPath: String?, environment: [String: String]) async -> LoadedConfig {
        var problems: [String] = []
        let path =
            explicitPath ?? environment["HIRINGPULSE_CONFIG"]
            ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)

        var fileKeys: Set<String> = []
        var fileUsable = false
        if let path {
            switch readFile(path) {
            case .failure(let problem):
                problems.append(problem.description)
            case .success(let text):
                let check = validateYAML(text, path: path)
                problems += check.problems
                fileKeys = check.validKeys
                fileUsable = check.parsed
            }
        }

        var environmentKeys: Set<String> = []
        let known = Set(ConfigOption.all.map(\.environmentVariable))
        let reserved = Set(["HIRINGPULSE_CONFIG", SecretName.authorKey.rawValue, SecretName.authorKey.rawValue + "_FILE"])
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("HIRINGPULSE_") {
            if reserved.contains(name) { continue }
            guard known.contains(name), let option = ConfigOption.all.first(where: { $0.environmentVariable == name }) else {
                problems.append("unknown environment variable \(name): no such configuration key")
                continue
            }
            if let problem = option.problem(with: value) {
                problems.append("\(name): \(problem)")
            } else {
                environmentKeys.insert(option.key)
            }
        }

        // The values themselves are read through swift-configuration: environment first, then file.
        let environmentProvider = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { name, _ in
                ConfigOption.all.contains { $0.environmentVariable == name && environmentKeys.contains($0.key) }
            }
        ).prefixKeys(with: "hiringpulse")
        var providers: [any ConfigProvider] = [environmentProvider]
        if let path, fileUsable {
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(path)))
            } catch {
                problems.append("\(path): \(firstLine(error))")
            }
        }
        let reader = ConfigReader(providers: providers)

        var resolved: [(option: ConfigOption, value: String, source: ConfigValueSource)] = []
        var values = ConfigValues()
        for option in ConfigOption.all {
            let source: ConfigValueSource =
                environmentKeys.contains(option.key) ? .environment : fileKeys.contains(option.key) ? .file : .defaultValue
            var value = option.defaultValue
            if source != .defaultValue {
                let key = ConfigKey(option.key)
                switch option.type {
                case .integer: value = reader.int(forKey: key).map(String.init) ?? value
                case .boolean: value = reader.bool(forKey: key).map(String.init) ?? value
                case .string, .address: value = reader.string(forKey: key) ?? value
                case .decimal: value = reader.double(forKey: key).map { String($0) } ?? reader.string(forKey: key) ?? value
                case .decimalOrEmpty: value = reader.double(forKey: key).map { String($0) } ?? reader.string(forKey: key) ?? value
                case .integerOrAuto: value = reader.int(forKey: key).map(String.init) ?? reader.string(forKey: key) ?? value
                case .stringList, .idList: value = reader.stringArray(forKey: key)?.joined(separator: ",") ?? value
                }
            }
            values[option] = value
            resolved.append((option, value, source))
        }

        let secrets = readSecrets(environment: environment, problems: &problems)
        let config = HiringPulseConfig(
            databasePath: values[.databasePath],
            busyTimeoutMilliseconds: values.int(.databaseBusyTimeoutMilliseconds),
            extractor: values[.extractionExtractor],
            extractionBatchSize: values.int(.extractionBatchSize),
            maxAttempts: values.int(.extractionMaxAttempts),
            companiesFile: values[.companiesFile],
            suggestMinMembers: values.int(.companiesSuggestMinMembers),
            alertsFile: values[.alertsFile],
            maxProfilesPerMember: values.int(.alertsMaxProfilesPerMember),
            feedsFile: values[.feedsFile],
            feedAlertAfter: (values.double(.feedsAlertAfterMinutes) ?? 15) * 60,
            telegramAPIBaseURL: values[.telegramAPIBaseURL],
            importBatchSize: values.int(.importBatchSize),
            trendDays: values.int(.statsTrendDays),
            topCompanies: values.int(.statsTopCompanies),
            ghostedAfterDays: values.int(.statsGhostedAfterDays),
            commandsDirectory: values[.commandsDirectory],
            llm: LLMConfig(
                settings: LLMSettings(
                    baseURL: values[.llmBaseURL], model: values[.llmModel], apiKey: secrets[.llmAPIKey],
                    batchSize: values.int(.llmBatchSize),
                    responseFormat: ResponseFormatMode(rawValue: values[.llmResponseFormat]) ?? .jsonSchema,
                    requestTimeout: .seconds(values.int(.llmTimeoutSeconds)),
                    maxConcurrentRequests: values.int(.llmMaxConcurrentRequests),
                    maxOutputTokens: values.int(.llmMaxOutputTokens),
                    maxOutputTokensPerMessage: values.int(.llmMaxOutputTokensPerMessage),
                    contextTokens: values.int(.llmContextTokens),
                    temperature: values.double(.llmTemperature)),
                promptFile: values[.llmPromptFile],
                schemaFile: values[.llmSchemaFile]),
            httpBind: HTTPAddress(values[.httpBind]),
            logFormat: LogFormat(rawValue: values[.logFormat]) ?? .text,
            logLevel: Logger.Level(rawValue: values[.logLevel]) ?? .info,
            discord: DiscordSettings(
                apiBaseURL: values[.discordAPIBaseURL],
                gatewayURL: values.nonEmpty(.discordGatewayURL),
                shardCount: Int(values[.discordShardCount]).map { .fixed($0) } ?? .automatic,
                compress: values.bool(.discordCompress),
                intents: GatewayIntents(names: values.list(.discordIntents)),
                channelIDs: values.ids(.discordChannelIDs),
                guildIDs: values.ids(.discordGuildIDs),
                adminRoleIDs: values.ids(.discordAdminRoleIDs)
            ),
            secrets: secrets
        )
        return LoadedConfig(filePath: path, config: config, resolved: resolved, problems: problems)
    }

    // MARK: - The file

    private static func readFile(_ path: String) -> Result<String, ConfigReadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ConfigReadError("cannot read config file \(path): no such file"))
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            return .failure(ConfigReadError("cannot read config file \(path): not a readable file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ConfigReadError("config file \(path) is not valid UTF-8"))
        }
        return .success(text)
    }

    struct ConfigReadError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Checks every key of the YAML file against the known options, with its line number.
    static func validateYAML(_ text: String, path: String) -> (problems: [String], validKeys: Set<String>, parsed: Bool) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (["\(path): invalid YAML: \(firstLine(error))"], [], false)
        }
        guard let root else { return ([], [], true) } // an empty file: all defaults
        guard case .mapping(let mapping) = root else {
            return (["\(path): the top level must be a mapping of sections (database:, extraction:, …)"], [], false)
        }
        var problems: [String] = []
        var valid: Set<String> = []
        func walk(_ mapping: Node.Mapping, prefix: String) {
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? "?"
                let key = prefix.isEmpty ? name : prefix + "." + name
                let line = (keyNode.mark?.line).map { ":\($0)" } ?? ""
                if case .mapping(let nested) = value, !ConfigOption.all.contains(where: { $0.key == key }) {
                    if ConfigOption.all.contains(where: { $0.key.hasPrefix(key + ".") }) {
                        walk(nested, prefix: key)
                    } else {
                        problems.append("\(path)\(line): unknown key \(key)")
                    }
                    continue
                }
                guard let option = ConfigOption.named(key) else {
                    let hint =
                        ConfigOption.all.first { $0.key.hasPrefix(key + ".") }.map { " (\($0.key.split(separator: ".")[0]) is a section)" }
                        ?? ""
                    problems.append("\(path)\(line): unknown key \(key)\(hint)")
                    continue
                }
                if case .scalar(let scalar) = value,
                    value.tag.description.hasSuffix(":null") || scalar.string.isEmpty && scalar.style == .plain
                {
                    continue // `key:` with no value keeps the default
                }
                switch (option.type, value) {
                case (.stringList, .sequence(let sequence)), (.idList, .sequence(let sequence)):
                    if sequence.contains(where: { $0.scalar == nil }) {
                        problems.append("\(path)\(line): \(key): expected a list of strings")
                    } else if let problem = option.problem(with: sequence.compactMap(\.scalar?.string).joined(separator: ",")) {
                        problems.append("\(path)\(line): \(key): \(problem)")
                    } else {
                        valid.insert(key)
                    }
                case (.stringList, _), (.idList, _):
                    problems.append("\(path)\(line): \(key): expected a list of strings")
                case (_, .scalar(let scalar)):
                    if let problem = option.problem(with: scalar.string) {
                        problems.append("\(path)\(line): \(key): \(problem)")
                    } else {
                        valid.insert(key)
                    }
                default:
                    problems.append(
                        "\(path)\(line): \(key): expected \(option.type == .integer ? "an integer" : option.type == .boolean ? "true or false" : "a string"), got a \(value.isMapping ? "mapping" : "list")"
                    )
                }
            }
        }
        walk(mapping, prefix: "")
        return (problems, valid, true)
    }

    // MARK: - Secrets

    /// Secrets from the environment, through swift-configuration's secret-aware reader, or from the
    /// file named by `NAME_FILE` (for Docker and systemd credentials).
    static func readSecrets(environment: [String: String], problems: inout [String]) -> Secrets {
        let names = Set(SecretName.allCases.map(\.rawValue))
        let reader = ConfigReader(
            provider: EnvironmentVariablesProvider(
                environmentVariables: environment.filter { names.contains($0.key) }, secretsSpecifier: .all))
        var values: [SecretName: String] = [:]
        for name in SecretName.allCases {
            let key = ConfigKey(name.rawValue.lowercased().split(separator: "_").map(String.init))
            if let value = reader.string(forKey: key, isSecret: true), !value.isEmpty {
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

    static func firstLine(_ error: any Error) -> String {
        String(describing: error).firstLine
    }
}

extension Node {
    fileprivate var isMapping: Bool {
        if case .mapping = self { true } else { false }
    }
}
