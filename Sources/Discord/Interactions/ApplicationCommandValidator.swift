import Foundation
public import JSON

/// Checks slash-command declarations against Discord's documented rules (Application Commands ›
/// Application Command Object) before they are registered, so a mistake is one clear line at
/// start-up rather than a 400 from Discord. Pure: JSON in, problems out.
public enum ApplicationCommandValidator {
    public static let maxNameLength = 32
    public static let maxDescriptionLength = 100
    public static let maxOptions = 25
    public static let maxChoices = 25
    public static let maxCombinedCharacters = 4000
    public static let maxGlobalChatInputCommands = 100

    /// Every problem in `commands`, each naming the command and the path to the field.
    public static func problems(in commands: [JSONValue]) -> [String] {
        commands.flatMap { command in problems(in: command).map { "\(command["name"]?.stringValue ?? "?"): \($0)" } }
            + problemsAcross(commands)
    }

    /// What is wrong with the set as a whole: names used twice, too many commands.
    public static func problemsAcross(_ commands: [JSONValue]) -> [String] {
        var problems: [String] = []
        var names: Set<String> = []
        for name in commands.compactMap({ $0["name"]?.stringValue }) where !names.insert(name).inserted {
            problems.append("\(name): two commands share this name")
        }
        if commands.count > maxGlobalChatInputCommands {
            problems.append("\(commands.count) commands; Discord allows \(maxGlobalChatInputCommands)")
        }
        return problems
    }

    /// The problems of one command, each with its path ("options[1].choices[0].name: …").
    public static func problems(in command: JSONValue) -> [String] {
        guard case .object = command else { return ["a command must be a JSON object"] }
        var problems: [String] = []
        let type = command["type"]?.integerValue ?? 1
        if type != 1 { problems.append("type: only chat-input commands (type 1) are supported, got \(type)") }
        checkName(command["name"], path: "name", into: &problems)
        checkDescription(command["description"], path: "description", into: &problems)
        if let permissions = command["default_member_permissions"], permissions != .null {
            if permissions.stringValue.map({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) && UInt64($0) != nil }) != true {
                problems.append(
                    "default_member_permissions: must be a permission bitfield as a decimal string, such as \"32\" for Manage Server")
            }
        }
        if let contexts = command["contexts"], contexts != .null {
            let valid = contexts.arrayValue?.allSatisfy { $0.integerValue.map { (0...2).contains($0) } ?? false } ?? false
            if !valid { problems.append("contexts: must be a list of 0 (server), 1 (bot DM) or 2 (private channel)") }
        }
        checkOptions(command["options"], path: "options", depth: 0, into: &problems)
        let combined = combinedCharacters(command)
        if combined > maxCombinedCharacters {
            problems.append(
                "names, descriptions and choice values add up to \(combined) characters; Discord allows \(maxCombinedCharacters)")
        }
        return problems
    }

    // MARK: - Names and descriptions

    /// Discord's pattern: 1–32 letters, digits, `-`, `_` or `'` (any script), lowercase where a
    /// lowercase form exists.
    static func checkName(_ value: JSONValue?, path: String, into problems: inout [String]) {
        guard let name = value?.stringValue else { return problems.append("\(path): missing") }
        let length = name.count
        guard (1...maxNameLength).contains(length) else {
            return problems.append("\(path): \"\(name)\" is \(length) characters; it must be 1 to \(maxNameLength)")
        }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar == "-" || scalar == "_" || scalar == "'" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .spacingMark
        }
        if !allowed {
            problems.append("\(path): \"\(name)\" may hold only letters, digits, - _ and ' (no spaces)")
        } else if name.lowercased() != name {
            problems.append("\(path): \"\(name)\" must be lowercase")
        }
    }

    static func checkDescription(_ value: JSONValue?, path: String, into problems: inout [String]) {
        guard let description = value?.stringValue else { return problems.append("\(path): missing") }
        if !(1...maxDescriptionLength).contains(description.count) {
            problems.append("\(path): \(description.count) characters; it must be 1 to \(maxDescriptionLength)")
        }
    }

    // MARK: - Options

    static func checkOptions(_ value: JSONValue?, path: String, depth: Int, into problems: inout [String]) {
        guard let value, value != .null else { return }
        guard let options = value.arrayValue else { return problems.append("\(path): must be a list") }
        if options.count > maxOptions {
            problems.append("\(path): \(options.count) options; Discord allows \(maxOptions)")
        }
        var names: Set<String> = []
        var sawOptional = false
        let types = options.map { $0["type"]?.integerValue.flatMap { ApplicationCommand.OptionType(rawValue: Int($0)) } }
        let nested = types.filter { $0 == .subcommand || $0 == .subcommandGroup }.count
        if nested > 0 && nested < options.count {
            problems.append("\(path): subcommands cannot be mixed with other options")
        }
        for (index, option) in options.enumerated() {
            let here = "\(path)[\(index)]"
            checkName(option["name"], path: "\(here).name", into: &problems)
            checkDescription(option["description"], path: "\(here).description", into: &problems)
            if let name = option["name"]?.stringValue, !names.insert(name).inserted {
                problems.append("\(here).name: \"\(name)\" is used twice")
            }
            guard let type = types[index] else {
                problems.append("\(here).type: must be an option type from 1 to 11")
                continue
            }
            let required = option["required"]?.boolValue ?? false
            switch type {
            case .subcommandGroup:
                if depth > 0 { problems.append("\(here): a subcommand group can only be at the top level") }
                if option["options"]?.arrayValue?.contains(where: { $0["type"]?.integerValue != 1 }) == true {
                    problems.append("\(here).options: a subcommand group holds only subcommands")
                }
                checkOptions(option["options"], path: "\(here).options", depth: depth + 1, into: &problems)
            case .subcommand:
                if depth > 1 { problems.append("\(here): subcommands nest at most inside one group") }
                if option["options"]?.arrayValue?.contains(where: { [1, 2].contains($0["type"]?.integerValue ?? 0) }) == true {
                    problems.append("\(here).options: a subcommand cannot hold subcommands")
                }
                checkOptions(option["options"], path: "\(here).options", depth: depth + 1, into: &problems)
            default:
                if required && sawOptional {
                    problems.append("\(here): required options must come before optional ones")
                }
                if !required { sawOptional = true }
                checkValueOption(option, type: type, path: here, into: &problems)
            }
        }
    }

    static func checkValueOption(_ option: JSONValue, type: ApplicationCommand.OptionType, path: String, into problems: inout [String]) {
        let takesChoices: Set<ApplicationCommand.OptionType> = [.string, .integer, .number]
        let autocomplete = option["autocomplete"]?.boolValue ?? false
        if autocomplete && !takesChoices.contains(type) {
            problems.append("\(path).autocomplete: only string, integer and number options autocomplete")
        }
        if let choices = option["choices"], choices != .null {
            if !takesChoices.contains(type) { problems.append("\(path).choices: only string, integer and number options have choices") }
            if autocomplete { problems.append("\(path): choices and autocomplete cannot be used together") }
            let list = choices.arrayValue ?? []
            if list.count > maxChoices { problems.append("\(path).choices: \(list.count) choices; Discord allows \(maxChoices)") }
            for (index, choice) in list.enumerated() {
                let here = "\(path).choices[\(index)]"
                let name = choice["name"]?.stringValue ?? ""
                if !(1...100).contains(name.count) { problems.append("\(here).name: must be 1 to 100 characters") }
                switch (type, choice["value"]) {
                case (.string, .string(let value)?):
                    if !(1...100).contains(value.count) { problems.append("\(here).value: must be 1 to 100 characters") }
                case (.integer, let value?) where value.integerValue != nil: break
                case (.number, let value?) where value.numericValue != nil: break
                default: problems.append("\(here).value: must be a \(type == .string ? "string" : "number") like the option")
                }
            }
        }
        let minValue = option["min_value"], maxValue = option["max_value"]
        if minValue != nil || maxValue != nil {
            if type != .integer && type != .number {
                problems.append("\(path): min_value and max_value are for integer and number options")
            }
            if let low = minValue?.numericValue, let high = maxValue?.numericValue, low > high {
                problems.append("\(path): min_value is above max_value")
            }
        }
        let minLength = option["min_length"], maxLength = option["max_length"]
        if minLength != nil || maxLength != nil {
            if type != .string { problems.append("\(path): min_length and max_length are for string options") }
            if let low = minLength?.integerValue, !(0...6000).contains(low) { problems.append("\(path).min_length: must be 0 to 6000") }
            if let high = maxLength?.integerValue, !(1...6000).contains(high) { problems.append("\(path).max_length: must be 1 to 6000") }
            if let low = minLength?.integerValue, let high = maxLength?.integerValue, low > high {
                problems.append("\(path): min_length is above max_length")
            }
        }
    }

    /// Discord counts the name, description and value of the command, its options and choices.
    static func combinedCharacters(_ value: JSONValue) -> Int {
        var total = 0
        for key in ["name", "description"] { total += value[key]?.stringValue?.count ?? 0 }
        if case .string(let choiceValue)? = value["value"] { total += choiceValue.count }
        for option in value["options"]?.arrayValue ?? [] { total += combinedCharacters(option) }
        for choice in value["choices"]?.arrayValue ?? [] { total += combinedCharacters(choice) }
        return total
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
