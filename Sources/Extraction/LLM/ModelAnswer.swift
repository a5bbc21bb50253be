import Domain
import Foundation
import JSON
import JSONSchema

/// What one call's answer says about each message of the call: a result that passed the schema,
/// the violations of one that did not, or nothing (the id is missing).
struct ModelAnswer: Sendable {
    enum Verdict: Sendable {
        case valid(JSONValue)
        case invalid([SchemaViolation])
    }

    /// By message id; only ids of the call.
    var verdicts: [String: Verdict] = [:]
    /// Results for ids that were not asked about (invented or mangled).
    var unknownIDs = 0
    /// A problem with the answer as a whole (not JSON, not the `{"results": [...]}` object): no
    /// result in it can be trusted.
    var problems: [String] = []

    /// No valid result comes near this (ten updates and a posting take a few kilobytes): a longer
    /// answer is refused before it is parsed, so a runaway model costs no parsing.
    static let maxBytesPerMessage = 32_768

    init(content: String, ids: Set<String>, prompt: ExtractionPrompt) {
        let limit = Self.maxBytesPerMessage * max(1, ids.count)
        guard content.utf8.count <= limit else {
            problems = ["the answer is \(content.utf8.count) bytes, more than the \(limit) that \(ids.count) results can take"]
            return
        }
        var json: JSONValue
        do {
            json = try JSONParser.parse(Self.jsonText(in: content))
        } catch {
            problems = ["the answer is not JSON (\(error.reason) at byte \(error.offset))"]
            return
        }
        if ids.count == 1, let id = ids.first { json = Self.envelope(json, forOnly: id) }
        // The envelope alone: the results are checked one by one below, so that one bad result
        // does not condemn the others.
        var envelope = json
        if case .object(var members) = json, let index = members.firstIndex(where: { $0.key == "results" }),
            case .array = members[index].value
        {
            members[index].value = .array([])
            envelope = .object(members)
        }
        problems = prompt.validator.validate(envelope).map(\.description)
        guard problems.isEmpty, let results = json["results"]?.arrayValue else { return }
        if results.count > max(ids.count * 2, 100) {
            problems = ["/results: \(results.count) results for \(ids.count) messages"]
            return
        }
        for result in results {
            guard let id = result["id"]?.stringValue ?? result["id"]?.integerValue.map({ String($0) }), ids.contains(id) else {
                unknownIDs += 1
                continue
            }
            guard verdicts[id] == nil else { continue }
            let violations = prompt.resultValidator.validate(result)
            verdicts[id] = violations.isEmpty ? .valid(result) : .invalid(violations)
        }
    }

    /// Asked about one message, a model (or a server in front of it) may answer with the bare
    /// result, a one-element array, or a result whose id it did not copy. Any of these is that
    /// message's result; validation still applies to it whole.
    static func envelope(_ json: JSONValue, forOnly id: String) -> JSONValue {
        var results: [JSONValue]
        switch json {
        case .array(let items): results = items
        case .object where json["results"] == nil && json["kind"] != nil: results = [json]
        case .object: results = json["results"]?.arrayValue ?? []
        default: return json
        }
        guard results.count == 1, case .object(var members) = results[0] else { return json }
        if let index = members.firstIndex(where: { $0.key == "id" }) {
            members[index].value = .string(id)
        } else {
            members.insert((key: "id", value: .string(id)), at: 0)
        }
        guard case .object(var envelope) = json, json["results"] != nil else { return .object([("results", .array([.object(members)]))]) }
        if let index = envelope.firstIndex(where: { $0.key == "results" }) { envelope[index].value = .array([.object(members)]) }
        return .object(envelope)
    }

    /// The JSON object in a model's text: as is, inside a ```json fence (the first fence that
    /// holds an object, so braces in the prose around it do not count), or between the first `{`
    /// and the last `}` when a model wrapped it in prose.
    static func jsonText(in content: String) -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") { return trimmed }
        var rest = trimmed[...]
        while let open = rest.range(of: "```") {
            let afterFence = rest[open.upperBound...]
            // The fence's info string (json, JSON, jsonc…) runs to the end of its line.
            let bodyStart = afterFence.firstIndex(of: "\n").map { afterFence.index(after: $0) } ?? afterFence.startIndex
            guard let close = afterFence[bodyStart...].range(of: "```") else { break }
            let body = afterFence[bodyStart..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            if body.hasPrefix("{") || body.hasPrefix("[") { return body }
            rest = afterFence[close.upperBound...]
        }
        if trimmed.hasPrefix("{") { return trimmed }
        guard let open = trimmed.firstIndex(of: "{"), let close = trimmed.lastIndex(of: "}"), open < close else { return trimmed }
        return String(trimmed[open...close])
    }
}
