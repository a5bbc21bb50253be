import Domain
import JSON

/// The schema one call is sent with: the server schema with `results` holding exactly one entry
/// per message of the call, and `id` one of the call's ids. A grammar-constrained model then
/// cannot answer `{"results": []}`, skip a message or invent an id, as small local models do;
/// strict structured outputs (OpenAI, vLLM, llama.cpp, Ollama) all take `minItems`, `maxItems`
/// and `enum`. A schema without `results` or `$defs.result.id` is sent as it is.
enum CallSchema {
    static func make(_ serverSchema: JSONValue, ids: [String]) -> JSONValue {
        guard !ids.isEmpty else { return serverSchema }
        var schema = serverSchema
        schema.replace(at: ["properties", "results"]) { results in
            results.set("minItems", .integer(Int64(ids.count)))
            results.set("maxItems", .integer(Int64(ids.count)))
        }
        schema.replace(at: ["$defs", "result", "properties", "id"]) { id in
            id = .object([("type", .string("string")), ("enum", .array(ids.map(JSONValue.string)))])
        }
        return schema
    }
}

extension JSONValue {
    /// Applies `change` to the value at `path` (object keys), when every step exists.
    fileprivate mutating func replace(at path: ArraySlice<String>, _ change: (inout JSONValue) -> Void) {
        guard let key = path.first else {
            change(&self)
            return
        }
        guard case .object(var members) = self, let index = members.firstIndex(where: { $0.key == key }) else { return }
        members[index].value.replace(at: path.dropFirst(), change)
        self = .object(members)
    }

    fileprivate mutating func replace(at path: [String], _ change: (inout JSONValue) -> Void) {
        replace(at: path[...], change)
    }

    /// Sets `key` of an object, in place when present, else at the end.
    fileprivate mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        self = .object(members)
    }
}
