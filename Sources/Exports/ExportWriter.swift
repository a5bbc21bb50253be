import Foundation
public import JSON

/// What an export can be written as.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// RFC 4180 with LF line ends, a header line, and spreadsheet formulas defused.
    case csv
    /// One JSON array.
    case json
    /// One JSON object per line.
    case jsonl
}

/// A record an export can write: its columns, fixed so that even an empty CSV has its header.
public protocol ExportRecord {
    static var columns: [String] { get }
    /// In the order of `columns`.
    var values: [ExportValue] { get }
}

/// Where an export's text goes: a file or standard output in chunks, or a string in memory.
public protocol ExportOutput {
    func write(_ text: String) throws
    func flush() throws
}

/// An export collected in memory: the dashboard's downloads.
public final class ExportText: ExportOutput {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) throws { self.text += text }
    public func flush() throws {}
}

/// Writes records one at a time in the chosen format, so that an export of any size is never
/// held whole in memory.
public struct ExportWriter<Record: ExportRecord, Output: ExportOutput> {
    let format: ExportFormat
    let output: Output
    public private(set) var count = 0

    public init(format: ExportFormat, output: Output) {
        self.format = format
        self.output = output
    }

    public func begin() throws {
        switch format {
        case .csv: try output.write(Record.columns.map { ExportValue.csvField($0) }.joined(separator: ",") + "\n")
        case .json: try output.write("[")
        case .jsonl: break
        }
    }

    public mutating func write(_ record: Record) throws {
        var line = ""
        switch format {
        case .csv:
            line = record.values.map(\.csv).joined(separator: ",") + "\n"
        case .json:
            line = count == 0 ? "\n" : ",\n"
            jsonObject(record).write(to: &line)
        case .jsonl:
            jsonObject(record).write(to: &line)
            line += "\n"
        }
        try output.write(line)
        count += 1
    }

    /// Closes the JSON array (`[]` when empty) and flushes.
    public func finish() throws {
        if format == .json { try output.write(count == 0 ? "]\n" : "\n]\n") }
        try output.flush()
    }

    private func jsonObject(_ record: Record) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for (column, value) in zip(Record.columns, record.values) { members.append((column, value.json)) }
        return .object(members)
    }
}

/// One cell of an exported record.
public enum ExportValue {
    case text(String?)
    case integer(Int64?)
    case list([String])

    /// Empty when unknown.
    public var csv: String {
        switch self {
        case .text(let text): text.map(Self.csvField) ?? ""
        case .integer(let number): number.map(String.init) ?? ""
        // Semicolons rather than commas, so that a list stays readable inside one cell.
        case .list(let items): Self.csvField(items.joined(separator: ";"))
        }
    }

    /// Null when unknown.
    public var json: JSONValue {
        switch self {
        case .text(let text): JSONValue(text)
        case .integer(let number): number.map(JSONValue.integer) ?? .null
        case .list(let items): .array(items.map(JSONValue.string))
        }
    }

    /// A text field: defused when a spreadsheet would read it as a formula (message text comes
    /// from anyone in the server), then quoted when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        var field = text
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            field = "'" + field
        }
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
