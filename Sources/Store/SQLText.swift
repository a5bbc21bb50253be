import JSON

/// Pieces of SQL text and column decoding that every aggregate's queries share.
enum SQLText {
    /// `?, ?, ?` for an `IN (…)` of `count` values; `NULL` for none, which matches nothing.
    static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// A column holding a JSON array of strings (skills, destinations); anything else reads as none.
    /// Strings as a JSON array, as list columns hold them.
    static func jsonArray(_ strings: [String]) -> String {
        JSONValue.array(strings.map(JSONValue.string)).serialized
    }

    static func stringArray(_ text: String) -> [String] {
        ((try? JSONParser.parse(text))?.arrayValue ?? []).compactMap(\.stringValue)
    }
}
