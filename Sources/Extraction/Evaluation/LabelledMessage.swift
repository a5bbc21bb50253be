public import Domain
import JSON

/// One message of an evaluation set: `{"id", "content", "label": {kind, spam, updates, posting}}`.
/// The label's fields may also sit beside `content` (the shape of the repository's labelled sets).
/// A posting label's salaries may be hourly or monthly (`"period": "hour"`); they are annualized
/// here, as extractors report them.
public struct LabelledMessage: Sendable {
    public var id: String
    public var content: String
    public var label: ExtractionResult

    public struct LineError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func parse(_ line: String, number: Int) throws(LineError) -> LabelledMessage {
        let json: JSONValue
        do {
            json = try JSONParser.parse(line)
        } catch {
            throw LineError(line: number, reason: error.description)
        }
        guard let id = json["id"]?.stringValue ?? json["id"]?.integerValue.map({ String($0) }) else {
            throw LineError(line: number, reason: "\"id\" is missing or not a string")
        }
        guard let content = json["content"]?.stringValue else {
            throw LineError(line: number, reason: "\"content\" is missing or not a string")
        }
        let labelJSON = json["label"] ?? json
        do {
            var label = try ExtractionResult(contract: labelJSON)
            if var posting = label.posting, let multiplier = Self.annualMultiplier(labelJSON["posting"]?["period"]?.stringValue) {
                posting.salaryMin = posting.salaryMin.map { $0 * multiplier }
                posting.salaryMax = posting.salaryMax.map { $0 * multiplier }
                label.posting = posting
            }
            return LabelledMessage(id: id, content: content, label: label)
        } catch {
            throw LineError(line: number, reason: "label: \(error.description)")
        }
    }

    static func annualMultiplier(_ period: String?) -> Int? {
        switch period {
        case "hour": 2080
        case "week": 52
        case "month": 12
        default: nil
        }
    }
}
