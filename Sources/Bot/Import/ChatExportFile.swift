import Discord
import JSON

/// Why an export file cannot be imported. Nothing of the file has been written when this is thrown.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The channel an export comes from.
public struct ChatExportHeader: Sendable, Hashable {
    public var guildID: Int64?
    public var guildName: String?
    public var channelID: Int64
    public var channelName: String?
    /// Messages in the file, counted while checking it.
    public var messageCount: Int
    public var byteCount: Int64
}

/// One message of a DiscordChatExporter export, with only what HiringPulse keeps.
public struct ExportedMessage: Sendable, Hashable {
    public var id: Int64
    public var type: String
    public var timestamp: Int64
    public var editedTimestamp: Int64?
    public var content: String
    public var authorID: String
    public var authorIsBot: Bool
    /// Attachments and stickers: what a message without text may still carry.
    public var hasAttachmentsOrStickers = false

    /// Message types that carry something a member wrote; joins, pins and boosts do not.
    public var isUserContent: Bool { type == "Default" || type == "Reply" }
}

/// A DiscordChatExporter JSON export (`{"guild": …, "channel": …, "messages": [ … ]}`), read as a
/// stream: the file is checked whole before anything is imported, then its messages are read in
/// batches, so memory stays flat whatever the file's size.
public struct ChatExportFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Reads the whole file once: JSON syntax, UTF-8, the export's shape. Returns its channel and
    /// message count. `progress` gets the bytes read so far.
    public func check(progress: (Int64) -> Void = { _ in }) throws(ImportError) -> ChatExportHeader {
        let input = try ExportFileInput(path: path)
        var reader = try input.reader()
        var guild: JSONValue?
        var channel: JSONValue?
        var messageCount = 0
        var sawMessages = false
        var reported: Int64 = 0
        do {
            guard reader.nextValueKind() == .object else {
                try reader.skipValue()
                try reader.finish()
                throw ImportError("\(path): not a DiscordChatExporter JSON export (the top level is not an object)")
            }
            try reader.enterObject()
            while let key = try reader.nextKey() {
                switch key {
                case "guild": guild = try reader.readValue()
                case "channel": channel = try reader.readValue()
                case "messages":
                    guard reader.nextValueKind() == .array else { throw ImportError("\(path): \"messages\" is not an array") }
                    sawMessages = true
                    try reader.enterArray()
                    while try reader.nextElement() {
                        guard reader.nextValueKind() == .object else {
                            throw ImportError("\(path): message #\(messageCount + 1) is not an object")
                        }
                        try reader.skipValue()
                        messageCount += 1
                        if input.bytesRead != reported {
                            reported = input.bytesRead
                            progress(reported)
                        }
                    }
                default: try reader.skipValue()
                }
            }
            try reader.finish()
        } catch let error as ImportError {
            throw error
        } catch {
            throw input.failure ?? ImportError("\(path): \(error)")
        }
        progress(input.bytesRead)
        guard sawMessages else { throw ImportError("\(path): not a DiscordChatExporter JSON export (no \"messages\" array)") }
        guard let channel, let channelID = channel["id"]?.stringValue.flatMap(Snowflake.init) else {
            throw ImportError("\(path): not a DiscordChatExporter JSON export (no \"channel\" with an id)")
        }
        return ChatExportHeader(
            guildID: (guild?["id"]?.stringValue).flatMap(Snowflake.init).map { Int64(bitPattern: $0.rawValue) },
            guildName: guild?["name"]?.stringValue,
            channelID: Int64(bitPattern: channelID.rawValue),
            channelName: channel["name"]?.stringValue,
            messageCount: messageCount,
            byteCount: input.bytesRead
        )
    }

    /// A reader of the file's messages, in file order. Call after `check()`: a message that lacks
    /// what an export message has (an id, a timestamp, an author) comes as a failure.
    public func messageReader() throws(ImportError) -> ChatExportMessageReader {
        try ChatExportMessageReader(path: path)
    }
}
