import Bot
import Crypto
public import Discord
import Foundation
public import JSON

/// The slash commands, as declared in `Commands/*.json` (one file each, in Discord's
/// application-command JSON): the single source for registration and for `/help`.
public struct CommandCatalog: Sendable {
    public let commands: [ApplicationCommand]

    public struct LoadError: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String { problems.joined(separator: "; ") }
    }

    public init(commands: [ApplicationCommand]) {
        self.commands = commands.sorted { $0.name < $1.name }
    }

    /// Reads and validates every `*.json` in `directory`. Any problem (unreadable file, bad JSON,
    /// a rule of Discord's broken) fails the whole load, each problem naming its file.
    public static func load(directory: String) throws(LoadError) -> CommandCatalog {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw LoadError(problems: ["cannot read the commands directory \(directory)"])
        }
        guard !files.isEmpty else { throw LoadError(problems: ["no command files (*.json) in \(directory)"]) }
        var problems: [String] = []
        var declarations: [(file: String, json: JSONValue)] = []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): cannot be read")
                continue
            }
            do {
                declarations.append((path, try JSONParser.parse(Array(data))))
            } catch {
                problems.append("\(path): not valid JSON: \(error)")
            }
        }
        for (path, json) in declarations {
            problems += ApplicationCommandValidator.problems(in: json).map { "\(path): \($0)" }
            let expected = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if let name = json["name"]?.stringValue, name != expected {
                problems.append("\(path): declares \"\(name)\"; name the file \(name).json")
            }
        }
        problems += ApplicationCommandValidator.problemsAcross(declarations.map(\.json))
        guard problems.isEmpty else { throw LoadError(problems: problems) }
        return CommandCatalog(commands: declarations.map { ApplicationCommand(json: $0.json) })
    }

    public func command(named name: String) -> ApplicationCommand? {
        commands.first { $0.name == name }
    }

    /// The body of a bulk overwrite: every command, as declared.
    public var registrationPayload: JSONValue { .array(commands.map(\.json)) }

    /// A fingerprint of what would be registered: registration is skipped while it is unchanged.
    public var fingerprint: String {
        SHA256.hash(data: Data(registrationPayload.serialized.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
