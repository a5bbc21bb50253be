import Foundation
import JSON

/// What the JSON feeds share: reading the top-level array and lenient field access, since feeds
/// drift between numbers and strings for the same field.
enum FeedJSON {
    struct ItemError: Error {
        var reason: String
    }

    /// A feed that is one JSON array of jobs: each element read by `item`, those `ignoring` names
    /// (a notice, not a job) left out without a word, the others that fail listed with why.
    static func parseJobs(
        _ bytes: [UInt8], ignoring ignored: (JSONValue) -> Bool = { _ in false },
        item: (JSONValue) throws(ItemError) -> FeedItem
    ) -> FeedParseResult {
        switch topLevelArray(bytes) {
        case .success(let elements): parseJobs(elements, ignoring: ignored, item: item)
        case .failure(let failure): .failure(failure.reason)
        }
    }

    /// Jobs already taken out of the document (the `jobs` array of an object, for the job-board
    /// APIs that wrap theirs), read as `parseJobs(_:ignoring:item:)` reads a top-level array.
    static func parseJobs(
        _ elements: [JSONValue], ignoring ignored: (JSONValue) -> Bool = { _ in false },
        item: (JSONValue) throws(ItemError) -> FeedItem
    ) -> FeedParseResult {
        var result = FeedParseResult()
        result.items.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() where !ignored(element) {
            do throws(ItemError) {
                result.items.append(try item(element))
            } catch {
                result.skipped.append(FeedItemProblem(index: index, reason: error.reason))
            }
        }
        return result
    }

    /// A job's item, begun: the element must be an object with a non-empty title under `key`
    /// ("position" for RemoteOK), or it is skipped with why. `meaning` explains a key whose name
    /// does not say it is the title (Lever's "text").
    static func item(_ job: JSONValue, titledBy key: String, meaning: String? = nil, source: String) throws(ItemError) -> FeedItem {
        guard case .object = job else { throw ItemError(reason: "expected an object, found \(kind(of: job))") }
        guard let title = FeedText.line(string(job[key])) else {
            let named = key + (meaning.map { " (\($0))" } ?? "")
            throw ItemError(reason: job[key] == nil ? "no \(named)" : "\(named) is empty or not a string")
        }
        return FeedItem(source: source, title: title)
    }

    static func topLevelArray(_ bytes: [UInt8]) -> Result<[JSONValue], ItemError> {
        document(bytes).flatMap { document in
            guard let array = document.arrayValue else {
                return .failure(ItemError(reason: "expected a JSON array of jobs, found \(kind(of: document))"))
            }
            return .success(array)
        }
    }

    /// The body as one JSON value, whatever its kind.
    static func document(_ bytes: [UInt8]) -> Result<JSONValue, ItemError> {
        var bytes = bytes
        // A UTF-8 byte order mark is not JSON, but some servers send one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.contains(where: { !JSONReader.isWhitespace($0) }) else { return .failure(ItemError(reason: "empty body")) }
        do throws(JSONParser.SyntaxError) {
            return .success(try JSONParser.parse(bytes))
        } catch {
            return .failure(ItemError(reason: error.description))
        }
    }

    /// The `jobs` array of an object such as `{"jobs": [...], "meta": {...}}`; `answer` names the
    /// expected shape in the error ("Greenhouse's").
    static func jobsArray(of document: JSONValue, answer: String) -> Result<[JSONValue], ItemError> {
        guard case .object = document else {
            return .failure(ItemError(reason: "expected \(answer) object with a \"jobs\" array, found \(kind(of: document))"))
        }
        guard let jobs = document["jobs"] else {
            return .failure(ItemError(reason: "expected \(answer) object with a \"jobs\" array, found an object without \"jobs\""))
        }
        guard let array = jobs.arrayValue else {
            return .failure(ItemError(reason: "expected \(answer) \"jobs\" to be an array, found \(kind(of: jobs))"))
        }
        return .success(array)
    }

    /// A non-empty string, trimmed; numbers are written out (ids are sometimes numbers).
    static func string(_ value: JSONValue?) -> String? {
        let text: String
        switch value {
        case .string(let string): text = FeedText.trimmed(string)
        case .integer(let integer): text = String(integer)
        case .number(let number):
            text = number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: return nil
        }
        return text.isEmpty ? nil : text
    }

    /// A number, also when written as a string ("85000").
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer, .number: value?.numericValue
        case .string(let string): Double(FeedText.trimmed(string))
        default: nil
        }
    }

    /// The strings of an array (others left out); a lone string counts as a one-element array.
    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let values): values.compactMap { string($0) }
        case .string: string(value).map { [$0] } ?? []
        default: []
        }
    }

    /// Unix seconds; milliseconds are recognized by their size, since a few feeds send them.
    static func unixDate(_ value: JSONValue?) -> Date? {
        guard let seconds = number(value), seconds > 0 else { return nil }
        return Date(timeIntervalSince1970: seconds > 100_000_000_000 ? seconds / 1000 : seconds)
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
