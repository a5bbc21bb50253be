import JSON

/// Pieces of violation messages. Values are quoted as JSON and shortened, so that a 1 MB string
/// or a 10,000-item array never makes a 1 MB message.
enum MessageText {
    /// About how many characters of a value a message shows.
    static let previewLimit = 60

    /// `value` as compact JSON, cut after about `previewLimit` characters with "…".
    static func preview(_ value: JSONValue) -> String {
        var output = ""
        writePreview(value, to: &output)
        return output
    }

    /// Appends `value` to `output`; once `output` is `previewLimit` characters long, containers
    /// and strings are closed off with "…" instead of being written out.
    private static func writePreview(_ value: JSONValue, to output: inout String) {
        switch value {
        case .string(let string):
            // A string deep in a value still shows a few characters.
            let room = max(previewLimit - output.unicodeScalars.count, 8)
            // Counting only up to the room left: a 1 MB string is not walked to the end.
            if string.unicodeScalars.prefix(room + 1).count <= room {
                output += JSONValue.string(string).serialized
            } else {
                let kept = String(String.UnicodeScalarView(string.unicodeScalars.prefix(room)))
                // The ellipsis goes inside the quotes: it is the string that goes on.
                output += String(JSONValue.string(kept).serialized.dropLast()) + "…\""
            }
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if output.unicodeScalars.count >= previewLimit {
                    output += "…"
                    break
                }
                if index > 0 { output += "," }
                writePreview(item, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if output.unicodeScalars.count >= previewLimit {
                    output += "…"
                    break
                }
                if index > 0 { output += "," }
                writePreview(.string(member.key), to: &output)
                output += ":"
                writePreview(member.value, to: &output)
            }
            output += "}"
        case .null, .bool, .integer, .number:
            output += value.serialized
        }
    }

    /// A string quoted as JSON and shortened, for property names and the like.
    static func quoted(_ string: String) -> String {
        preview(.string(string))
    }

    /// The JSON type of `value` as the `type` keyword names it.
    static func typeName(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// "3 items", "1 item".
    static func count(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }

    /// "a", "a or b", "a, b or c".
    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }

    /// The members of an `enum` as a message lists them: "applied, oa, phone, null". Plain
    /// strings are listed bare, which reads best; a string that could be mistaken for something
    /// else (empty, with a comma or outer spaces, or spelled like null, true, false or a
    /// number) is quoted. Long enums are cut after 20 members.
    static func enumList(_ values: [JSONValue]) -> String {
        let shownLimit = 20
        var words = values.prefix(shownLimit).map { value in
            if case .string(let string) = value, canBeListedBare(string) { return shortened(string) }
            return preview(value)
        }
        if values.count > shownLimit { words.append("… (\(values.count - shownLimit) more)") }
        return words.joined(separator: ", ")
    }

    private static func canBeListedBare(_ string: String) -> Bool {
        guard let first = string.unicodeScalars.first, let last = string.unicodeScalars.last else { return false }
        if first.properties.isWhitespace || last.properties.isWhitespace { return false }
        if string.contains(",") || ["null", "true", "false"].contains(string) { return false }
        if (try? JSONParser.parse(string))?.numericValue != nil { return false }
        // Control characters would need escaping to be seen.
        return !string.unicodeScalars.contains { $0.value < 0x20 }
    }

    private static func shortened(_ string: String) -> String {
        let scalars = string.unicodeScalars
        guard scalars.count > previewLimit else { return string }
        return String(String.UnicodeScalarView(scalars.prefix(previewLimit))) + "…"
    }
}
