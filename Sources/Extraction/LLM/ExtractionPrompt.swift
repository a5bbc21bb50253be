import Domain
import Foundation
public import JSON
public import JSONSchema

/// The system prompt and the answer schema, loaded once at start. Renders the messages of each
/// call; the system text never changes between calls, so providers can cache that prefix.
public struct ExtractionPrompt: Sendable {
    /// `extract.v1@<8 hex digits hashed from prompt and schema>`: recorded with every
    /// extraction, so an edited prompt shows even when its file name was not bumped.
    public let version: String
    public let systemText: String
    public let schema: JSONValue
    /// The schema sent with `response_format: json_schema`: `schema` made safe for the servers'
    /// grammar converters (`GrammarSafeSchema`).
    public let serverSchema: JSONValue
    /// The answer schema, compiled.
    public let validator: SchemaValidator
    /// One message's result (`#/$defs/result`), compiled once: each result of an answer is
    /// validated on its own.
    let resultValidator: SchemaValidator
    /// Message text beyond this is cut before it is sent; the message itself is stored whole.
    public static let maxMessageCharacters = 4_000

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(systemText: String, schema: JSONValue, name: String) throws(LoadError) {
        let validator: SchemaValidator
        do {
            validator = try SchemaValidator(schema: schema)
        } catch {
            throw LoadError(description: "the answer schema is unusable: \(error.description)")
        }
        let resultValidator: SchemaValidator
        do {
            resultValidator = try validator.subschema(at: Self.resultPointer)
        } catch {
            throw LoadError(description: "the answer schema has no \(Self.resultPointer) for one message's result")
        }
        self.systemText = systemText
        self.schema = schema
        serverSchema = GrammarSafeSchema.make(schema)
        self.validator = validator
        self.resultValidator = resultValidator
        version = "\(name)@\(Self.fingerprint(systemText + "\u{0}" + schema.serialized))"
    }

    /// Reads `prompts/extract.v1.md` and `prompts/extract.schema.json` (or the files configured).
    public static func load(promptFile: String, schemaFile: String) throws(LoadError) -> ExtractionPrompt {
        let text: String
        let schemaText: String
        do {
            text = try String(contentsOfFile: promptFile, encoding: .utf8)
        } catch {
            throw LoadError(description: "cannot read the prompt \(promptFile): \(Self.reason(error))")
        }
        do {
            schemaText = try String(contentsOfFile: schemaFile, encoding: .utf8)
        } catch {
            throw LoadError(description: "cannot read the schema \(schemaFile): \(Self.reason(error))")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LoadError(description: "the prompt \(promptFile) is empty")
        }
        let schema: JSONValue
        do {
            schema = try JSONParser.parse(schemaText)
        } catch {
            throw LoadError(description: "\(schemaFile): \(error.description)")
        }
        let name = ((promptFile as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            return try ExtractionPrompt(systemText: text, schema: schema, name: name)
        } catch {
            throw LoadError(description: "\(schemaFile): \(error.description)")
        }
    }

    /// Where one message's result is defined in the schema.
    static let resultPointer = "#/$defs/result"

    /// The system message. Without strict decoding the model only knows the shape from the text,
    /// so the schema is appended; either way it is the same for every call.
    func systemMessage(for mode: ResponseFormatMode) -> String {
        switch mode {
        case .jsonSchema:
            systemText
        case .jsonObject, .plain:
            systemText + "\n\n## Answer schema\nAnswer with one JSON object valid against this JSON Schema:\n"
                + schema.serialized + "\n"
        }
    }

    /// The user message: the batch as a JSON array inside a fence. `<`, `>` and backticks are
    /// escaped inside it, so no message can close the fence or open a new section.
    func userMessage(for items: [ExtractionInput]) -> String {
        let data = JSONValue.array(
            items.map { item in
                let text =
                    item.content.count > Self.maxMessageCharacters
                    ? String(item.content.prefix(Self.maxMessageCharacters)) : item.content
                return .object([("id", .string(item.id)), ("text", .string(text))])
            })
        let noun = items.count == 1 ? "message" : "messages"
        return "Classify each of the \(items.count) \(noun) below.\n<<<MESSAGES\n\(Self.fenced(data))\nMESSAGES>>>"
    }

    /// The repair round's last message: what was wrong with the previous answer, as data in its
    /// own fence (the errors quote the model's values, which may echo message text).
    func repairMessage(errors: [String]) -> String {
        """
        Your previous answer was rejected. The validation errors, as data:
        <<<ERRORS
        \(Self.fenced(.array(errors.map(JSONValue.string))))
        ERRORS>>>
        Answer again for every message above: one JSON object valid against the schema, nothing else.
        """
    }

    static func fenced(_ value: JSONValue) -> String {
        var text = ""
        for scalar in value.serialized.unicodeScalars {
            switch scalar {
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "`": text += "\\u0060"
            // Line and paragraph separators end a line for some readers, though JSON allows them raw.
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    /// Folded to 32 bits: changes whenever the prompt or the schema does.
    static func fingerprint(_ text: String) -> String {
        let hash = StableHash.fnv1a(text)
        return String(format: "%08x", UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
