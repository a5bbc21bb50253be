import Foundation
import JSON
public import Logging
import Store
import Synchronization

/// How each log line is written: `text` for people, `json` (one object per line) or `logfmt`
/// for collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json, logfmt
}

/// Replaces every secret's value with `[REDACTED]`, whatever carries it: a message, an error's
/// description, a metadata value.
public struct Redactor: Sendable {
    let secrets: [String]

    public init(secrets: [String]) {
        // Longest first, so that a secret containing another is replaced whole.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "[REDACTED]")
        }
        return text
    }
}

/// One line per log event on standard error, in the configured format, with secrets redacted.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let format: LogFormat
    let redactor: Redactor
    let output: LineOutput

    public init(label: String, format: LogFormat, level: Logger.Level, redactor: Redactor, output: LineOutput = .standardError) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.redactor = redactor
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let fields = merged.sorted { $0.key < $1.key }.map { ($0.key, redactor.redact($0.value.description)) }
        let line = Self.format(
            format, time: Timestamp.iso8601(Timestamp.now()), level: event.level, label: label,
            message: redactor.redact(event.message.description), fields: fields)
        output.write(line + "\n")
    }

    /// The line for one event, without its newline.
    public static func format(
        _ format: LogFormat, time: String, level: Logger.Level, label: String, message: String, fields: [(String, String)]
    ) -> String {
        switch format {
        case .text:
            let rendered = fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            return "\(time) \(level) \(label): \(message)" + (rendered.isEmpty ? "" : " [\(rendered)]")
        case .json:
            let base: [(String, JSONValue)] = [
                ("time", .string(time)), ("level", .string(level.rawValue)), ("logger", .string(label)), ("message", .string(message)),
            ]
            return JSONValue.object(base + fields.map { ($0.0, .string($0.1)) }).serialized
        case .logfmt:
            let pairs = [("time", time), ("level", level.rawValue), ("logger", label), ("message", message)] + fields
            return pairs.map { "\(logfmtKey($0.0))=\(logfmtValue($0.1))" }.joined(separator: " ")
        }
    }

    static func logfmtKey(_ key: String) -> String {
        String(key.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" ? $0 : "_" })
    }

    /// Bare when it can be, else quoted with `"` and `\` escaped and line breaks written as `\n`.
    static func logfmtValue(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.contains {
                $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true
            }
        guard needsQuotes else { return value }
        var quoted = "\""
        for character in value {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}

/// Where log lines go: standard error, one write per line under a lock so that lines from
/// concurrent tasks never interleave.
public final class LineOutput: Sendable {
    private let lock = Mutex(())
    private let descriptor: Int32

    public static let standardError = LineOutput(descriptor: 2)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ line: String) {
        var line = line
        lock.withLock { _ in
            line.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}
