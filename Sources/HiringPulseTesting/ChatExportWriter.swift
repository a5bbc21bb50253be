import Discord
import Foundation
import JSON

/// One message to write into an export, in DiscordChatExporter's terms.
public struct ExportMessageSpec: Sendable {
    public var id: UInt64
    public var type: String
    public var timestamp: String
    public var timestampEdited: String?
    public var content: String
    public var authorID: String
    public var authorName: String
    public var isBot: Bool
    /// A file attached, by name: a screenshot of an offer with no words is common.
    public var attachment: String?
    /// A sticker sent, by name.
    public var sticker: String?

    public init(
        id: UInt64, type: String = "Default", timestamp: String, timestampEdited: String? = nil, content: String,
        authorID: String, authorName: String? = nil, isBot: Bool = false, attachment: String? = nil, sticker: String? = nil
    ) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.timestampEdited = timestampEdited
        self.content = content
        self.authorID = authorID
        self.authorName = authorName ?? "user\(authorID.suffix(4))"
        self.isBot = isBot
        self.attachment = attachment
        self.sticker = sticker
    }

    /// The message as DiscordChatExporter writes it, with the fields HiringPulse ignores as well.
    var json: JSONValue {
        .object([
            ("id", .string(String(id))), ("type", .string(type)), ("timestamp", .string(timestamp)),
            ("timestampEdited", JSONValue(timestampEdited)), ("callEndedTimestamp", .null), ("isPinned", .bool(false)),
            ("content", .string(content)),
            (
                "author",
                .object([
                    ("id", .string(authorID)), ("name", .string(authorName)), ("discriminator", .string("0000")),
                    ("nickname", .string(authorName)), ("color", .null), ("isBot", .bool(isBot)), ("roles", .array([])),
                    ("avatarUrl", .string("https://cdn.discordapp.com/embed/avatars/0.png")),
                ])
            ),
            (
                "attachments",
                .array(
                    attachment.map { name in
                        [
                            .object([
                                ("id", .string(String(id + 1))),
                                ("url", .string("https://cdn.discordapp.com/attachments/1/\(id + 1)/\(name)")),
                                ("fileName", .string(name)), ("fileSizeBytes", .integer(48_213)),
                            ])
                        ]
                    } ?? [])
            ),
            ("embeds", .array([])),
            (
                "stickers",
                .array(
                    sticker.map { name in
                        [
                            .object([
                                ("id", .string(String(id + 2))), ("name", .string(name)), ("format", .string("Png")),
                                ("sourceUrl", .string("https://cdn.discordapp.com/stickers/\(id + 2).png")),
                            ])
                        ]
                    } ?? [])
            ),
            ("reactions", .array([])),
            ("mentions", .array([])), ("inlineEmojis", .array([])),
        ])
    }
}

/// Writes a DiscordChatExporter JSON export, streaming, so exports of any size can be made for tests
/// and benchmarks.
public final class ChatExportWriter {
    private let handle: FileHandle
    private var buffer = ""
    private var count = 0

    public init(
        path: String, guildID: String = "900000000000000001", channelID: String = "900000000000000002",
        channelName: String = "recruiting"
    ) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let guild = JSONValue.object([("id", .string(guildID)), ("name", .string("CS Recruiting")), ("iconUrl", .null)])
        let channel = JSONValue.object([
            ("id", .string(channelID)), ("type", .string("GuildTextChat")), ("categoryId", .string("900000000000000003")),
            ("category", .string("Recruiting")), ("name", .string(channelName)), ("topic", .null),
        ])
        buffer =
            "{\n  \"guild\": \(guild.serialized),\n  \"channel\": \(channel.serialized),\n"
            + "  \"dateRange\": {\"after\": null, \"before\": null},\n  \"exportedAt\": \"2026-11-01T00:00:00+00:00\",\n"
            + "  \"messages\": [\n"
    }

    public func append(_ message: ExportMessageSpec) throws {
        if count > 0 { buffer += ",\n" }
        buffer += "    "
        message.json.write(to: &buffer)
        count += 1
        if buffer.utf8.count > 1 << 20 { try flush() }
    }

    /// Closes the messages array and the file.
    public func finish() throws {
        buffer += "\n  ],\n  \"messageCount\": \(count)\n}\n"
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes a whole export at once.
    public static func write(
        _ messages: [ExportMessageSpec], to path: String, guildID: String = "900000000000000001", channelID: String = "900000000000000002"
    ) throws {
        let writer = try ChatExportWriter(path: path, guildID: guildID, channelID: channelID)
        for message in messages { try writer.append(message) }
        try writer.finish()
    }
}
