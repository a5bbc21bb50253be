import Discord
import JSON
import Store

/// Pulls the messages of an export out of the file in batches, reading it a chunk at a time, so
/// that the importer can extract and store each batch before the next is read.
public final class ChatExportMessageReader {
    private let path: String
    private var reader: JSONReader
    private var number = 0
    private var isDone = false

    init(path: String) throws(ImportError) {
        self.path = path
        reader = try ExportFileInput(path: path).reader()
        // To the messages array; the rest of the file was checked, and holds nothing to import.
        do {
            try reader.enterObject()
            while let key = try reader.nextKey() {
                if key == "messages" {
                    try reader.enterArray()
                    return
                }
                try reader.skipValue()
            }
        } catch {
            throw ImportError("\(path): \(error)")
        }
        isDone = true
    }

    /// Up to `maximumCount` messages; an empty array at the end of the file.
    public func nextBatch(maximumCount: Int) throws(ImportError) -> [Result<ExportedMessage, ImportError>] {
        // Read through a local: the byte loops then pay for no exclusivity checks on a class's property.
        var reader = JSONReader(bytes: [])
        swap(&reader, &self.reader)
        defer { swap(&reader, &self.reader) }
        var batch: [Result<ExportedMessage, ImportError>] = []
        batch.reserveCapacity(maximumCount)
        do {
            while batch.count < maximumCount, !isDone {
                guard try reader.nextElement() else {
                    isDone = true
                    break
                }
                number += 1
                batch.append(try ExportedMessage.read(from: &reader, number: number, path: path))
            }
        } catch {
            throw ImportError("\(path): \(error)")
        }
        return batch
    }
}

extension ExportedMessage {
    /// Reads the fields HiringPulse keeps from one exported message, stepping over the rest
    /// (attachments, embeds, reactions, …) without building them.
    static func read(from reader: inout JSONReader, number: Int, path: String) throws(JSONSyntaxError)
        -> Result<ExportedMessage, ImportError>
    {
        func fail(_ reason: String) -> Result<ExportedMessage, ImportError> {
            .failure(ImportError("\(path): message #\(number): \(reason)"))
        }
        guard reader.nextValueKind() == .object else {
            try reader.skipValue()
            return fail("not an object")
        }
        var id: Snowflake?
        var type = "Default"
        var timestamp: Int64?
        var edited: Int64?
        var content = ""
        var authorID: String?
        var isBot = false
        var carriesFiles = false
        try reader.enterObject()
        while let key = try reader.nextKey() {
            switch key {
            case "id": id = try reader.readValue().stringValue.flatMap(Snowflake.init)
            case "type": type = try reader.readValue().stringValue ?? type
            case "timestamp": timestamp = try reader.readValue().stringValue.flatMap(Timestamp.parse)
            case "timestampEdited": edited = try reader.readValue().stringValue.flatMap(Timestamp.parse)
            case "content": content = try reader.readValue().stringValue ?? ""
            case "attachments", "stickers":
                if case .array(let items) = try reader.readValue(), !items.isEmpty { carriesFiles = true }
            case "author" where reader.nextValueKind() == .object:
                try reader.enterObject()
                while let field = try reader.nextKey() {
                    switch field {
                    case "id": authorID = try reader.readValue().stringValue
                    case "isBot": isBot = try reader.readValue() == .bool(true)
                    default: try reader.skipValue()
                    }
                }
            default: try reader.skipValue()
            }
        }
        guard let id else { return fail("no valid \"id\"") }
        guard let timestamp else { return fail("no valid \"timestamp\"") }
        guard let authorID, !authorID.isEmpty else { return fail("no \"author\" with an id") }
        return .success(
            ExportedMessage(
                id: Int64(bitPattern: id.rawValue), type: type, timestamp: timestamp, editedTimestamp: edited,
                content: content, authorID: authorID, authorIsBot: isBot, hasAttachmentsOrStickers: carriesFiles))
    }
}
